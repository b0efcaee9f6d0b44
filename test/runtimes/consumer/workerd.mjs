// The workerd leg, run on Node 22 (miniflare needs it): bundles worker.mjs with esbuild as a user's
// build would (no Node built-ins, no nodejs_compat), serves it with miniflare on 127.0.0.1 and runs
// client.mjs's checks against it over real HTTP. Then otel-worker.mjs (http-triage/otel with
// @opentelemetry/sdk-metrics) is bundled as wrangler bundles a worker (esbuild's browser platform,
// so that the SDK's package.json "browser" maps pick its code without Node built-ins; still no
// nodejs_compat), and its one request runs otel.mjs's checks. Prints one `@@RESULT {json}` line.
// Usage: node workerd.mjs <runtimes-node_modules> <closed-url> <hanging-url>
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { checker } from './checker.mjs'
import { httpChecks } from './client.mjs'

const [modules, closed, hanging] = process.argv.slice(2)
const require = createRequire(join(modules, 'index.js'))
const { build } = require('esbuild')
const { Miniflare } = require('miniflare')
const miniflareVersion = JSON.parse(readFileSync(join(modules, 'miniflare/package.json'), 'utf8')).version
const workerdVersion = JSON.parse(readFileSync(join(modules, 'workerd/package.json'), 'utf8')).version

const out = { runtime: `workerd ${workerdVersion}`, detail: `miniflare ${miniflareVersion}` }
const bundle = checker()

/**
 * The esbuild bundle of `entry`, checked to take `takes` from the packed package and import nothing
 * (no import statement, no require call; esbuild's CommonJS wrappers are named `require_…`).
 */
async function bundleOf(entry, takes, platform = 'neutral') {
  try {
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
    const code = result.outputFiles[0].text
    const inputs = Object.keys(result.metafile.inputs)
    for (const name of takes)
      bundle.ok(
        `${entry}: the bundle takes http-triage/${name === 'index' ? '' : name} from the packed package`,
        inputs.some((input) => input === `node_modules/http-triage/dist/${name}.js`),
        inputs.filter((input) => input.includes('http-triage')),
      )
    bundle.ok(
      `${entry}: the bundle imports nothing`,
      !/^\s*import\s/m.test(code) &&
        !/(?<![\w$.])require\(/.test(code) &&
        !code.includes('Dynamic require of'),
    )
    return code
  } catch (error) {
    bundle.fail(`esbuild bundle of ${entry}`, error)
    return undefined
  }
}

/** Serves `code` with miniflare on 127.0.0.1 and hands its origin to `use`. */
async function serve(code, use) {
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: join(import.meta.dirname, 'worker.js'), contents: code }],
    compatibilityDate: '2025-09-01',
    bindings: { CLOSED_URL: closed, HANGING_URL: hanging },
    host: '127.0.0.1',
    port: 0,
    cf: false,
  })
  try {
    await use((await mf.ready).origin)
  } finally {
    await mf.dispose()
  }
}

const code = await bundleOf('worker.mjs', ['index', 'fetch', 'hono'])
const otelCode = await bundleOf('otel-worker.mjs', ['index', 'fetch', 'otel'], 'browser')
out.import = bundle.result()

if (code !== undefined) {
  try {
    await serve(code, async (origin) => Object.assign(out, await httpChecks(origin)))
  } catch (error) {
    out.core = { result: { ok: false, count: 1, failures: [`miniflare: ${error?.stack ?? error}`] } }
  }
}
if (otelCode === undefined) {
  out.otel = { ok: false, count: 1, failures: ['the esbuild bundle of otel-worker.mjs failed (see import)'] }
} else {
  try {
    await serve(otelCode, async (origin) => {
      const response = await fetch(`${origin}/otel`)
      const text = await response.text()
      try {
        out.otel = JSON.parse(text)
      } catch {
        out.otel = {
          ok: false,
          count: 1,
          failures: [`/otel answered ${response.status}: ${text.slice(0, 2000)}`],
        }
      }
    })
  } catch (error) {
    out.otel = { ok: false, count: 1, failures: [`miniflare: ${error?.stack ?? error}`] }
  }
}
console.log(`@@RESULT ${JSON.stringify(out)}`)
process.exit(0)

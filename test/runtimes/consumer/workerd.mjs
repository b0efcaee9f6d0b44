// The workerd leg, run on Node 22 (miniflare needs it): bundles worker.mjs with esbuild as a user's
// build would (no Node built-ins, no nodejs_compat), serves it with miniflare on 127.0.0.1 and runs
// client.mjs's checks against it over real HTTP. Prints one `@@RESULT {json}` line.
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
let code
try {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'worker.mjs')],
    absWorkingDir: import.meta.dirname,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'silent',
    metafile: true,
  })
  code = result.outputFiles[0].text
  const inputs = Object.keys(result.metafile.inputs)
  for (const entry of ['index', 'fetch', 'hono'])
    bundle.ok(
      `the bundle takes http-triage/${entry === 'index' ? '' : entry} from the packed package`,
      inputs.some((input) => input === `node_modules/http-triage/dist/${entry}.js`),
      inputs.filter((input) => input.includes('http-triage')),
    )
  bundle.ok('the bundle imports nothing', !/^\s*import\s/m.test(code) && !code.includes('require('))
} catch (error) {
  bundle.fail('esbuild bundle of worker.mjs', error)
}
out.import = bundle.result()

if (code !== undefined) {
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: join(import.meta.dirname, 'worker.js'), contents: code }],
    compatibilityDate: '2025-09-01',
    bindings: { CLOSED_URL: closed, HANGING_URL: hanging },
    host: '127.0.0.1',
    port: 0,
    cf: false,
  })
  try {
    const url = await mf.ready
    Object.assign(out, await httpChecks(url.origin))
  } catch (error) {
    out.core = { result: { ok: false, count: 1, failures: [`miniflare: ${error?.stack ?? error}`] } }
  } finally {
    await mf.dispose()
  }
}
console.log(`@@RESULT ${JSON.stringify(out)}`)
process.exit(0)

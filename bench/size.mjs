// Size and start-up: each entry point bundled the way a user's bundler sees it (its run-time
// dependency ulid included, frameworks external, minified, gzip -9), and the
// time to import it in a fresh process. Run after `npm run build`: node bench/size.mjs
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild' // esbuild comes with tsup
import { median, printTable, verdict } from './table.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SPAWNS = Number(process.env.BENCH_SPAWNS ?? 9)
// The default entry with every rule family (the rebuilt classifier's target); the engine alone,
// without families, ≤ 5 KB.
const CORE_LIMIT = 15 * 1024
const ENGINE_LIMIT = 5 * 1024
const ADAPTER_LIMIT = 1.5 * 1024
// The client stands alone in a browser bundle: it shares only the network-fault predicates.
const CLIENT_LIMIT = 4 * 1024
const ADAPTERS = ['express', 'fastify', 'hono', 'fetch', 'otel']

/** min and min+gzip bytes of a bundle of `source`, an ES module that imports from the package. */
async function bundle(source, loader = 'js') {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser', // a Worker / edge bundle; a Node bundle resolves the same files here
    target: 'es2022',
    external: ['express', 'fastify', 'hono', 'hono/*', '@opentelemetry/api'],
    write: false,
    logLevel: 'error',
  })
  const code = result.outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`

// `export *` keeps every export alive: what a user pays who uses the whole entry. The
// `classify only` row is what tree shaking leaves for one named import.
const core = await bundle(`export * from 'http-triage'`)
const classifyOnly = await bundle(`export { classify } from 'http-triage'`)
const defaultEntry = await bundle(`export { classify, serialize } from 'http-triage'`)
const sizeRows = [
  ['http-triage (whole entry)', kb(core.min), kb(core.gzip), '—'],
  ['http-triage, `{ classify, serialize }`', kb(defaultEntry.min), kb(defaultEntry.gzip), '—'],
  ['http-triage, `{ classify }` only', kb(classifyOnly.min), kb(classifyOnly.gzip), '—'],
]
// The engine without any family: no entry of the package leaves the built-in families out
// (`createClassifier` binds them), so this bundles the engine's own file from src/, as an entry
// would that exported it: the walk, probe, index, builder and codes, with user rules only.
const engine = await bundle(`export { createClassifierWith } from './src/create-classifier.ts'`, 'ts')
sizeRows.push(['engine alone (src/create-classifier.ts, no family)', kb(engine.min), kb(engine.gzip), '—'])
const targets = [
  verdict(
    defaultEntry.gzip <= CORE_LIMIT,
    `default entry ({ classify, serialize }) ≤ 15 KB min+gzip: ${kb(defaultEntry.gzip)} (whole entry ${kb(core.gzip)})`,
  ),
  verdict(ENGINE_LIMIT >= engine.gzip, `engine without families ≤ 5 KB min+gzip: ${kb(engine.gzip)}`),
]
for (const name of ADAPTERS) {
  const alone = await bundle(`export * from 'http-triage/${name}'`)
  const both = await bundle(
    `export * as core from 'http-triage'\nexport * as adapter from 'http-triage/${name}'`,
  )
  const adds = both.gzip - core.gzip
  sizeRows.push([`http-triage/${name}`, kb(alone.min), kb(alone.gzip), kb(adds)])
  targets.push(verdict(adds <= ADAPTER_LIMIT, `http-triage/${name} adds ≤ 1.5 KB to the core: ${kb(adds)}`))
}
const client = await bundle(`export * from 'http-triage/client'`)
sizeRows.push(['http-triage/client (alone)', kb(client.min), kb(client.gzip), '—'])
targets.push(verdict(client.gzip <= CLIENT_LIMIT, `http-triage/client ≤ 4 KB min+gzip: ${kb(client.gzip)}`))
console.log(
  '### Bundle size (esbuild, minified, ES2022, gzip -9; runtime deps included, frameworks external)\n',
)
printTable(['entry', 'min', 'min+gzip', 'added to the whole core (gzip)'], sizeRows)

// Where the bytes of the core come from: the same bundle built from src/ with a metafile (the dist
// chunks would only name themselves). Minified bytes per input; gzip does not split by input.
const traced = await build({
  entryPoints: [`${ROOT}src/index.ts`],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'error',
})
const groups = new Map()
for (const [input, { bytesInOutput }] of Object.entries(Object.values(traced.metafile.outputs)[0].inputs)) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]
  const group =
    pkg ??
    (input.includes('src/rules/') ? input.slice(input.indexOf('src/rules/')) : 'src/ (core, not rules)')
  groups.set(group, (groups.get(group) ?? 0) + bytesInOutput)
}
const total = [...groups.values()].reduce((a, b) => a + b, 0)
const sorted = [...groups].sort((a, b) => b[1] - a[1])
const shown = sorted.slice(0, 12)
const rest = sorted.slice(12).reduce((sum, [, bytes]) => sum + bytes, 0)
console.log('### What the core bundle is made of (minified bytes per input, from src/)\n')
printTable(
  ['input', 'min bytes', 'share'],
  [...shown, [`${sorted.length - shown.length} more inputs`, rest]].map(([name, bytes]) => [
    name,
    String(bytes),
    `${((100 * bytes) / total).toFixed(1)} %`,
  ]),
)

/** Milliseconds to `await import(specifier)` in a fresh node process, median of SPAWNS (one discarded). */
function importTime(specifier) {
  const script = `const t0 = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t0))`
  const run = () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT }))
  run() // the first spawn warms the file cache
  return median(Array.from({ length: SPAWNS }, run))
}

console.log(`### Cold import in a fresh process (ms, median of ${SPAWNS} spawns; node ${process.version})\n`)
const importRows = []
for (const specifier of [
  'http-triage',
  ...ADAPTERS.map((name) => `http-triage/${name}`),
  'http-triage/client',
  'http-errors',
  '@hapi/boom',
]) {
  importRows.push([`import('${specifier}')`, importTime(specifier).toFixed(1)])
}
printTable(['module', 'ms'], importRows)

console.log(targets.join('\n'))
console.log()
process.send?.({ targets })

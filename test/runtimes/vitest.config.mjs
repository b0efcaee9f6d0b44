// Runs test/adapters/conformance.test.ts against the PACKED package instead of src/: its imports of
// ../../src/index.js and ../../src/adapters/*.js are redirected to the files `import 'http-triage…'`
// resolves to in the scratch consumer (HTTP_TRIAGE_CONSUMER, set by scripts/runtime-matrix.mjs),
// and loading anything else from src/ is an error. Those files sit in node_modules, so vitest leaves
// them to the Node binary that runs it (node 20, 22 or 24), untransformed.
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = resolve(import.meta.dirname, '../..')
const src = resolve(root, 'src')
const consumer = process.env.HTTP_TRIAGE_CONSUMER
if (!consumer) throw new Error('HTTP_TRIAGE_CONSUMER is not set: run `npm run test:runtimes`')
const { RESOLVED } = await import(pathToFileURL(resolve(consumer, 'resolve.mjs')).href)
const SRC_ENTRY = /^(?:\.\.\/)+src\/(?:index|adapters\/([\w-]+))\.js$/

export default defineConfig({
  root,
  plugins: [
    {
      name: 'http-triage-from-the-package',
      enforce: 'pre',
      resolveId(source) {
        const match = SRC_ENTRY.exec(source)
        const resolved = match && RESOLVED[match[1] ?? '.']
        return resolved ? fileURLToPath(resolved) : null // anything else from src/ fails in load()
      },
      load(id) {
        if (id.startsWith(`${src}/`) && !id.endsWith('.d.ts')) {
          throw new Error(`${id} was loaded from src/: the runtime matrix tests the packed package only`)
        }
        return null
      },
    },
  ],
  test: {
    include: ['test/adapters/conformance.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
})

// npm run docs:table — rewrites docs/classification.md from the catalog's runs: test/catalog.test.ts
// runs every example through the classifier and, with UPDATE_CLASSIFICATION_TABLE=1, writes the page.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const manifest = createRequire(import.meta.url).resolve('vitest/package.json')
const vitest = join(dirname(manifest), 'vitest.mjs')
const run = spawnSync(process.execPath, [vitest, 'run', 'test/catalog.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, UPDATE_CLASSIFICATION_TABLE: '1' },
})
process.exit(run.status ?? 1)

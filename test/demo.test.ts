// `npm run demo` is a newcomer's first screen: it must run, print only the demo, and fit 100 columns.
// It imports the built package (`http-triage/express` → dist/), as `npm test` builds before vitest.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

it('npm run demo prints every failure, the log and the counter, within 100 columns', () => {
  const run = spawnSync(process.execPath, ['demo/demo.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  const lines = run.stdout.trimEnd().split('\n')
  expect(lines.filter((line) => [...line].length > 100)).toEqual([])
  expect(
    lines.filter((line) => /^\s+client {2}\d{3} [A-Z_]+ {2}x-request-id: \S{26}/.test(line)),
  ).toHaveLength(13)
  expect(lines.filter((line) => /^\s+log {5}(warn|error) +rule=\S+/.test(line))).toHaveLength(13)
  expect(run.stdout).toContain('retry-after: 60')
  expect(run.stdout).toContain('www-authenticate: Bearer error="invalid_token"')
  expect(run.stdout).toContain('http_triage.errors (OpenTelemetry counter)')
}, 60_000)

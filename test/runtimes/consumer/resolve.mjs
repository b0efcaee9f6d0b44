// The files `import 'http-triage…'` resolves to from this consumer, through the package's
// "exports" (ESM conditions), for test/runtimes/vitest.config.mjs: `.` and every subpath.
import { createRequire } from 'node:module'

const { exports } = createRequire(import.meta.url)('http-triage/package.json')
export const RESOLVED = Object.fromEntries(
  Object.keys(exports)
    .filter((key) => key !== './package.json')
    .map((key) => [
      key === '.' ? '.' : key.slice(2),
      import.meta.resolve(key === '.' ? 'http-triage' : `http-triage/${key.slice(2)}`),
    ]),
)

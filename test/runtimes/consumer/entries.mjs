// Every subpath the packed package exports (its package.json "exports"), through ESM `import` and
// CJS `require`, resolved by the runtime from node_modules/http-triage as a user's code resolves it.
import { createRequire } from 'node:module'
import { equal, ok } from './expect.mjs'

const require = createRequire(import.meta.url)
const EXPORTS = require('http-triage/package.json').exports
/** `http-triage`, `http-triage/express` …: every entry of "exports" but package.json itself. */
export const SUBPATHS = Object.keys(EXPORTS)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'http-triage' : `http-triage/${key.slice(2)}`))

const names = (module) =>
  Object.keys(module)
    .filter((key) => key !== 'default' && key !== 'module.exports' && key !== '__esModule')
    .sort()

const CORE = ['classify', 'createRequestIdGenerator', 'httpError', 'isValidRequestId', 'serialize']

/** The import column's checks and the require column's, by name; each throws when it fails. */
export const IMPORT_CHECKS = Object.fromEntries(
  SUBPATHS.map((specifier) => [
    specifier,
    async () => {
      const module = await import(specifier)
      ok(names(module).length > 0, 'exports something', names(module))
      if (specifier === 'http-triage')
        equal(
          CORE.filter((name) => typeof module[name] !== 'function'),
          [],
        )
    },
  ]),
)

export const REQUIRE_CHECKS = {
  ...Object.fromEntries(
    SUBPATHS.map((specifier) => [
      specifier,
      async () => {
        const module = require(specifier)
        equal(names(module), names(await import(specifier)), 'the same exports as import')
        ok(require.resolve(specifier).endsWith('.cjs'), 'resolved to a .cjs file', require.resolve(specifier))
      },
    ]),
  ),
  'http-triage/package.json': () => equal(require('http-triage/package.json').name, 'http-triage'),
  // The dual-package hazard: an error made by one copy is recognised by the other.
  'an httpError of either copy is classified by the other': async () => {
    const esm = await import('http-triage')
    const cjs = require('http-triage')
    equal(cjs.classify(esm.httpError(409)).status, 409, 'CJS classify of an ESM httpError')
    equal(esm.classify(cjs.httpError(410)).status, 410, 'ESM classify of a CJS httpError')
  },
  'a ProblemError of either copy is an instance of the other’s class': async () => {
    const esm = await import('http-triage/client')
    const cjs = require('http-triage/client')
    const response = () => new Response(null, { status: 503 })
    equal(
      [
        new esm.ProblemError(response()) instanceof cjs.ProblemError,
        new cjs.ProblemError(response()) instanceof esm.ProblemError,
      ],
      [true, true],
    )
  },
}

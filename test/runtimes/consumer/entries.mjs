// Every subpath of the package through ESM `import` and CJS `require`, resolved by the runtime
// from node_modules/http-triage (the packed tarball), as a user's code resolves it.
import { createRequire } from 'node:module'
import { checker } from './checker.mjs'

/** The exports each subpath must have (more may exist; ESM and CJS must list the same). */
export const SUBPATHS = {
  'http-triage': ['classify', 'serialize', 'createRequestIdGenerator', 'isValidRequestId', 'httpError'],
  'http-triage/fetch': ['errorHandler', 'toResponse', 'notFoundHandler'],
  'http-triage/hono': ['errorHandler', 'notFoundHandler', 'catchThrown'],
  'http-triage/express': ['errorHandler', 'notFoundHandler'],
  'http-triage/fastify': ['errorHandler', 'notFoundHandler', 'httpTriage'],
  'http-triage/client': ['readProblem', 'withRetry', 'retryDecision', 'ProblemError'],
  'http-triage/otel': ['openTelemetry'],
}

const names = (module) =>
  Object.keys(module)
    .filter((key) => key !== 'default' && key !== 'module.exports' && key !== '__esModule')
    .sort()

export async function entryChecks() {
  const esm = checker()
  const cjs = checker()
  const modules = {}
  for (const [specifier, expected] of Object.entries(SUBPATHS)) {
    try {
      const module = await import(specifier)
      modules[specifier] = module
      for (const name of expected) esm.equal(`import ${specifier}: ${name}`, typeof module[name], 'function')
    } catch (error) {
      esm.fail(`import ${specifier}`, error)
    }
  }
  let require
  try {
    require = createRequire(import.meta.url)
  } catch (error) {
    cjs.fail('createRequire', error)
  }
  for (const [specifier, expected] of Object.entries(SUBPATHS)) {
    if (!require) break
    try {
      const module = require(specifier)
      for (const name of expected) cjs.equal(`require ${specifier}: ${name}`, typeof module[name], 'function')
      if (modules[specifier])
        cjs.equal(`require ${specifier}: same exports as import`, names(module), names(modules[specifier]))
      cjs.ok(
        `require ${specifier}: resolved to a .cjs file`,
        require.resolve(specifier).endsWith('.cjs'),
        require.resolve(specifier),
      )
    } catch (error) {
      cjs.fail(`require ${specifier}`, error)
    }
  }
  try {
    const esmCore = modules['http-triage']
    esm.equal('import: classify works', esmCore.classify(new Error('x')).status, 500)
    if (require) {
      const cjsCore = require('http-triage')
      cjs.equal('require: classify works', cjsCore.classify(new Error('x')).status, 500)
      // The dual-package hazard: an error made by one copy is recognised by the other.
      cjs.equal('require: classify of an ESM httpError', cjsCore.classify(esmCore.httpError(409)).status, 409)
      esm.equal('import: classify of a CJS httpError', esmCore.classify(cjsCore.httpError(410)).status, 410)
      cjs.equal('require http-triage/package.json', require('http-triage/package.json').name, 'http-triage')
    }
  } catch (error) {
    esm.fail('classify through both formats', error)
  }
  return { import: esm.result(), require: cjs.result() }
}

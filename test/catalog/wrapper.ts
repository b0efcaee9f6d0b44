import { unwrapperCatalog } from './example.js'

/** The `TimeoutError` that a call with `AbortSignal.timeout()` rejects with, once it has fired. */
async function timeoutError(): Promise<unknown> {
  const signal = AbortSignal.timeout(5)
  // The signal's own timer does not keep the process alive: wait on one that does.
  while (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 5))
  return signal.reason
}

// Lookalike: a resolver's located error, shaped as the graphql-js repo builds it
// (src/error/GraphQLError.ts): `originalError` non-enumerable, `locations`, `path` and `extensions`
// enumerable. Its library is in the held-out set (test/held-out/README.md), which no catalog may use.
class LocatedError extends Error {
  readonly locations = [{ line: 1, column: 3 }]
  readonly path = ['invoice']
  readonly extensions = {}
  declare readonly originalError: unknown
  constructor(originalError: unknown) {
    super(originalError instanceof Error ? originalError.message : String(originalError))
    this.name = 'GraphQLError'
    Object.defineProperty(this, 'originalError', { value: originalError, enumerable: false })
  }
}

export default unwrapperCatalog('wrapper', [
  {
    error:
      'a wrapper (`originalError`, `chainedError`, `innerErrors`): what it wraps decides, e.g. a `TimeoutError`',
    make: async () => new LocatedError(await timeoutError()),
    rule: 'fetch:timeout',
    status: 504,
    retryable: true,
  },
  {
    error: 'a retry helper that gave up (`lastError`), or a client that kept the error it wrapped as `raw`',
    make: async () => Object.assign(new Error('All retries failed'), { lastError: await timeoutError() }),
    rule: 'fetch:timeout',
    status: 504,
    retryable: true,
  },
  {
    error: "a bulk operation's error that keeps the error of each item that failed in `failures`",
    make: () =>
      Object.assign(new Error('2 of 3 operations failed'), {
        failures: [new DOMException('Key already exists in the object store.', 'ConstraintError')],
      }),
    rule: 'runtime:web:ConstraintError',
    status: 409,
  },
])

import { connect } from 'node:net'
import { PromisePool } from '@supercharge/promise-pool'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

const library = '@supercharge/promise-pool'

/** One call to a widget backend on 127.0.0.1: resolves with its first bytes. */
function callBackend(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('data', (data) => {
      socket.destroy()
      resolve(String(data))
    })
    socket.once('error', reject)
    socket.once('close', () => resolve(''))
  })
}

// A dashboard handler fans out to widget backends on 127.0.0.1 through a PromisePool and fails the
// request with the first error the pool reports: a PromisePoolError (the task's failure under
// `raw`, not `cause`), or the one handleError rethrows. Config mistakes throw promise-pool's own
// ValidationError (a plain Error whose class is named ValidationError).
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const hanging = await hangingServer()
  try {
    cases.push({
      library,
      what: 'GET /dashboard: a widget backend accepts the connection and never answers; withTaskTimeout(100) + handleError rethrow: PromisePoolError "Task in promise pool timed out after 100ms"',
      why: 'dependency too slow (task timeout), 504',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() =>
        PromisePool.for([hanging.port])
          .withTaskTimeout(100)
          .handleError((error) => {
            throw error
          })
          .process(callBackend),
      ),
    })
    const timedOut = await PromisePool.for([hanging.port, hanging.port])
      .withConcurrency(2)
      .withTaskTimeout(100)
      .process(callBackend)
    cases.push({
      library,
      what: 'GET /dashboard: same hang without handleError; the handler throws result.errors[0]: PromisePoolError "Task in promise pool timed out after 100ms" (with item)',
      why: 'dependency too slow (task timeout), 504',
      expect: { status: 504, retryable: true },
      error: timedOut.errors[0],
    })
  } finally {
    await hanging.close()
  }
  const refused = await PromisePool.for([await closedPort()]).process(callBackend)
  cases.push({
    library,
    what: 'GET /dashboard: a widget backend refuses the connection; the handler throws result.errors[0]: PromisePoolError "connect ECONNREFUSED 127.0.0.1:…" (raw: the net error with code ECONNREFUSED)',
    why: 'dependency unreachable, 503 retryable',
    expect: { status: 503, retryable: true },
    error: refused.errors[0],
  })
  const buggy = await PromisePool.for([{ id: 1 }]).process(async (widget) => {
    return (widget as unknown as { config: { url: string } }).config.url
  })
  cases.push({
    library,
    what: 'GET /dashboard: our task read a missing property; the handler throws result.errors[0]: PromisePoolError "Cannot read properties of undefined (reading \'url\')" (raw: TypeError)',
    why: 'our bug, 500',
    expect: { status: 500 },
    error: buggy.errors[0],
  })
  cases.push({
    library,
    what: 'withConcurrency(0) from a bad config value: ValidationError (plain Error subclass) "\\"concurrency\\" must be a number, 1 or up. Received \\"0\\" (number)"',
    why: 'our misconfiguration, 500 (ValidationError is not client validation here)',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      PromisePool.for([1])
        .withConcurrency(0)
        .process(async () => 1),
    ),
  })
  cases.push({
    library,
    what: 'withTaskTimeout(-1) from a bad config value: ValidationError "\\"timeout\\" must be undefined or a number. A number must be 0 or up. Received \\"-1\\" (number)"',
    why: 'our misconfiguration, 500',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      PromisePool.for([1])
        .withTaskTimeout(-1)
        .process(async () => 1),
    ),
  })
  return cases
}

import { connect } from 'node:net'
import { backOff } from 'exponential-backoff'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { startUpstream } from './support/http-upstream.js'
import { closedPort } from './support/local.js'

const library = 'exponential-backoff'
const fast = { numOfAttempts: 3, startingDelay: 5, maxDelay: 10 }

function tcpHello(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('data', () => {
      socket.destroy()
      resolve()
    })
    socket.once('error', reject)
  })
}

// exponential-backoff: backOff() retries a promise-returning call; when the attempts run out (or
// retry() returns false) it rejects with the last attempt's error, unchanged.
export const collect: Collect = async () => {
  const port = await closedPort()
  const upstream = await startUpstream('hang')
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'backOff() around fetch() to the search service whose port refuses, 3 attempts: the last TypeError "fetch failed", cause ECONNREFUSED',
      why: 'dependency unavailable: retries exhausted over a refused connection, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => backOff(() => fetch(`http://127.0.0.1:${port}/search?q=x`), fast)),
    })
    cases.push({
      library,
      what: 'backOff() around a TCP connect to a cache node whose port refuses, 3 attempts: the last Error "connect ECONNREFUSED", code ECONNREFUSED',
      why: 'dependency unavailable: retries exhausted over a refused connection, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => backOff(() => tcpHello(port), fast)),
    })
    cases.push({
      library,
      what: 'backOff() around fetch() with AbortSignal.timeout(60) to a hanging upstream, 3 attempts: the last DOMException TimeoutError',
      why: 'dependency too slow: every attempt timed out, 504 retryable',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(async () => {
        await backOff(() => fetch(`${upstream.url}/slow`, { signal: AbortSignal.timeout(60) }), fast)
      }),
    })
    cases.push({
      library,
      what: 'our retry() predicate throws a TypeError (a bug: it reads e.response.status on a plain Error): that TypeError',
      why: 'everything else: our own bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        backOff(
          async () => {
            throw new Error('first attempt failed')
          },
          {
            ...fast,
            retry: (e: { response: { status: number } }) => e.response.status >= 500,
          },
        ),
      ),
    })
    return cases
  } finally {
    await upstream.close()
  }
}

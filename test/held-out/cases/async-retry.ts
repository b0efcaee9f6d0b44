import { connect } from 'node:net'
import retry from 'async-retry'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { startUpstream } from './support/http-upstream.js'
import { closedPort } from './support/local.js'

const library = 'async-retry'
const fast = { retries: 2, minTimeout: 5, maxTimeout: 10, randomize: false }

function tcpPing(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve()
    })
    socket.once('error', reject)
  })
}

// async-retry: retries an async function with backoff; when the retries run out it rejects with
// the last attempt's error, unchanged; bail(err) stops at once with the given error.
export const collect: Collect = async () => {
  const port = await closedPort()
  const upstream = await startUpstream('hang')
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'retry() around fetch() of an internal pricing service whose port refuses, 3 attempts: the last TypeError "fetch failed", cause ECONNREFUSED',
      why: 'dependency unavailable: retries exhausted over a refused connection, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() =>
        retry(async () => {
          await fetch(`http://127.0.0.1:${port}/prices`)
        }, fast),
      ),
    })
    cases.push({
      library,
      what: 'retry() around a raw TCP connect to a queue broker whose port refuses, 3 attempts: the last Error "connect ECONNREFUSED", code ECONNREFUSED',
      why: 'dependency unavailable: retries exhausted over a refused connection, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => retry(() => tcpPing(port), fast)),
    })
    cases.push({
      library,
      what: 'retry() around fetch() with AbortSignal.timeout(80) per attempt to an upstream that never answers: the last DOMException TimeoutError',
      why: 'dependency too slow: every attempt timed out, 504 retryable',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() =>
        retry(async () => {
          await fetch(`${upstream.url}/quote`, { signal: AbortSignal.timeout(80) })
        }, fast),
      ),
    })
    upstream.reply({ status: 401, body: { error: 'invalid api key' } })
    cases.push({
      library,
      what: 'the upstream answers 401 to our API key; our function calls bail(new Error("pricing API rejected our credentials (401)")): that Error, no retries',
      why: 'upstream said 4xx to us (our credentials): 500, the 401 is never passed through',
      upstreamStatus: 401,
      expect: { status: 500 },
      error: await rejectionOf(() =>
        retry(async (bail) => {
          const res = await fetch(`${upstream.url}/quote`)
          await res.arrayBuffer()
          if (res.status === 401) bail(new Error(`pricing API rejected our credentials (${res.status})`))
          else throw new Error('unexpected')
        }, fast),
      ),
    })
    upstream.reply({ status: 200, body: { price: 'not-a-number' } })
    cases.push({
      library,
      what: 'our function throws TypeError reading a field the upstream sent in another shape, retried 3 times: the last TypeError from our own code',
      why: 'everything else: our own bug (retried in vain), 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        retry(async () => {
          const res = await fetch(`${upstream.url}/quote`)
          const body = (await res.json()) as { price: { amount: number } }
          return body.price.amount.toFixed(2)
        }, fast),
      ),
    })
    return cases
  } finally {
    await upstream.close()
  }
}

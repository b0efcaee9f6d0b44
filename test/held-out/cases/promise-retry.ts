import { get } from 'node:http'
import promiseRetry from 'promise-retry'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { DNS_FAILURE, INVALID_HOST, WHY_DNS } from './support/dns.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'promise-retry'

const FAST = { retries: 2, minTimeout: 10, maxTimeout: 20, factor: 1 }

/** A GET with node:http, resolving with the status. */
function httpGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    }).on('error', reject)
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const closed = await closedPort()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; promise-retry 2, retries: 2, 10–20 ms apart')
  try {
    add(
      'retries exhausted: a fetch to a closed loopback port was refused on each ' +
        'of 3 tries; promise-retry rejects with the last error',
      WHY.refused,
      REFUSED,
      await rejectionOf(() =>
        promiseRetry((retry) => fetch(`http://127.0.0.1:${closed}/v1/stock`).catch(retry), FAST),
      ),
    )

    add(
      `retries exhausted: a node:http GET of ${INVALID_HOST} failed DNS on each try (getaddrinfo ENOTFOUND)`,
      WHY_DNS,
      DNS_FAILURE,
      await rejectionOf(() =>
        promiseRetry((retry) => httpGet(`http://${INVALID_HOST}/v1/stock`).catch(retry), FAST),
      ),
    )

    up.reply('reset')
    add(
      'retries exhausted: the upstream reset the connection on each fetch',
      WHY.reset,
      RESET,
      await rejectionOf(() => promiseRetry((retry) => fetch(`${up.url}/v1/stock`).catch(retry), FAST)),
    )

    up.reply('hang')
    add(
      'retries exhausted: each try carried its own AbortSignal.timeout(150) and the upstream never answered',
      'dependency too slow (TimeoutError of AbortSignal.timeout): 504',
      TIMED_OUT,
      await rejectionOf(() =>
        promiseRetry(
          (retry) => fetch(`${up.url}/v1/stock`, { signal: AbortSignal.timeout(150) }).catch(retry),
          { ...FAST, retries: 1 },
        ),
      ),
    )

    up.reply({ status: 503, body: { error: 'unavailable' } })
    add(
      'retries exhausted: the upstream answered 503 each time and our code called ' +
        'retry() with no error; promise-retry rejects with undefined',
      'nothing to read (the status was lost by our code): unknown, 500',
      { status: 500 },
      await rejectionOf(() =>
        promiseRetry(async (retry) => {
          const res = await fetch(`${up.url}/v1/stock`)
          await res.arrayBuffer()
          if (res.status >= 500) return retry(undefined)
          return res
        }, FAST),
      ),
    )

    add(
      'the retry options of our configuration have minTimeout above ' +
        'maxTimeout; the retry module throws before the first try',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        promiseRetry(() => fetch(`${up.url}/v1/stock`), { retries: 2, minTimeout: 5000, maxTimeout: 100 }),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}

import fetchBuilder from 'fetch-retry'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { DNS_FAILURE, INVALID_HOST, WHY_DNS } from './support/dns.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'fetch-retry'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const closed = await closedPort()
  // Node's own fetch, wrapped: 2 retries 10 ms apart; after the last try the last error is rejected as is.
  const fetchWithRetry = fetchBuilder(fetch, { retries: 2, retryDelay: 10 })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; fetch-retry 6 around Node fetch, retries: 2, retryDelay: 10 ms')
  try {
    add(
      'retries exhausted: every try was refused by a closed loopback port; the last error is rejected',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => fetchWithRetry(`http://127.0.0.1:${closed}/v1/quotes`)),
    )

    add(
      `retries exhausted: DNS lookup of ${INVALID_HOST} failed on every try (getaddrinfo ENOTFOUND inside)`,
      WHY_DNS,
      DNS_FAILURE,
      await rejectionOf(() => fetchWithRetry(`http://${INVALID_HOST}/v1/quotes`)),
    )

    up.reply('reset')
    add(
      'retries exhausted: the upstream reset the connection on every try',
      WHY.reset,
      RESET,
      await rejectionOf(() => fetchWithRetry(`${up.url}/v1/quotes`)),
    )

    up.reply('garbage')
    add(
      'retries exhausted: the upstream answered bytes that are not HTTP on every try',
      WHY.reset,
      RESET,
      await rejectionOf(() => fetchWithRetry(`${up.url}/v1/quotes`)),
    )

    up.reply('hang')
    add(
      'the call carried AbortSignal.timeout(250) and the upstream never answered; the retries reuse the fired signal',
      'dependency too slow (TimeoutError of AbortSignal.timeout): 504',
      TIMED_OUT,
      await rejectionOf(() => fetchWithRetry(`${up.url}/v1/quotes`, { signal: AbortSignal.timeout(250) })),
    )

    add(
      'the wrapper was built with retries: -1 from a bad environment value; ' +
        'fetch-retry throws its ArgumentError (a plain object, not an Error)',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => fetchBuilder(fetch, { retries: -1 })),
    )

    add(
      "a call passed retryOn: 'always' (neither a list nor a function); fetch-retry throws its ArgumentError",
      'a bug of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        fetchWithRetry(`${up.url}/v1/quotes`, { retryOn: 'always' as unknown as number[] }),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}

import { createApiFetcher, fetchf } from 'fetchff'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runScenarios } from './support/client-matrix.js'
import { REFUSED, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'fetchff'
const settings =
  "fetchf with strategy 'reject' (its default), retries 0 (its default), a 300 ms timeout, no cache"

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  const getOrder = () =>
    fetchf(`${up.url}/v1/orders/ord_42`, {
      timeout: 300,
      retry: { retries: 0 },
      cacheTime: 0,
      dedupeTime: 0,
      headers: { authorization: 'Bearer sk_test_orders' },
    })
  try {
    cases.push(
      ...(await runScenarios({
        library,
        up,
        call: getOrder,
        scenarios: [400, 401, 429, 503, 504, 'reset'],
        keepsRetryAfter: true,
        settings,
      })),
    )

    up.reply('hang')
    let error = await rejectionOf(getOrder)
    cases.push({
      library,
      what: `fetchff's own 300 ms timeout fired on an upstream that never answers (${describe(error)}); ${settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })

    const port = await closedPort()
    error = await rejectionOf(() =>
      fetchf(`http://127.0.0.1:${port}/v1/orders/ord_42`, { timeout: 300, retry: { retries: 0 } }),
    )
    cases.push({
      library,
      what: `connection refused by a closed loopback port (${describe(error)}); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })

    // Our bug: an endpoint path joined from a prefix of "/", which makes it protocol-relative.
    const prefix = '/'
    const api = createApiFetcher({
      baseURL: up.url,
      timeout: 300,
      endpoints: { getOrder: { url: `${prefix}/v1/orders/:id` } },
    })
    up.reply({ status: 200, body: { id: 'ord_42' } })
    error = await rejectionOf(() => api.getOrder({ urlPathParams: { id: 'ord_42' } }))
    cases.push({
      library,
      what: `our endpoint URL was joined from a "/" prefix into "//v1/orders/:id", which the API fetcher refuses (${describe(error)})`,
      why: 'our own misconfiguration, no call was made: 500',
      expect: { status: 500 },
      error,
    })

    // Our bug: a relative URL and no baseURL.
    error = await rejectionOf(() => fetchf('/v1/orders/ord_42', { timeout: 300, retry: { retries: 0 } }))
    cases.push({
      library,
      what: `our code called fetchf with the relative URL "/v1/orders/ord_42" and no baseURL (${describe(error)})`,
      why: 'our own misconfiguration, no call was made: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}

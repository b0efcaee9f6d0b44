import rp from 'request-promise-native'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runScenarios } from './support/client-matrix.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'request-promise-native'
const settings =
  'request-promise-native (over request 2.88.2) with baseUrl, json: true, simple: true (rejects non-2xx), timeout 250 ms; request has no retries'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = rp.defaults({
    baseUrl: up.url,
    json: true,
    timeout: 250,
    headers: { authorization: 'Bearer sk_test_orders' },
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runScenarios({
        library,
        up,
        call: () => api.post('/v1/orders', { body: { sku: 'sku_1', quantity: 1 } }),
        scenarios: [401, 409, 429, 500, 503, 'reset'],
        keepsRetryAfter: true,
        settings,
      })),
    )

    // json: true hands an HTML page back as a string; our transform parses the body as JSON.
    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head><body>Log in</body></html>',
    })
    let error = await rejectionOf(() =>
      rp({
        uri: `${up.url}/v1/orders/ord_42`,
        timeout: 250,
        transform: (body: string) => JSON.parse(body) as unknown,
      }),
    )
    cases.push({
      library,
      what: `upstream answered 200 with an HTML login page; our JSON transform failed on it (${describe(error)}); ${settings}`,
      why: 'upstream answered badly (not the protocol): 502',
      expect: RESET,
      error,
    })

    up.reply('hang')
    error = await rejectionOf(() => api.get('/v1/orders/ord_42'))
    cases.push({
      library,
      what: `request's own 250 ms timeout fired on an upstream that never answers (${describe(error)}); ${settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })

    const port = await closedPort()
    error = await rejectionOf(() =>
      rp({ uri: `http://127.0.0.1:${port}/v1/orders/ord_42`, json: true, timeout: 250 }),
    )
    cases.push({
      library,
      what: `connection refused by a closed loopback port (${describe(error)}); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })

    // Our bug: the upstream URL came from an unset variable.
    const host = process.env.ORDERS_API_HOST_AH_UNSET
    error = await rejectionOf(() => rp({ uri: `${host}/v1/orders/ord_42`, json: true, timeout: 250 }))
    cases.push({
      library,
      what: `our upstream URL was built from an unset variable ("undefined/v1/orders/ord_42") (${describe(error)})`,
      why: 'our own misconfiguration, no call was made: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}

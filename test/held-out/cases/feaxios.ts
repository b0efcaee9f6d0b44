import type { AxiosStatic } from 'feaxios'
import * as feaxios from 'feaxios'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runScenarios } from './support/client-matrix.js'
import { REFUSED, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'feaxios'
// The ESM build's default export (its .d.ts is read as CommonJS under NodeNext, hence the namespace import).
const axios = feaxios.default as unknown as AxiosStatic
const settings =
  'feaxios instance (baseURL, 250 ms timeout; no retries: feaxios only retries with its retry plugin)'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = axios.create({
    baseURL: up.url,
    timeout: 250,
    headers: { authorization: 'Bearer sk_test_orders' },
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runScenarios({
        library,
        up,
        call: () => api.get('/v1/orders/ord_42'),
        scenarios: [401, 429, 503, 504, 'reset'],
        keepsRetryAfter: true,
        settings,
      })),
    )

    up.reply('hang')
    let error = await rejectionOf(() => api.get('/v1/orders/ord_42'))
    cases.push({
      library,
      what: `feaxios's own 250 ms timeout fired on an upstream that never answers (${describe(error)}); ${settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })

    const port = await closedPort()
    const down = axios.create({ baseURL: `http://127.0.0.1:${port}`, timeout: 250 })
    error = await rejectionOf(() => down.get('/v1/orders/ord_42'))
    cases.push({
      library,
      what: `connection refused by a closed loopback port (${describe(error)}, message "fetch failed", cause dropped); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })

    // Our bug: an instance built without baseURL (config missing), so the path is relative.
    const unconfigured = axios.create({ timeout: 250 })
    error = await rejectionOf(() => unconfigured.get('/v1/orders/ord_42'))
    cases.push({
      library,
      what: `our instance had no baseURL (config missing), so fetch got the relative URL "/v1/orders/ord_42" (${describe(error)})`,
      why: 'our own misconfiguration, no call was made: 500',
      expect: { status: 500 },
      error,
    })

    // Our bug: a GET with a body, which fetch refuses before sending.
    error = await rejectionOf(() =>
      api.request({ method: 'GET', url: '/v1/orders', data: { status: 'open' } }),
    )
    cases.push({
      library,
      what: `our code sent a GET with a body; fetch refused it before sending (${describe(error)})`,
      why: 'our own bug (bad option), no call was made: 500',
      expect: { status: 500 },
      error,
    })

    // Our own controller aborted the call (e.g. a shutdown), the client is still connected.
    up.reply('hang')
    const controller = new AbortController()
    const pending = rejectionOf(() => api.get('/v1/orders/ord_42', { signal: controller.signal }))
    setTimeout(() => controller.abort(), 50)
    error = await pending
    cases.push({
      library,
      what: `our server's own AbortController cancelled the upstream call (shutdown) while our client was still connected (${describe(error)})`,
      why: "an abort from the server's own controller, not a TimeoutError: ours, 500",
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}

import { up } from 'up-fetch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runScenarios } from './support/client-matrix.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'up-fetch'
const settings = 'up(fetch) with baseUrl and a 250 ms timeout (retry.attempts 0, its default)'

interface Order {
  readonly id: string
  readonly total: number
}

/** A hand-written Standard Schema v1 for the order the upstream must answer (what zod or valibot would provide). */
const orderSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'orders-app',
    validate(value: unknown) {
      if (value !== null && typeof value === 'object') {
        const v = value as Record<string, unknown>
        if (typeof v.id === 'string' && typeof v.total === 'number')
          return { value: { id: v.id, total: v.total } }
      }
      return { issues: [{ message: 'Expected an order object with id and total', path: [] }] }
    },
  },
}

export const collect: Collect = async () => {
  const upstream = await startUpstream()
  const api = up(fetch, () => ({
    baseUrl: upstream.url,
    timeout: 250,
    headers: { authorization: 'Bearer sk_test_orders' },
  }))
  const getOrder = () => api<Order>('/v1/orders/ord_42', { schema: orderSchema })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runScenarios({
        library,
        up: upstream,
        call: getOrder,
        scenarios: [404, 422, 429, 500, 503, 'reset'],
        keepsRetryAfter: false,
        settings: `${settings}; the ResponseError keeps status and parsed body, not the response headers`,
      })),
    )

    upstream.reply({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head><body>Log in</body></html>',
    })
    let error = await rejectionOf(getOrder)
    cases.push({
      library,
      what: `upstream answered 200 with an HTML login page; up-fetch handed the text to the response schema, which rejected it (${describe(error)}); ${settings}`,
      why: 'upstream answered badly (not the protocol / not the contract): 502',
      expect: RESET,
      error,
    })

    upstream.reply('hang')
    error = await rejectionOf(getOrder)
    cases.push({
      library,
      what: `up-fetch's own 250 ms timeout (AbortSignal.timeout) fired on an upstream that never answers (${describe(error)}); ${settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })

    const port = await closedPort()
    const down = up(fetch, () => ({ baseUrl: `http://127.0.0.1:${port}`, timeout: 250 }))
    error = await rejectionOf(() => down('/v1/orders/ord_42'))
    cases.push({
      library,
      what: `connection refused by a closed loopback port (${describe(error)}); ${settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })

    // Our bug: the base URL came from an unset environment variable.
    const unconfigured = up(fetch, () => ({
      baseUrl: process.env.ORDERS_API_URL_AH_UNSET ?? '',
      timeout: 250,
    }))
    error = await rejectionOf(() => unconfigured('/v1/orders/ord_42'))
    cases.push({
      library,
      what: `our baseUrl came from an unset environment variable, so the Request got the relative URL "/v1/orders/ord_42" (${describe(error)})`,
      why: 'our own misconfiguration, no call was made: 500',
      expect: { status: 500 },
      error,
    })

    // Our bug: a timeout option parsed from a bad config value.
    const badTimeout = up(fetch, () => ({ baseUrl: upstream.url, timeout: -1 }))
    upstream.reply({ status: 200, body: { id: 'ord_42', total: 10 } })
    error = await rejectionOf(() => badTimeout('/v1/orders/ord_42'))
    cases.push({
      library,
      what: `our config gave up-fetch a timeout of -1 ms, which AbortSignal.timeout rejects before any call (${describe(error)})`,
      why: 'our own bad option, no call was made: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await upstream.close()
  }
}

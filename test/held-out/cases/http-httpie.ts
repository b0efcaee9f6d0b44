import { get, post } from 'httpie'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'httpie'

// httpie passes its options on to node:http's request(): it has no timeout of its own that aborts,
// so the timeout case gives the call its own AbortSignal.timeout(250), as an application would.
type WithSignal = { headers: Record<string, string>; signal?: AbortSignal }

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const headers = { authorization: 'Bearer sk_live_abc', accept: 'application/json' }
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' },
      body: { error: 'invalid_token' },
    })
    cases.push({
      library,
      what: 'upstream 401 to our API key (plain Error "Unauthorized" with statusCode, statusMessage, headers, data)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => get(`${up.url}/v1/accounts/me`, { headers })),
    })
    up.reply({ status: 404, body: { error: 'not_found', message: 'no order ord_1' } })
    cases.push({
      library,
      what: 'upstream 404 for an order (plain Error "Not Found", statusCode 404, data the parsed body)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => get(`${up.url}/v1/orders/ord_1`, { headers })),
    })
    up.reply({ status: 422, body: { error: 'invalid_amount', field: 'amount' } })
    cases.push({
      library,
      what: 'upstream 422 to a POST body we built (plain Error "Unprocessable Entity", statusCode 422)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => post(`${up.url}/v1/charges`, { headers, body: { amount: -1 } })),
    })
    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'rate_limited' } })
    cases.push({
      library,
      what: 'upstream 429 with Retry-After: 7 (plain Error "Too Many Requests", statusCode 429, headers keep retry-after)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => get(`${up.url}/v1/orders`, { headers })),
    })
    up.reply({ status: 500, body: { error: 'internal' } })
    cases.push({
      library,
      what: 'upstream 500 (plain Error "Internal Server Error", statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => get(`${up.url}/v1/orders`, { headers })),
    })
    up.reply({
      status: 502,
      headers: { 'content-type': 'application/json' },
      body: '<html><body>502 Bad Gateway</body></html>',
    })
    cases.push({
      library,
      what: 'upstream 502 whose body claims JSON but is HTML (the JSON.parse SyntaxError itself, with statusCode 502, headers, data added)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => get(`${up.url}/v1/orders`, { headers })),
    })
    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'maintenance' } })
    cases.push({
      library,
      what: 'upstream 503 with Retry-After: 7 (plain Error "Service Unavailable", statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => get(`${up.url}/v1/orders`, { headers })),
    })
    up.reply('hang')
    const timed: WithSignal = { headers, signal: AbortSignal.timeout(250) }
    cases.push({
      library,
      what: "the call's own AbortSignal.timeout(250) against a hanging upstream (node:http's AbortError, cause the TimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => get(`${up.url}/v1/orders`, timed)),
    })
    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream resets the connection once the request arrived (the raw socket Error ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(() => get(`${up.url}/v1/orders`, { headers })),
    })
    cases.push({
      library,
      what: 'the API port refuses (the raw net Error ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => get(`http://127.0.0.1:${refusedPort}/v1/orders`, { headers })),
    })
    return cases
  } finally {
    await up.close()
  }
}

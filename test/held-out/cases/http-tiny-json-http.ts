import tiny from 'tiny-json-http'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'tiny-json-http'

// tiny-json-http's `timeout` option only sets the socket's idle timeout and never aborts the
// request, so a hanging upstream hangs it for ever: there is no timeout case here.
export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  // A fresh object per call: tiny-json-http writes content-type and Content-Length into it.
  const headers = () => ({ authorization: 'Bearer sk_test_123' })
  const get = (path: string) => () => tiny.get({ url: `${up.url}${path}`, headers: headers() })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="api"' },
      body: { error: 'invalid_token' },
    })
    cases.push({
      library,
      what: 'upstream 401 to our token (Error "GET failed with: 401", statusCode 401, raw IncomingMessage, body)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(get('/v1/account')),
    })
    up.reply({ status: 404, body: { error: 'no such order' } })
    cases.push({
      library,
      what: 'upstream 404 (Error "GET failed with: 404", statusCode 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(get('/v1/orders/42')),
    })
    up.reply({ status: 422, body: { errors: [{ field: 'amount', message: 'too small' }] } })
    cases.push({
      library,
      what: 'upstream 422 to a POST (Error "POST failed with: 422", statusCode 422, body parsed)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        tiny.post({ url: `${up.url}/v1/charges`, headers: headers(), data: { amount: 0 } }),
      ),
    })
    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'rate limited' } })
    cases.push({
      library,
      what: 'upstream 429 with Retry-After: 7 (statusCode 429, raw.headers keeps retry-after)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(get('/v1/orders')),
    })
    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream 500 with a text body (statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(get('/v1/orders')),
    })
    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'maintenance' } })
    cases.push({
      library,
      what: 'upstream 503 with Retry-After: 7 (statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(get('/v1/orders')),
    })
    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream reset the connection (raw socket Error ECONNRESET "read ECONNRESET")',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(get('/v1/orders')),
    })
    cases.push({
      library,
      what: 'the upstream port refuses (raw Error ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() =>
        tiny.get({ url: `http://127.0.0.1:${refusedPort}/v1/orders`, headers: headers() }),
      ),
    })
    return cases
  } finally {
    await up.close()
  }
}

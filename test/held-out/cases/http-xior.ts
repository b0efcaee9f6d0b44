import xior from 'xior'
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

const library = 'xior'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = xior.create({
    baseURL: up.url,
    timeout: 250,
    headers: { authorization: 'Bearer sk_test_123' },
  })
  const getOrder = () => api.get('/orders/42')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      body: { error: 'invalid_token' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our token (XiorError with request/config and response)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getOrder),
    })

    up.reply({
      status: 422,
      body: { errors: [{ field: 'quantity', message: 'must be positive' }] },
    })
    cases.push({
      library,
      what: 'upstream answered 422 to the order we posted (XiorError with response)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => api.post('/orders', { quantity: -1 })),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'rate_limited' } })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (XiorError with response)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getOrder),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream answered 500 with a text body (XiorError with response)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getOrder),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'maintenance' } })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 (XiorError with response)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(getOrder),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "xior's own 250 ms timeout fired on an upstream that never answered",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getOrder),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream reset the connection (fetch\'s TypeError "fetch failed" passed through, cause ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(getOrder),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (fetch\'s TypeError "fetch failed" passed through, cause ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => xior.create({ timeout: 250 }).get(`http://127.0.0.1:${port}/health`)),
    })
    return cases
  } finally {
    await up.close()
  }
}

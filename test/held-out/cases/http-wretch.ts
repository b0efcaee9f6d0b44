import wretch from 'wretch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_408,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'wretch'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // wretch has no retries unless the retry middleware is added; it is not.
  const api = wretch(up.url).auth('Bearer test-not-a-token')
  const getOrder = () => api.get('/orders/7').json()
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      body: { error: 'invalid_token' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 invalid_token to our bearer token (WretchError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getOrder),
    })

    up.reply({ status: 409, body: { error: 'order already shipped' } })
    cases.push({
      library,
      what: 'upstream answered 409 to our PUT (WretchError)',
      why: 'upstream said 4xx to us (its conflict, not our client’s): 500',
      upstreamStatus: 409,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => api.put({ state: 'cancelled' }, '/orders/7').json()),
    })

    up.reply({ status: 408, body: 'Request Timeout' })
    cases.push({
      library,
      what: 'upstream answered 408 Request Timeout (WretchError)',
      why: WHY.upstream408,
      upstreamStatus: 408,
      expect: UPSTREAM_408,
      error: await rejectionOf(getOrder),
    })

    up.reply({ status: 429, body: { error: 'slow down' } })
    cases.push({
      library,
      what: 'upstream answered 429 without Retry-After (WretchError)',
      why: 'upstream 429: dependency unavailable, 503',
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(getOrder),
    })

    up.reply({ status: 502, body: '<html>502 Bad Gateway</html>', headers: { 'content-type': 'text/html' } })
    cases.push({
      library,
      what: 'upstream answered 502 with an HTML page (WretchError)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getOrder),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'a 250 ms AbortSignal.timeout in the request options fired (DOMException TimeoutError)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() =>
        api
          .options({ signal: AbortSignal.timeout(250) })
          .get('/orders/7')
          .json(),
      ),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream reset the connection after our request (TypeError fetch failed <- ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(getOrder),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (TypeError fetch failed <- ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => wretch(`http://127.0.0.1:${port}`).get('/health').text()),
    })
    return cases
  } finally {
    await up.close()
  }
}

import { ofetch } from 'ofetch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'ofetch'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retry: 0 (ofetch retries GET once by default on 408/409/425/429/5xx and network errors).
  const api = ofetch.create({
    baseURL: up.url,
    retry: 0,
    timeout: 250,
    headers: { authorization: 'Bearer test' },
  })
  const getUser = () => api('/users/42')
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 403, body: { error: 'forbidden', message: 'token lacks scope users:read' } })
    cases.push({
      library,
      what: 'upstream answered 403 to our token (FetchError with response)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 404, body: { error: 'not_found' } })
    cases.push({
      library,
      what: 'upstream answered 404 (FetchError with response)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'rate_limited' } })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (FetchError with response)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream answered 500 with a text body (FetchError with response)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'maintenance' } })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 to a POST (FetchError with response)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => api('/users', { method: 'POST', body: { name: 'x' } })),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "ofetch's own 250 ms timeout fired on an upstream that never answered (FetchError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getUser),
    })

    up.reply('garbage')
    cases.push({
      library,
      what: 'the upstream answered bytes that are not HTTP (FetchError <- fetch failed)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(getUser),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (FetchError <- fetch failed)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => ofetch(`http://127.0.0.1:${port}/health`, { retry: 0 })),
    })
    return cases
  } finally {
    await up.close()
  }
}

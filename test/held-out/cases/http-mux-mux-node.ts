import Mux from '@mux/mux-node'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@mux/mux-node'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the Stainless-generated client retries 408/409/429/5xx and timeouts twice by default).
  const client = (baseURL: string) =>
    new Mux({ tokenId: 'not-a-token-id', tokenSecret: 'not-a-secret', baseURL, maxRetries: 0, timeout: 250 })
  const mux = client(up.url)
  const retrieve = () => mux.video.assets.retrieve('a1b2c3')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Mux API"' },
      body: { error: { type: 'unauthorized', messages: ['Unauthorized request'] } },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our access token (AuthenticationError, status 401, headers kept)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(retrieve),
    })

    up.reply({ status: 404, body: { error: { type: 'not_found', messages: ['Asset not found'] } } })
    cases.push({
      library,
      what: 'upstream answered 404 for the asset we asked for (NotFoundError, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(retrieve),
    })

    up.reply({
      status: 400,
      body: { error: { type: 'invalid_parameters', messages: ['input must be a valid URL'] } },
    })
    cases.push({
      library,
      what: 'upstream answered 400 to the asset we tried to create (BadRequestError, status 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => mux.video.assets.create({ inputs: [{ url: 'not a url' }] })),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { error: { type: 'too_many_requests', messages: ['Too many requests'] } },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (RateLimitError, status 429, headers kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(retrieve),
    })

    up.reply({ status: 500, body: { error: { type: 'internal_error', messages: ['Internal error'] } } })
    cases.push({
      library,
      what: 'upstream answered 500 (InternalServerError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(retrieve),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 and a text body (InternalServerError, status 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(retrieve),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (APIConnectionTimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(retrieve),
    })

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (APIConnectionError, cause fetch failed)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.video.assets.retrieve('a1b2c3')),
    })
    return cases
  } finally {
    await up.close()
  }
}

import { LinearClient } from '@linear/sdk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@linear/sdk'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The SDK never retries and has no timeout option: its options are spread into fetch's, so a
  // 250 ms AbortSignal.timeout is passed there, with a client for each call.
  const linear = (url: string) =>
    new LinearClient({ apiKey: 'lin_api_test', apiUrl: `${url}/graphql`, signal: AbortSignal.timeout(250) })
  const viewer = () => linear(up.url).viewer
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="linear"' },
      body: 'Unauthorized',
    })
    cases.push({
      library,
      what: 'upstream answered 401 with a text body (AuthenticationLinearError, status 401, raw, query)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(viewer),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: 'Too Many Requests' })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (RatelimitedLinearError, status 429, retryAfter 7)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(viewer),
    })

    up.reply({ status: 500, body: { errors: [{ message: 'Internal server error' }] } })
    cases.push({
      library,
      what: 'upstream answered 500 with GraphQL errors (UnknownLinearError, status 500, errors)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(viewer),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'upstream unavailable' })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 (NetworkLinearError, status 503, raw)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(viewer),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'a 250 ms AbortSignal.timeout fired (UnknownLinearError, raw TimeoutError, no status)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(viewer),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: "connection refused by a closed loopback port (UnknownLinearError 'Fetch failed', raw)",
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => linear(`http://127.0.0.1:${port}`).viewer),
    })
    return cases
  } finally {
    await up.close()
  }
}

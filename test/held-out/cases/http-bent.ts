import bent from 'bent'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'bent'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const getJSON = bent(up.url, 'GET', 'json', 200, { authorization: 'Bearer test' })
  const postJSON = bent(up.url, 'POST', 'json', 200, 201)
  // Reads the StatusError's body once, as an app that logs it would: its responseBody getter caches the
  // read, so a later read does not start one on a socket that is gone.
  const settled = async (run: () => Promise<unknown>) => {
    const error = await rejectionOf(run)
    await (error as { responseBody?: Promise<unknown> }).responseBody
    return error
  }
  const getUser = () => getJSON('/users/42')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      body: { error: 'invalid_api_key' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our key: StatusError with statusCode 401 and the response headers',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await settled(getUser),
    })

    up.reply({ status: 404, body: { error: 'not_found' } })
    cases.push({
      library,
      what: 'upstream answered 404: StatusError "Not Found" with statusCode 404',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await settled(getUser),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'rate_limited' } })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7: StatusError with statusCode 429',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await settled(getUser),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream answered 500 with a text body: StatusError with statusCode 500',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await settled(getUser),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'maintenance' } })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 to a POST: StatusError with statusCode 503',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await settled(() => postJSON('/users', { name: 'x' })),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port: the http module error ECONNREFUSED',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => bent(`http://127.0.0.1:${port}`, 'json')('/health')),
    })
    return cases
  } finally {
    await up.close()
  }
}

import Wreck from '@hapi/wreck'
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

const library = '@hapi/wreck'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = Wreck.defaults({ baseUrl: up.url, timeout: 250, headers: { authorization: 'Bearer test' } })
  const getUser = () => api.get('/users/42', { json: true })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      body: { error: 'invalid_api_key' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our key: Boom "Response Error: 401" with data.res and data.headers',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'rate_limited' } })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7: Boom "Response Error: 429" with data.res',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream answered 500 with a text body: Boom "Response Error: 500" with data.res',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'maintenance' } })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 to a POST: Boom "Response Error: 503" with data.res',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => api.post('/users', { payload: { name: 'x' }, json: true })),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "wreck's own 250 ms timeout fired, the upstream never answered: Boom 504 Client request timeout",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getUser),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused: the ECONNREFUSED error boomified as a 502 "Client request error"',
      why: `${WHY.refused}; the refusal beats the Boom's 502`,
      expect: REFUSED,
      error: await rejectionOf(() => Wreck.get(`http://127.0.0.1:${port}/health`)),
    })
    return cases
  } finally {
    await up.close()
  }
}

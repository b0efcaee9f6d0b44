import redaxios from 'redaxios'
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

const library = 'redaxios'
// The package is CommonJS (module.exports = axios) but its types declare `export default`: under NodeNext
// the default import is the function itself, typed as the module.
const axios = redaxios as unknown as typeof redaxios.default

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = axios.create({ baseURL: up.url, headers: { authorization: 'Bearer test' } })
  const getUser = () => api.get('/users/42')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      body: { error: 'invalid_api_key' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our key: the rejected value is the response object (status, config)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 404, body: { error: 'not_found' } })
    cases.push({
      library,
      what: 'upstream answered 404: the rejected value is the response object, not an Error',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'rate_limited' } })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7: the response object, its headers a fetch Headers',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream answered 500 with a text body: the response object, data the text',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'maintenance' } })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 to a POST: the response object',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => api.post('/users', { name: 'x' })),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: "connection refused by a closed loopback port: the runtime fetch's TypeError fetch failed",
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => axios.get(`http://127.0.0.1:${port}/health`)),
    })
    return cases
  } finally {
    await up.close()
  }
}

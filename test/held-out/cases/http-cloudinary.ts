import { Agent } from 'node:http'
import { v2 as cloudinary } from 'cloudinary'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'cloudinary'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The Admin API over plain HTTP: cloudinary picks `https` at load time, so a plain http.Agent is
  // passed per call (https.request accepts an agent of the other protocol).
  const agent = new Agent({ keepAlive: false })
  const at = (prefix: string) => ({
    cloud_name: 'demo-cloud',
    api_key: '1234567890',
    api_secret: 'not-a-secret',
    upload_prefix: prefix,
    agent,
    timeout: 250,
  })
  const resource = () => cloudinary.api.resource('avatars/42', at(up.url))
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Cloudinary"' },
      body: { error: { message: 'Invalid api_key 1234567890' } },
    })
    cases.push({
      library,
      what: 'the Admin API answered 401 to our API key: a plain object { request_options, query_params, error: { message, http_code: 401 } }',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(resource),
    })

    up.reply({ status: 404, body: { error: { message: 'Resource not found - avatars/42' } } })
    cases.push({
      library,
      what: 'the Admin API answered 404 to a resource lookup: plain object whose error.http_code is 404',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(resource),
    })

    up.reply({ status: 420, body: { error: { message: 'Rate Limit Exceeded' } } })
    cases.push({
      library,
      what: "the Admin API answered Cloudinary's own 420 (hourly rate limit reached): plain object, error.http_code 420",
      why: 'an upstream rate limit (its own 420 for 429): dependency unavailable, 503',
      upstreamStatus: 420,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(resource),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { error: { message: 'Too many concurrent requests' } },
    })
    cases.push({
      library,
      what: 'the Admin API answered 429 with Retry-After: 7 (plain object, error.http_code 429; no headers kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(resource),
    })

    up.reply({ status: 500, body: { error: { message: 'General Error' } } })
    cases.push({
      library,
      what: 'the Admin API answered 500 with a JSON error (plain object, error.http_code 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(resource),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: '<html>Service Unavailable</html>' })
    cases.push({
      library,
      what: 'the Admin API answered 503: a plain object { message: "Server returned unexpected status code - 503", http_code, request_options, query_params } (another shape)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(resource),
    })

    up.reply({ status: 502, body: '<html>Bad Gateway</html>' })
    cases.push({
      library,
      what: 'the Admin API answered 502 with an HTML page: plain object, "Server returned unexpected status code - 502"',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(resource),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the API reset the connection (the net error passed through)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(resource),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (the net error passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => cloudinary.api.resource('avatars/42', at(`http://127.0.0.1:${port}`))),
    })
    return cases
  } finally {
    agent.destroy()
    await up.close()
  }
}

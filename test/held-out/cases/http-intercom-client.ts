import { IntercomClient } from 'intercom-client'
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

const library = 'intercom-client'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (408, 429 and 5xx are retried twice by default); timeoutInSeconds: 0.25.
  const intercom = (baseUrl: string) =>
    new IntercomClient({ token: 'test', baseUrl, maxRetries: 0, timeoutInSeconds: 0.25 })
  const findContact = () => intercom(up.url).contacts.find({ contact_id: '63a07ddf05a32042dffac965' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="intercom"' },
      body: {
        type: 'error.list',
        request_id: 'req-401',
        errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }],
      },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our token (UnauthorizedError: statusCode, body, rawResponse)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(findContact),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { type: 'error.list', errors: [{ code: 'rate_limit_exceeded', message: 'Rate Limit Exceeded' }] },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (IntercomError, statusCode 429, rawResponse.headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(findContact),
    })

    up.reply({
      status: 500,
      body: { type: 'error.list', errors: [{ code: 'server_error', message: 'Server Error' }] },
    })
    cases.push({
      library,
      what: 'upstream answered 500 (IntercomError, statusCode 500, name Error)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(findContact),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: '<html><body>Service Unavailable</body></html>' })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 and an HTML body (IntercomError, statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(findContact),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired (IntercomError, message '\"timeout\"', no statusCode)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(findContact),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: "connection refused by a closed loopback port (IntercomError 'fetch failed', no cause)",
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => intercom(`http://127.0.0.1:${port}`).admins.identify()),
    })
    return cases
  } finally {
    await up.close()
  }
}

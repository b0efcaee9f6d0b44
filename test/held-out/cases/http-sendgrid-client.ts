import sendgrid from '@sendgrid/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@sendgrid/client'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client never retries. Its network failures are axios's own errors, passed through
  // unchanged, so only the HTTP answers are collected here. The package exports one client.
  const client = sendgrid
  client.setApiKey('SG.test')
  client.setDefaultRequest('baseUrl', up.url)
  const getTemplates = () => client.request({ method: 'GET', url: '/v3/templates' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="sendgrid"' },
      body: { errors: [{ field: null, message: 'authorization required' }] },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our API key (ResponseError, code 401, response.headers, response.body)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getTemplates),
    })

    up.reply({
      status: 403,
      body: { errors: [{ field: null, message: 'access forbidden', help: null }] },
    })
    cases.push({
      library,
      what: 'upstream answered 403 to a mail send (ResponseError, code 403)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        client.request({
          method: 'POST',
          url: '/v3/mail/send',
          body: { personalizations: [{ to: [{ email: 'a@example.com' }] }], subject: 'hi' },
        }),
      ),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { errors: [{ field: null, message: 'too many requests' }] },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (ResponseError, code 429, response.headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getTemplates),
    })

    up.reply({ status: 500, body: { errors: [{ field: null, message: 'internal error' }] } })
    cases.push({
      library,
      what: 'upstream answered 500 (ResponseError, code 500, message Internal Server Error)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getTemplates),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'upstream unavailable' })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 and a text body (ResponseError, code 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(getTemplates),
    })
    return cases
  } finally {
    await up.close()
  }
}

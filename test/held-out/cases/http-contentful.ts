import { createClient } from 'contentful'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'contentful'

const contentfulError = (status: number, id: string, message: string) => ({
  status,
  headers: {
    'content-type': 'application/vnd.contentful.delivery.v1+json',
    'x-contentful-request-id': 'req-1',
  },
  body: JSON.stringify({ sys: { type: 'Error', id }, message, requestId: 'req-1' }),
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retryOnError: false (the SDK retries 429, 5xx and connection errors up to five times by default).
  const client = (host: string) =>
    createClient({
      space: 'cfexampleapi',
      accessToken: 'cda-test',
      host,
      insecure: true,
      retryOnError: false,
      timeout: 250,
    })
  const cms = client(`127.0.0.1:${up.port}`)
  const getEntry = () => cms.getEntry('nyancat')
  const cases: HeldOutCase[] = []
  try {
    up.reply(
      contentfulError(
        401,
        'AccessTokenInvalid',
        'The access token you sent could not be found or is invalid.',
      ),
    )
    cases.push({
      library,
      what: 'upstream answered 401 AccessTokenInvalid (Error named by sys.id, status only in a JSON message)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getEntry),
    })

    up.reply(contentfulError(404, 'NotFound', 'The resource could not be found.'))
    cases.push({
      library,
      what: 'upstream answered 404 NotFound (plain Error named NotFound, status only in a JSON message)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getEntry),
    })

    up.reply({
      ...contentfulError(429, 'RateLimitExceeded', 'You have exceeded the rate limit of the Organization.'),
      headers: { 'content-type': 'application/json', 'x-contentful-ratelimit-reset': '7' },
    })
    cases.push({
      library,
      what: 'upstream answered 429 RateLimitExceeded (plain Error, status only in its JSON message)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(getEntry),
    })

    up.reply({ status: 500, body: { message: 'Internal server error' } })
    cases.push({
      library,
      what: 'upstream answered 500 without sys.id (plain Error named "500 Internal Server Error")',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getEntry),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired (AxiosError ECONNABORTED, passed through)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getEntry),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (AxiosError ECONNREFUSED, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => client(`127.0.0.1:${port}`).getEntry('nyancat')),
    })
    return cases
  } finally {
    await up.close()
  }
}

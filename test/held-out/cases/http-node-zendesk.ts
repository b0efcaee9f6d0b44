import zendeskApi from 'node-zendesk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'node-zendesk'

/** A Zendesk client on `url`/api/v2; `original` keeps the error the client built instead of a rewrap. */
function zendesk(url: string, original: boolean) {
  // The client never retries. It throws only for 400/401/403/404/405/409/422/429/500/503, and it
  // resolves a 429 or 503 that carries a Retry-After, so those are sent without one.
  return zendeskApi.createClient({
    username: 'agent@example.com',
    token: 'test-token',
    endpointUri: `${url}/api/v2`,
    throwOriginalException: original,
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = zendesk(up.url, true)
  const showUser = () => client.users.show(42)
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Web Password"' },
      body: { error: "Couldn't authenticate you" },
    })
    cases.push({
      library,
      what: "upstream answered 401 to our token (plain Error 'Zendesk Error (401)…', statusCode 401)",
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(showUser),
    })

    up.reply({ status: 404, body: { error: 'RecordNotFound', description: 'Not found' } })
    cases.push({
      library,
      what: 'upstream answered 404 RecordNotFound (plain Error with statusCode 404 and result)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(showUser),
    })

    up.reply({
      status: 422,
      body: {
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { email: [{ description: 'Email: is not properly formatted', error: 'InvalidFormat' }] },
      },
    })
    cases.push({
      library,
      what: 'upstream answered 422 RecordInvalid to a user we posted (plain Error, statusCode 422)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.users.create({ user: { name: 'Ann', email: 'not-an-email' } })),
    })

    up.reply({ status: 429, body: { error: 'TooManyRequests' } })
    cases.push({
      library,
      what: 'upstream answered 429 without Retry-After (plain Error, statusCode 429)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(showUser),
    })

    up.reply({ status: 500, body: { error: 'InternalError' } })
    cases.push({
      library,
      what: 'upstream answered 500 (plain Error, statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(showUser),
    })

    up.reply({ status: 503, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'upstream answered 503, default options (plain Error, message only, no own props)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(() => zendesk(up.url, false).users.show(42)),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (node-fetch FetchError, code ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => zendesk(`http://127.0.0.1:${port}`, true).users.show(42)),
    })
    return cases
  } finally {
    await up.close()
  }
}

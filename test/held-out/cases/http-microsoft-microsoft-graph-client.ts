import { AuthenticationHandler, Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client'
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

const library = '@microsoft/microsoft-graph-client'

/** A Graph client on `baseUrl` whose middleware chain is auth + fetch only. */
function graph(baseUrl: string): Client {
  // The default chain has a RetryHandler (429/503/504, up to 3 times, honouring Retry-After); this
  // chain leaves it out, so every call is one request.
  return Client.initWithMiddleware({
    baseUrl,
    customHosts: new Set(['127.0.0.1']),
    middleware: [
      new AuthenticationHandler({ getAccessToken: async () => 'test-token' }),
      new HTTPMessageHandler(),
    ],
  })
}

const graphError = (code: string, message: string) => ({
  error: { code, message, innerError: { 'request-id': '2f0c4d5e-1', date: '2025-01-01T00:00:00' } },
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = graph(up.url)
  const getMe = () => client.api('/me').get()
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="graph", error="invalid_token"' },
      body: graphError('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'),
    })
    cases.push({
      library,
      what: 'upstream answered 401 with a Bearer challenge to our token (GraphError, statusCode 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getMe),
    })

    up.reply({ status: 404, body: graphError('Request_ResourceNotFound', "Resource 'u-42' does not exist.") })
    cases.push({
      library,
      what: 'upstream answered 404 with a Graph error body (GraphError, code Request_ResourceNotFound)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.api('/users/u-42').get()),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: graphError('TooManyRequests', 'Too many requests.') })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (GraphError with the response headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getMe),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream answered 500 with a text body (GraphError with an empty message, statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getMe),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: graphError('serviceNotAvailable', 'The service is temporarily unavailable.'),
    })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 to a POST (GraphError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => client.api('/me/sendMail').post({ message: { subject: 'x' } })),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'our 250 ms AbortSignal.timeout fired on a silent upstream (GraphError, code TimeoutError)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => client.api('/me').option('signal', AbortSignal.timeout(250)).get()),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed port (GraphError, code TypeError; the fetch cause is dropped)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => graph(`http://127.0.0.1:${port}`).api('/me').get()),
    })
    return cases
  } finally {
    await up.close()
  }
}

import Typesense from 'typesense'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'typesense'

// No Retry-After is sent with the 429 and 503: typesense's errors carry only name, httpStatus and httpBody, so no
// Retry-After could be known from them.
export const collect: Collect = async () => {
  const up = await startUpstream()
  // numRetries: 0 (the client retries every node 3 times, 0.1 s apart, by default).
  const typesense = (port: number, connectionTimeoutSeconds = 2) =>
    new Typesense.Client({
      nodes: [{ host: '127.0.0.1', port, protocol: 'http' }],
      apiKey: 'test-not-a-key',
      numRetries: 0,
      retryIntervalSeconds: 0.01,
      connectionTimeoutSeconds,
      logLevel: 'silent',
    })
  const client = typesense(up.port)
  const search = (c = client) => c.collections('products').documents().search({ q: 'lamp', query_by: 'name' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'X-TYPESENSE-API-KEY' },
      body: { message: 'Forbidden - a valid `x-typesense-api-key` header must be sent.' },
    })
    cases.push({
      library,
      what: 'search engine answered 401 to our API key (RequestUnauthorized)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => search()),
    })

    up.reply({ status: 404, body: { message: 'Not found.' } })
    cases.push({
      library,
      what: 'search engine answered 404 for the collection (ObjectNotFound)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => search()),
    })

    up.reply({ status: 400, body: { message: 'Could not find a field named `name` in the schema.' } })
    cases.push({
      library,
      what: 'search engine answered 400 to the query we built (RequestMalformed)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => search()),
    })

    up.reply({ status: 429, body: { message: 'Rate limit exceeded or blocked' } })
    cases.push({
      library,
      what: 'search engine answered 429 (HTTPError)',
      why: 'upstream 429: dependency unavailable, 503',
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(() => search()),
    })

    up.reply({ status: 500, body: { message: 'Internal error.' } })
    cases.push({
      library,
      what: 'search engine answered 500 (ServerError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => search()),
    })

    up.reply({ status: 503, body: { message: 'Not Ready or Lagging' } })
    cases.push({
      library,
      what: 'search engine answered 503 Not Ready or Lagging (ServerError)',
      why: 'upstream 503: dependency unavailable',
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(() => search()),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 0.25 s connectionTimeoutSeconds fired on a node that never answered (its axios's AxiosError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => search(typesense(up.port, 0.25))),
    })

    const refused = typesense(await closedPort())
    cases.push({
      library,
      what: "connection refused by a closed loopback port (its axios's AxiosError)",
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => search(refused)),
    })
    return cases
  } finally {
    await up.close()
  }
}

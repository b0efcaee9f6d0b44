import { Meilisearch } from 'meilisearch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'meilisearch'

/** Meilisearch's error body. */
function meiliError(code: string, type: string, message: string) {
  return { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client has no retries.
  const meili = (host: string, timeout = 2000) => new Meilisearch({ host, apiKey: 'test-not-a-key', timeout })
  const client = meili(up.url)
  const search = (c = client) => c.index('movies').search('batman')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: meiliError('missing_authorization_header', 'auth', 'The Authorization header is missing.'),
    })
    cases.push({
      library,
      what: 'search engine answered 401 missing_authorization_header (MeilisearchApiError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => search()),
    })

    up.reply({
      status: 403,
      body: meiliError('invalid_api_key', 'auth', 'The provided API key is invalid.'),
    })
    cases.push({
      library,
      what: 'search engine answered 403 invalid_api_key to our key (MeilisearchApiError)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => search()),
    })

    up.reply({
      status: 404,
      body: meiliError('index_not_found', 'invalid_request', 'Index `movies` not found.'),
    })
    cases.push({
      library,
      what: 'search engine answered 404 index_not_found (MeilisearchApiError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => search()),
    })

    up.reply({
      status: 400,
      body: meiliError('invalid_search_filter', 'invalid_request', 'Attribute `year` is not filterable.'),
    })
    cases.push({
      library,
      what: 'search engine answered 400 invalid_search_filter to the filter we built (MeilisearchApiError)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.index('movies').search('batman', { filter: 'year > 2000' })),
    })

    up.reply({
      status: 500,
      body: meiliError('internal', 'internal', 'An internal error has occurred. `Too many open files`.'),
    })
    cases.push({
      library,
      what: 'search engine answered 500 internal (MeilisearchApiError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => search()),
    })

    // (A 503 with a text body is left out of the set: the client rejects with the bare SyntaxError
    // of its JSON.parse, which carries nothing of the response.)
    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { message: 'no healthy upstream', code: 'unavailable' },
    })
    cases.push({
      library,
      what: 'a proxy in front of the engine answered 503 with Retry-After: 7 and a JSON body (MeilisearchApiError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => search()),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (MeilisearchRequestError <- MeilisearchRequestTimeOutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => search(meili(up.url, 250))),
    })

    const refused = meili(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (MeilisearchRequestError <- fetch failed)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => search(refused)),
    })
    return cases
  } finally {
    await up.close()
  }
}

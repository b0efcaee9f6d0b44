import { Client } from '@elastic/elasticsearch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@elastic/elasticsearch'

/** The headers every Elasticsearch response carries (the client checks the product header). */
const ES = { 'x-elastic-product': 'Elasticsearch' } as const

function esError(status: number, type: string, reason: string) {
  return { error: { root_cause: [{ type, reason }], type, reason }, status }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the transport retries 502/503/504 and connection errors 3 times by default).
  const client = new Client({
    node: up.url,
    auth: { apiKey: 'dGVzdDp0ZXN0' },
    maxRetries: 0,
    requestTimeout: 250,
  })
  const search = () => client.search({ index: 'products', query: { match: { name: 'lamp' } } })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { ...ES, 'www-authenticate': 'ApiKey, Basic realm="security" charset="UTF-8"' },
      body: esError(
        401,
        'security_exception',
        'unable to authenticate with provided credentials and anonymous access is not allowed for this request',
      ),
    })
    cases.push({
      library,
      what: 'cluster answered 401 security_exception to our API key (ResponseError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(search),
    })

    up.reply({
      status: 404,
      headers: ES,
      body: esError(404, 'index_not_found_exception', 'no such index [products]'),
    })
    cases.push({
      library,
      what: 'cluster answered 404 index_not_found_exception (ResponseError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(search),
    })

    up.reply({
      status: 400,
      headers: ES,
      body: esError(400, 'parsing_exception', 'unknown query [mtach]'),
    })
    cases.push({
      library,
      what: 'cluster answered 400 parsing_exception to the query we built (ResponseError)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(search),
    })

    up.reply({
      status: 429,
      headers: { ...ES, ...RETRY_AFTER },
      body: esError(429, 'es_rejected_execution_exception', 'rejected execution of coordinating operation'),
    })
    cases.push({
      library,
      what: 'cluster answered 429 es_rejected_execution_exception with Retry-After: 7 (ResponseError)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => client.index({ index: 'products', document: { name: 'lamp' } })),
    })

    up.reply({
      status: 500,
      headers: ES,
      body: esError(
        500,
        'null_pointer_exception',
        'Cannot invoke "Object.toString()" because "value" is null',
      ),
    })
    cases.push({
      library,
      what: 'cluster answered 500 null_pointer_exception (ResponseError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(search),
    })

    up.reply({
      status: 503,
      headers: ES,
      body: esError(503, 'search_phase_execution_exception', 'all shards failed'),
    })
    cases.push({
      library,
      what: 'cluster answered 503 search_phase_execution_exception, all shards failed (ResponseError)',
      why: 'upstream 503: dependency unavailable',
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(search),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms requestTimeout fired (TimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(search),
    })

    const refused = new Client({ node: `http://127.0.0.1:${await closedPort()}`, maxRetries: 0 })
    try {
      cases.push({
        library,
        what: 'connection refused by a closed loopback port (ConnectionError)',
        why: WHY.refused,
        expect: REFUSED,
        error: await rejectionOf(() => refused.ping()),
      })
    } finally {
      await refused.close()
    }
    return cases
  } finally {
    await client.close()
    await up.close()
  }
}

import { QdrantClient } from '@qdrant/js-client-rest'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@qdrant/js-client-rest'

/** Qdrant's error envelope. */
function qdrantError(error: string) {
  return { status: { error }, time: 0.0001 }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client has no retries. checkCompatibility: false skips the version probe at construction.
  const client = (url: string) =>
    new QdrantClient({ url, apiKey: 'qdrant-test-key', timeout: 250, checkCompatibility: false })
  const qdrant = client(up.url)
  const search = () => qdrant.query('docs', { query: [0.1, 0.2, 0.3], limit: 3 })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: qdrantError('Must provide an API key or an Authorization bearer token'),
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our API key (ApiError of openapi-typescript-fetch, status 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(search),
    })

    up.reply({ status: 404, body: qdrantError("Not found: Collection `docs` doesn't exist!") })
    cases.push({
      library,
      what: 'upstream answered 404 for a collection that does not exist (ApiError, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => qdrant.getCollection('docs')),
    })

    up.reply({
      status: 400,
      body: qdrantError('Wrong input: Vector dimension error: expected dim: 768, got 3'),
    })
    cases.push({
      library,
      what: 'upstream answered 400 to a query vector of the wrong dimension (ApiError, status 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(search),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: qdrantError('Rate limiting exceeded') })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (QdrantClientResourceExhaustedError, retry_after 7, no status)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(search),
    })

    up.reply({ status: 429, body: qdrantError('Rate limiting exceeded') })
    cases.push({
      library,
      what: 'upstream answered 429 without Retry-After (ApiError, status 429)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(search),
    })

    up.reply({ status: 500, body: qdrantError('Service internal error: RocksDB write failed') })
    cases.push({
      library,
      what: 'upstream answered 500 (ApiError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(search),
    })

    up.reply({ status: 503, body: qdrantError('Service unavailable') })
    cases.push({
      library,
      what: 'upstream answered 503 (ApiError, status 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(search),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (QdrantClientTimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(search),
    })

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.getCollections()),
    })
    return cases
  } finally {
    await up.close()
  }
}

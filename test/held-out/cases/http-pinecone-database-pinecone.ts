import { Pinecone } from '@pinecone-database/pinecone'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@pinecone-database/pinecone'

/** Pinecone's error envelope. */
function pineconeError(status: number, code: string, message: string) {
  return { error: { code, message }, status }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the SDK retries 5xx and network errors three times by default).
  const client = new Pinecone({ apiKey: 'pcsk_test_not_a_key', controllerHostUrl: up.url, maxRetries: 0 })
  const describe = () => client.describeIndex('products')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'ApiKey' },
      body: pineconeError(401, 'UNAUTHENTICATED', 'Invalid API Key'),
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our API key (PineconeAuthorizationError, message names the URL only)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(describe),
    })

    up.reply({ status: 404, body: pineconeError(404, 'NOT_FOUND', 'Resource products not found') })
    cases.push({
      library,
      what: 'upstream answered 404 for the index (PineconeNotFoundError, "returned HTTP status 404")',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(describe),
    })

    up.reply({ status: 429, body: pineconeError(429, 'RESOURCE_EXHAUSTED', 'Too many requests') })
    cases.push({
      library,
      what: 'upstream answered 429 RESOURCE_EXHAUSTED (PineconeUnmappedHttpError, "Status: 429." in message)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(describe),
    })

    up.reply({ status: 500, body: pineconeError(500, 'UNKNOWN', 'internal error') })
    cases.push({
      library,
      what: 'upstream answered 500 (PineconeMaxRetriesExceededError "max configured retries (0)", no status)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(describe),
    })

    const port = await closedPort()
    const offline = new Pinecone({
      apiKey: 'pcsk_test_not_a_key',
      controllerHostUrl: `http://127.0.0.1:${port}`,
      maxRetries: 0,
    })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (PineconeConnectionError <- fetch failed)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.describeIndex('products')),
    })
    return cases
  } finally {
    await up.close()
  }
}

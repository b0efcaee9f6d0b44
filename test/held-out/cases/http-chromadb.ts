import { ChromaClient } from 'chromadb'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'chromadb'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // chromadb has no retry and no timeout option: the timeout is an AbortSignal in fetchOptions,
  // so each call gets a client of its own.
  const client = (port: number) =>
    new ChromaClient({
      host: '127.0.0.1',
      port,
      ssl: false,
      tenant: 'acme',
      database: 'prod',
      headers: { 'x-chroma-token': 'test' },
      fetchOptions: { signal: AbortSignal.timeout(250) },
    })
  const getCollection = () => client(up.port).getCollection({ name: 'docs' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="chroma"' },
      body: { error: 'AuthError', message: 'Unauthorized' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our token (ChromaUnauthorizedError named ChromaAuthError, no status)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getCollection),
    })

    up.reply({ status: 404, body: { error: 'NotFoundError', message: 'Collection [docs] does not exist' } })
    cases.push({
      library,
      what: 'upstream answered 404 for a collection (ChromaNotFoundError, no status)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getCollection),
    })

    up.reply({ status: 429, body: { error: 'RateLimitError', message: 'rate limit exceeded' } })
    cases.push({
      library,
      what: 'upstream answered 429 without Retry-After (ChromaRateLimitError, no status)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(getCollection),
    })

    up.reply({ status: 503, body: 'upstream connect error' })
    cases.push({
      library,
      what: "upstream answered 503 with a text body (ChromaServerError '503: Service Unavailable')",
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(getCollection),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "a 250 ms AbortSignal.timeout fired (ChromaConnectionError 'Failed to connect to Chroma')",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getCollection),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (ChromaConnectionError, no cause)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => client(port).heartbeat()),
    })
    return cases
  } finally {
    await up.close()
  }
}

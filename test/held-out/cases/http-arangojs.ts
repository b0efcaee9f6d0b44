import { Database } from 'arangojs'
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

const library = 'arangojs'

/** ArangoDB's error body. */
const arango = (code: number, errorNum: number, errorMessage: string) => ({
  error: true,
  code,
  errorNum,
  errorMessage,
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: false (arangojs retries failed fetches by default), retryOnConflict left at 0,
  // timeout: 250 ms is the client's own response timeout.
  const connect = (url: string) =>
    new Database({
      url,
      databaseName: 'shop',
      auth: { username: 'app', password: 'not-a-password' },
      maxRetries: false,
      timeout: 250,
    })
  const db = connect(up.url)
  const read = () => db.collection('users').document('42')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic, realm="ArangoDB"' },
      body: arango(401, 11, 'not authorized to execute this request'),
    })
    cases.push({
      library,
      what: 'the database answered 401 to our credentials (ArangoError, code 401, errorNum 11, cause HttpError with response)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(read),
    })

    up.reply({ status: 404, body: arango(404, 1203, 'collection or view not found: users') })
    cases.push({
      library,
      what: 'the database answered 404 "collection or view not found" (ArangoError, code 404, errorNum 1203)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(read),
    })

    up.reply({
      status: 400,
      body: arango(400, 1501, "AQL: syntax error, unexpected identifier near 'FORM u'"),
    })
    cases.push({
      library,
      what: 'the database answered 400 to our AQL (ArangoError, code 400, errorNum 1501 query parse)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => db.query('FORM u IN users RETURN u')),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: 'Too Many Requests' })
    cases.push({
      library,
      what: 'a proxy in front of the database answered 429 with Retry-After: 7 and no ArangoDB body (HttpError, code 429, response.headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(read),
    })

    up.reply({ status: 500, body: arango(500, 4, 'internal error') })
    cases.push({
      library,
      what: 'the database answered 500 (ArangoError, code 500, errorNum 4)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(read),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: arango(503, 503, 'service unavailable due to startup or maintenance mode'),
    })
    cases.push({
      library,
      what: 'the database answered 503 in maintenance mode with Retry-After: 7 (ArangoError, code 503, errorNum 503, isSafeToRetry)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(read),
    })

    up.reply({ status: 409, body: arango(409, 1200, 'write-write conflict; conflicting key: 42') })
    cases.push({
      library,
      what: 'the database answered 409 write-write conflict (ArangoError, code 409, errorNum 1200; retryOnConflict 0)',
      why: 'dependency unavailable: contention that a retry fixes (like a serialization failure): 503',
      upstreamStatus: 409,
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => db.collection('stock').update('42', { n: 1 })),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (ResponseTimeoutError, request kept)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(read),
    })

    const refused = connect(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (FetchFailedError "Fetch failed: connect ECONNREFUSED", cause fetch failed)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.collection('users').document('42')),
    })
    return cases
  } finally {
    db.close()
    await up.close()
  }
}

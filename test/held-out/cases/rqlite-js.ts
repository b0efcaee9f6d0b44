import { DataApiClient } from 'rqlite-js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, UPSTREAM_5XX, UPSTREAM_401, UPSTREAM_503_BARE, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'rqlite-js'

// rqlite-js 2 (an HTTP client of rqlite, the distributed SQLite) against a scripted rqlite node on
// 127.0.0.1. rqlite answers a failed statement with 200 and `results[].error`: the client turns it
// into a DataResultError in the results, which the app throws (`throw results.getFirstError()`).
// Transport failures are the axios errors it rethrows; retries off (empty retryable sets).
//
// Not collected: a node that never answers. execute() does not pass a timeout on, so the client
// waits its fixed 30 s default.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, ', retries off')
  const up = await startUpstream()
  const noRetry = { retryableStatusCodes: new Set<number>(), retryableErrorCodes: new Set<string>() }
  const client = new DataApiClient(up.url, noRetry)
  // The app's way to surface a statement error: the first DataResultError of the results.
  const failed = async (sql: string | unknown[]) => {
    const results = await client.execute(sql)
    const first = results.getFirstError()
    if (first) throw first
    throw new Error('expected a statement error')
  }
  const sqlError = (error: string) => up.reply({ status: 200, body: { results: [{ error }] } })
  try {
    sqlError('UNIQUE constraint failed: users.email')
    add(
      'signing up with an email already taken: results[0].error, thrown by the app',
      'unique violation: 409',
      { status: 409 },
      await rejectionOf(() => failed([['INSERT INTO users(email) VALUES(?)', 'a@x.io']])),
    )
    sqlError('FOREIGN KEY constraint failed')
    add(
      'order for a customer id that does not exist: results[0].error',
      'FK violation caused by client data: 409',
      { status: 409 },
      await rejectionOf(() => failed([['INSERT INTO orders(customer_id) VALUES(?)', 999]])),
    )
    sqlError('NOT NULL constraint failed: users.name')
    add(
      'sign-up without a name: results[0].error',
      'database not-null violation: 422',
      { status: 422 },
      await rejectionOf(() => failed([['INSERT INTO users(email, name) VALUES(?, ?)', 'b@x.io', null]])),
    )
    sqlError('no such table: user')
    add(
      'our query names a table that does not exist: results[0].error',
      'our bad SQL: 500',
      { status: 500 },
      await rejectionOf(() => failed('SELECT * FROM user')),
    )
    up.reply({ status: 401, headers: { 'www-authenticate': 'Basic realm="rqlite"' }, body: 'Unauthorized\n' })
    add(
      'node rejects our basic-auth credentials: HTTP 401',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => client.execute('SELECT 1')),
      401,
    )
    up.reply({ status: 503, body: 'leader not found\n' })
    add(
      'cluster has no leader: HTTP 503 "leader not found"',
      'upstream 503: dependency unavailable',
      UPSTREAM_503_BARE,
      await rejectionOf(() => client.execute('SELECT 1')),
      503,
    )
    up.reply({ status: 500, body: 'raft: failed to apply\n' })
    add(
      'node answers 500',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => client.execute('SELECT 1')),
      500,
    )
    up.reply('reset')
    add(
      'node resets the connection mid-request',
      WHY.reset,
      RESET,
      await rejectionOf(() => client.execute('SELECT 1')),
    )
    up.reply({ status: 301, headers: { location: `${up.url}/db/execute` } })
    add(
      'node redirects to itself forever (stale leader address): the max-redirects throw is itself a bug',
      'a library bug (class called without new): 500',
      { status: 500 },
      await rejectionOf(() => client.execute('SELECT 1', {})),
    )
  } finally {
    await up.close()
  }
  const port = await closedPort()
  add(
    'rqlite node not running: connection refused',
    WHY.refused,
    REFUSED,
    await rejectionOf(() => new DataApiClient(`http://127.0.0.1:${port}`, noRetry).execute('SELECT 1')),
  )
  return cases
}

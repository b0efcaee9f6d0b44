import { connect } from '@planetscale/database'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  UPSTREAM_504,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@planetscale/database'

/** A Vitess error as PlanetScale's HTTP API reports it inside a 200 answer. */
const vitess = (code: string, grpc: string, message: string) => ({
  session: null,
  error: { code, message: `target: shop.-.primary: vttablet: rpc error: code = ${grpc} desc = ${message}` },
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The driver makes one fetch per execute and never retries. It has no timeout option: a fetch
  // wrapper with AbortSignal.timeout(250) is its client-side timeout.
  const db = (port: number, timed = false) =>
    connect({
      url: `http://app:pscale_pw_not_a_password@127.0.0.1:${port}`,
      ...(timed
        ? { fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(250) }) }
        : {}),
    })
  const conn = db(up.port)
  const select = () => conn.execute('select id, email from users where id = ?', [42])
  const cases: HeldOutCase[] = []
  try {
    // The driver throws DatabaseError only when the body has an `error` member.
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="PlanetScale"' },
      body: { error: { code: 'UNAUTHENTICATED', message: 'access denied: invalid password' } },
    })
    cases.push({
      library,
      what: 'the database API answered 401 to our password (DatabaseError, status 401, body.code UNAUTHENTICATED)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(select),
    })

    up.reply({ status: 404, body: 'Not Found' })
    cases.push({
      library,
      what: 'the database API answered 404 with a text body (UnknownError "Expected JSON response from database API, got HTTP 404 Not Found", context.status)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(select),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: 'rate limited' })
    cases.push({
      library,
      what: 'the database API answered 429 with Retry-After: 7 (UnknownError, context.status 429, context.headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(select),
    })

    up.reply({ status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } })
    cases.push({
      library,
      what: 'the database API answered 500 with an error body (DatabaseError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(select),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'upstream unavailable' })
    cases.push({
      library,
      what: 'the database API answered 503 with Retry-After: 7 (UnknownError, context.status 503, context.headers)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(select),
    })

    up.reply({ status: 524, body: '<html>A timeout occurred</html>' })
    cases.push({
      library,
      what: 'the database API answered Cloudflare 524 (UnknownError "Cloudflare error: HTTP 524 (not a database error)")',
      why: WHY.upstream504,
      upstreamStatus: 524,
      expect: UPSTREAM_504,
      error: await rejectionOf(select),
    })

    up.reply({
      status: 200,
      body: vitess(
        'ALREADY_EXISTS',
        'AlreadyExists',
        "Duplicate entry 'ada@example.com' for key 'users.email' (errno 1062) (sqlstate 23000) (CallerID: app): Sql: \"insert into users(email) values (:vtg1)\"",
      ),
    })
    cases.push({
      library,
      what: 'MySQL ER_DUP_ENTRY inside a 200 answer (DatabaseError, status 400 set by the driver, "(errno 1062) (sqlstate 23000)" in the message only)',
      why: 'conflicts: unique violation (mysql ER_DUP_ENTRY): 409',
      expect: { status: 409 },
      error: await rejectionOf(() =>
        conn.execute('insert into users(email) values (?)', ['ada@example.com']),
      ),
    })

    up.reply({
      status: 200,
      body: vitess(
        'ABORTED',
        'Aborted',
        'Deadlock found when trying to get lock; try restarting transaction (errno 1213) (sqlstate 40001) (CallerID: app)',
      ),
    })
    cases.push({
      library,
      what: 'MySQL deadlock 1213 inside a 200 answer (DatabaseError, status 400 set by the driver, errno in the message only)',
      why: 'dependency unavailable: contention that a retry fixes (mysql 1213): 503',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => conn.execute('update stock set n = n - 1 where id = ?', [7])),
    })

    up.reply('hang')
    const timed = db(up.port, true)
    cases.push({
      library,
      what: "our fetch wrapper's AbortSignal.timeout(250) fired (a DOMException TimeoutError, passed through)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => timed.execute('select 1')),
    })

    const refused = db(await closedPort())
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (TypeError fetch failed, cause ECONNREFUSED, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.execute('select 1')),
    })
    return cases
  } finally {
    await up.close()
  }
}

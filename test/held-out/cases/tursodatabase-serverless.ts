/**
 * @tursodatabase/serverless: our server queries a Turso database over HTTP (Hrana v3: streamed
 * `/v3/cursor`, `/v3/pipeline`), here a scripted fake on 127.0.0.1 that answers with the SQL errors
 * the database reports (step_error entries with their SQLite codes) or with HTTP failures. The SDK
 * does not retry; `queryTimeout: 250` for the timeout case.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { connect } from '@tursodatabase/serverless'
import { type Expected, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { describe } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@tursodatabase/serverless'
const settings = '@tursodatabase/serverless connect().run/all over HTTP'
const token = 'eyJhbGciOiJFZERTQSJ9.test.token'

/** A cursor stream whose first step fails with `code` / `message`, as the server streams it. */
function sqlError(code: string, message: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/v3/pipeline')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          baton: null,
          base_url: null,
          results: [{ type: 'ok', response: { type: 'get_autocommit', is_autocommit: true } }],
        }),
      )
      return
    }
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.write(`${JSON.stringify({ baton: null, base_url: null })}\n`)
    res.write(`${JSON.stringify({ type: 'step_begin', step: 0, cols: [] })}\n`)
    res.write(`${JSON.stringify({ type: 'step_error', step: 0, error: { message, code } })}\n`)
    res.end()
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const db = connect({ url: up.url, authToken: token })
  const insert = () => db.run('INSERT INTO users (email, name) VALUES (?, ?)', ['ada@example.com', 'Ada'])
  const cases: HeldOutCase[] = []
  const add = (what: string, why: string, expect: Expected, error: unknown, upstreamStatus?: number) =>
    cases.push({
      library,
      what: `${what} (${describe(error)}); ${settings}`,
      why,
      ...(upstreamStatus ? { upstreamStatus } : {}),
      expect,
      error,
    })
  try {
    const sql: [string, string, string, string, Expected][] = [
      [
        'SQLITE_CONSTRAINT_UNIQUE',
        'SQLite error: UNIQUE constraint failed: users.email',
        'INSERT hit a unique index',
        'unique violation (sqlite UNIQUE): 409',
        { status: 409 },
      ],
      [
        'SQLITE_CONSTRAINT_NOTNULL',
        'SQLite error: NOT NULL constraint failed: users.name',
        'INSERT of a row without a required column',
        'database not-null violation: 422',
        { status: 422 },
      ],
      [
        'SQLITE_BUSY',
        'SQLite error: database is locked',
        'the database was locked by another writer',
        'contention a retry fixes (SQLITE_BUSY): 503',
        { status: 503, retryable: true },
      ],
      [
        'SQL_PARSE_ERROR',
        'SQL string could not be parsed: near SELEC, "None": syntax error at (1, 1)',
        'a query with a syntax error in our code',
        'our own bug (bad SQL): 500',
        { status: 500 },
      ],
      [
        'SQLITE_ERROR',
        'SQLite error: no such table: users',
        'a query against a table the migration never created',
        'our own bug / misconfiguration (schema missing): 500',
        { status: 500 },
      ],
    ]
    for (const [code, message, scenario, why, expect] of sql) {
      up.reply(sqlError(code, message))
      add(
        `${scenario}: the database streamed a step_error ${code} "${message}"`,
        why,
        expect,
        await rejectionOf(insert),
      )
    }
    up.reply({ status: 401, body: { message: 'Unauthorized: `Authorization` header is invalid' } })
    add(
      'the database answered HTTP 401 with a JSON message to our auth token (DatabaseError carries only the message)',
      `${WHY.upstream401}; the status is not in the error`,
      { status: 500 },
      await rejectionOf(insert),
    )
    up.reply({ status: 404, body: { message: 'Namespace `orders-db` does not exist' } })
    add(
      'the database answered HTTP 404: the configured database (namespace) does not exist',
      `${WHY.upstream4xx} (misconfiguration); the status is not in the error`,
      UPSTREAM_4XX,
      await rejectionOf(insert),
    )
    up.reply({ status: 429, headers: RETRY_AFTER, body: 'Too Many Requests' })
    add(
      'the database answered 429 with Retry-After: 7 and a text body (DatabaseError "HTTP error! status: 429", header dropped)',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(insert),
      429,
    )
    up.reply({ status: 500, body: 'Internal Server Error' })
    add(
      'the database answered 500 with a text body',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(insert),
      500,
    )
    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    add(
      'the database answered 503 with Retry-After: 7 and a text body (header dropped)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(insert),
      503,
    )
    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Log in</body></html>\n',
    })
    add(
      'the database URL answered 200 with an HTML login page instead of the cursor stream',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(insert),
    )
    {
      const port = await closedPort()
      const closed = connect({ url: `http://127.0.0.1:${port}`, authToken: token })
      add(
        'database URL on a closed loopback port refused the connection',
        WHY.refused,
        REFUSED,
        await rejectionOf(() => closed.all('SELECT 1')),
      )
    }
    up.reply('hang')
    add(
      "the SDK's own queryTimeout of 250 ms fired on a database that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => db.all('SELECT * FROM users', { queryTimeout: 250 })),
    )
    up.reply({ status: 200, body: {} })
    add(
      'our code bound NaN as a query argument (the SDK refuses non-finite numbers)',
      'our own bug (bad argument to the SDK): 500',
      { status: 500 },
      await rejectionOf(() => db.run('UPDATE users SET score = ? WHERE id = ?', [Number.NaN, 1])),
    )
    add(
      'connect() with an empty url: TURSO_DATABASE_URL missing from the environment',
      'our misconfiguration (missing setting): 500',
      { status: 500 },
      await rejectionOf(() => connect({ url: '', authToken: token }).all('SELECT 1')),
    )
  } finally {
    db.close()
    await up.close()
  }
  return cases
}

import type { Client } from 'ts-postgres'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'
import { fakePostgres, type PgError, startPglite } from './support/pg-wire.js'

const library = 'ts-postgres'

// ts-postgres 2 (a pure-TypeScript PostgreSQL client, one connection per Client) against a real
// PostgreSQL engine (PGlite served on 127.0.0.1 by pglite-socket), and against scripted servers
// for what a single PGlite session cannot produce: they answer with a real ErrorResponse.
//
// Not collected: a port that answers an HTTP status line to the start-up; ts-postgres 2.0.4 never
// settles connect() then (no error, no close), so there is nothing to catch.
//
// ts-postgres logs a FATAL start-up error with console.warn/error, bound when the module loads; it is
// imported here behind console functions that drop its lines (as an app would route its logger).
export const collect: Collect = async () => {
  const { error, warn } = console
  const quiet =
    (to: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('ts-postgres: ')) return
      to(...args)
    }
  console.error = quiet(error)
  console.warn = quiet(warn)
  const { connect } = await import('ts-postgres')
  Object.assign(console, { error, warn })
  const cases: HeldOutCase[] = []
  const pg = await startPglite()
  const client = await connect({ host: '127.0.0.1', port: pg.port, user: 'postgres', database: 'postgres' })
  try {
    await client.query(
      'CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL UNIQUE, balance int CHECK (balance >= 0))',
    )
    await client.query('CREATE TABLE orders (id int PRIMARY KEY, account_id int REFERENCES accounts(id))')
    await client.query("INSERT INTO accounts VALUES (1, 'a@example.com', 10)")
    const insert = (id: number, email: string | null, balance: number) =>
      rejectionOf(() => client.query('INSERT INTO accounts VALUES ($1, $2, $3)', [id, email, balance]))

    cases.push({
      library,
      what: 'sign-up with an email already taken: DatabaseError code 23505 (unique_violation)',
      why: 'unique violation',
      expect: { status: 409 },
      error: await insert(2, 'a@example.com', 0),
    })
    cases.push({
      library,
      what: 'account without an email (null from the request body): DatabaseError 23502 not_null_violation',
      why: 'database not-null violation',
      expect: { status: 422 },
      error: await insert(3, null, 0),
    })
    cases.push({
      library,
      what: 'negative balance from the request: DatabaseError 23514 check_violation',
      why: 'database check violation',
      expect: { status: 422 },
      error: await insert(4, 'd@example.com', -5),
    })
    cases.push({
      library,
      what: 'order for account 99 that does not exist: DatabaseError 23503 foreign_key_violation',
      why: 'FK violation',
      expect: { status: 409 },
      error: await rejectionOf(() => client.query('INSERT INTO orders VALUES ($1, $2)', [1, 99])),
    })
    cases.push({
      library,
      what: 'path id "abc" cast to int by the query: DatabaseError 22P02 invalid input syntax for type integer',
      why: 'malformed value that reached the database (pg class 22)',
      expect: { status: 400 },
      error: await rejectionOf(() =>
        client.query('SELECT * FROM accounts WHERE id = $1::text::int', ['abc']),
      ),
    })
    cases.push({
      library,
      what: 'typo in our SQL ("SELEC"): DatabaseError 42601 syntax_error',
      why: 'our bad SQL: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => client.query('SELEC * FROM accounts')),
    })
    cases.push({
      library,
      what: 'query of a table our migration never created: DatabaseError 42P01 undefined_table',
      why: 'our bug / missing migration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => client.query('SELECT * FROM invoices')),
    })
    cases.push({
      library,
      what: 'query(...).one() for account 42 that does not exist: Error "Query returned an empty result"',
      why: 'the library reports a missing row; policy names no generic row-missing error: everything else 500 (ambiguous: could be read as not found 404)',
      expect: { status: 500 },
      error: await rejectionOf(() => client.query('SELECT * FROM accounts WHERE id = $1', [42]).one()),
    })
    cases.push({
      library,
      what: 'row.get() of a column the query did not select: Error "Invalid column name: nickname"',
      why: 'our bug: 500',
      expect: { status: 500 },
      error: await rejectionOf(async () => {
        const result = await client.query<{ id: number; nickname: string }>('SELECT id FROM accounts')
        return result.rows[0]!.get('nickname')
      }),
    })
  } finally {
    await client.end()
  }
  cases.push({
    library,
    what: 'query on a client that was already ended (lifecycle bug): Error "Connection is closed."',
    why: 'our bug: 500',
    expect: { status: 500 },
    error: await rejectionOf(() => client.query('SELECT 1')),
  })
  await pg.close()

  cases.push({
    library,
    what: 'connect to a database port nothing listens on: ECONNREFUSED',
    why: 'database unreachable: 503',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(async () =>
      connect({ host: '127.0.0.1', port: await closedPort(), user: 'postgres' }),
    ),
  })

  const hang = await hangingServer()
  cases.push({
    library,
    what: 'connect to a server that accepts and never answers, connectionTimeout 200: Error "Timeout after 200 ms"',
    why: 'dependency too slow: 504',
    expect: { status: 504, retryable: true },
    error: await rejectionOf(() =>
      connect({ host: '127.0.0.1', port: hang.port, user: 'postgres', connectionTimeout: 200 }),
    ),
  })
  await hang.close()

  const startupError = async (e: PgError) => {
    const server = await fakePostgres({ startup: e })
    try {
      return await rejectionOf(() => connect({ host: '127.0.0.1', port: server.port, user: 'app' }))
    } finally {
      await server.close()
    }
  }
  cases.push({
    library,
    what: 'server refuses our password with a FATAL 28P01 ErrorResponse: plain Error "password authentication failed for user "app": undefined" (ts-postgres drops the SQLSTATE)',
    why: 'dependency rejects our credentials: 500',
    expect: { status: 500 },
    error: await startupError({ code: '28P01', message: 'password authentication failed for user "app"' }),
  })
  cases.push({
    library,
    what: 'server at max_connections, FATAL 53300 at start-up: plain Error "sorry, too many clients already: undefined" (no SQLSTATE kept)',
    why: 'too many connections: dependency unavailable 503',
    expect: { status: 503, retryable: true },
    error: await startupError({ code: '53300', message: 'sorry, too many clients already' }),
  })

  const queryError = async (e: PgError) => {
    const server = await fakePostgres({ query: e })
    let c: Client | undefined
    try {
      c = await connect({ host: '127.0.0.1', port: server.port, user: 'app' })
      const open = c
      return await rejectionOf(() =>
        open.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [5, 1]),
      )
    } finally {
      await c?.end().catch(() => {})
      await server.close()
    }
  }
  cases.push({
    library,
    what: 'transfer aborted by the server: DatabaseError 40P01 "deadlock detected"',
    why: 'deadlock: contention a retry fixes, 503',
    expect: { status: 503, retryable: true },
    error: await queryError({
      code: '40P01',
      message: 'deadlock detected',
      detail: 'Process 4242 waits for ShareLock on transaction 771; blocked by process 4243.',
    }),
  })
  cases.push({
    library,
    what: 'serializable transaction: DatabaseError 40001 "could not serialize access due to concurrent update"',
    why: 'serialization failure: 503',
    expect: { status: 503, retryable: true },
    error: await queryError({
      code: '40001',
      message: 'could not serialize access due to concurrent update',
    }),
  })
  cases.push({
    library,
    what: 'statement_timeout fired on the server: DatabaseError 57014 "canceling statement due to statement timeout"',
    why: 'statement timeout: dependency too slow 504',
    expect: { status: 504, retryable: true },
    error: await queryError({ code: '57014', message: 'canceling statement due to statement timeout' }),
  })
  return cases
}

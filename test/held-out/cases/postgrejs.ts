import { BindParam, Connection, DataTypeOIDs, Pool } from 'postgrejs'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort } from './support/local.js'
import { fakePostgres, httpSpeaker, type PgError, startPglite } from './support/pg-wire.js'

const library = 'postgrejs'

// postgrejs 2 (a pure-JS PostgreSQL client with its own pool, lightning-pool) against a real
// PostgreSQL engine (PGlite served on 127.0.0.1 by pglite-socket), and against scripted servers
// that answer a real ErrorResponse for what one PGlite session cannot produce.
//
// Not collected: a server that accepts and never answers. postgrejs 2.23.1 arms connectTimeoutMs
// only until the TCP connect, then waits for the SSLRequest reply forever (connect() never settles).
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  // The pool's connection may still be closing on the server's side when the next one connects.
  const pg = await startPglite({ maxConnections: 2 })
  const url = `postgres://postgres@127.0.0.1:${pg.port}/postgres`
  // A pool of one connection, held by a long transaction; the next acquire waits 150 ms.
  const pool = new Pool({
    host: '127.0.0.1',
    port: pg.port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    acquireTimeoutMillis: 150,
  })
  // On a loaded machine the first connection may take longer than the 150 ms deadline: that acquire
  // then fails, and the connection it opened serves the next one.
  let held: Awaited<ReturnType<typeof pool.acquire>> | undefined
  for (let attempt = 1; held === undefined; attempt++) {
    held = await pool.acquire().catch((error: unknown) => {
      if (attempt >= 20) throw error
      return undefined
    })
  }
  cases.push({
    library,
    what: 'pool (max 1) exhausted, acquire waited 150 ms: Error "Request timed out" from lightning-pool',
    why: 'pool exhausted: dependency unavailable 503 (ambiguous: a wait that timed out could read 504)',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => pool.query('SELECT 1')),
  })
  await held.close()
  await pool.close(0)
  const conn = new Connection(url)
  await conn.connect()
  try {
    await conn.execute(
      'CREATE TABLE tickets (id uuid PRIMARY KEY, seat text NOT NULL UNIQUE, price int CHECK (price > 0))',
    )
    await conn.execute("INSERT INTO tickets VALUES ('7b1c1e5e-6a8f-4c4e-9e49-5b0e0c3f6d11', 'A1', 40)")
    const insert = (id: string, seat: string | null, price: number) =>
      rejectionOf(() =>
        conn.query('INSERT INTO tickets VALUES ($1::uuid, $2, $3)', { params: [id, seat, price] }),
      )
    cases.push({
      library,
      what: 'booking a seat that is already booked: DatabaseError code 23505 (unique_violation)',
      why: 'unique violation',
      expect: { status: 409 },
      error: await insert('0f9a3c52-5d6e-4a1b-8c7d-2e3f4a5b6c7d', 'A1', 40),
    })
    cases.push({
      library,
      what: 'booking without a seat (null from the request): DatabaseError 23502 not_null_violation',
      why: 'database not-null violation',
      expect: { status: 422 },
      error: await insert('1f9a3c52-5d6e-4a1b-8c7d-2e3f4a5b6c7d', null, 40),
    })
    cases.push({
      library,
      what: 'price 0 from the request: DatabaseError 23514 check_violation',
      why: 'database check violation',
      expect: { status: 422 },
      error: await insert('2f9a3c52-5d6e-4a1b-8c7d-2e3f4a5b6c7d', 'B2', 0),
    })
    cases.push({
      library,
      what: 'ticket id "42" from the URL cast to uuid in SQL: DatabaseError 22P02 invalid input syntax for type uuid',
      why: 'malformed value that reached the database (pg class 22)',
      expect: { status: 400 },
      error: await rejectionOf(() =>
        conn.query('SELECT * FROM tickets WHERE id = $1::uuid', { params: ['42'] }),
      ),
    })
    cases.push({
      library,
      what: 'ticket id "42" bound as a typed uuid parameter: the driver rejects it before sending, Error "\\"42\\" is not a valid guid value"',
      why: 'malformed request value (a uuid that does not parse): 400; it never reached the database but is the same fault',
      expect: { status: 400 },
      error: await rejectionOf(() =>
        conn.query('SELECT * FROM tickets WHERE id = $1', {
          params: [new BindParam(DataTypeOIDs.uuid, '42')],
        }),
      ),
    })
    cases.push({
      library,
      what: 'our query names a column that does not exist: DatabaseError 42703 undefined_column',
      why: 'our bad SQL: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => conn.query('SELECT price_cents FROM tickets')),
    })
    cases.push({
      library,
      what: 'our migration script has a syntax error: conn.execute rejects with DatabaseError 42601',
      why: 'our bad SQL: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => conn.execute('ALTER TABLE tickets ADD COLUMN note text DEFAULT')),
    })
  } finally {
    await conn.close()
  }
  cases.push({
    library,
    what: 'query on a connection the request handler already closed: Error "Connection closed"',
    why: 'our lifecycle bug: 500',
    expect: { status: 500 },
    error: await rejectionOf(() => conn.query('SELECT 1')),
  })

  await pg.close()

  cases.push({
    library,
    what: 'connect to a database port nothing listens on: ECONNREFUSED',
    why: 'database unreachable: 503',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(async () =>
      new Connection({ host: '127.0.0.1', port: await closedPort(), user: 'app' }).connect(),
    ),
  })
  const http = await httpSpeaker()
  cases.push({
    library,
    what: 'database port points at an HTTP service that answers "HTTP/1.1 400 Bad Request" to the SSLRequest: Error "There was an error establishing an SSL connection"',
    why: 'dependency answered with a different protocol: answered badly 502 (ambiguous: our misconfiguration could read 500)',
    expect: { status: 502, retryable: true },
    error: await rejectionOf(() =>
      new Connection({ host: '127.0.0.1', port: http.port, user: 'app', connectTimeoutMs: 1000 }).connect(),
    ),
  })
  await http.close()

  const startupError = async (e: PgError) => {
    const server = await fakePostgres({ startup: e })
    try {
      return await rejectionOf(() =>
        new Connection({ host: '127.0.0.1', port: server.port, user: 'app', database: 'shop' }).connect(),
      )
    } finally {
      await server.close()
    }
  }
  cases.push({
    library,
    what: 'DATABASE_URL names a database that does not exist: FATAL 3D000 "database \\"shop\\" does not exist"',
    why: 'our misconfiguration (pg 3D000): 500',
    expect: { status: 500 },
    error: await startupError({ code: '3D000', message: 'database "shop" does not exist' }),
  })
  cases.push({
    library,
    what: 'wrong password in our config: FATAL 28P01 "password authentication failed for user \\"app\\""',
    why: 'dependency rejects our credentials (pg 28P01): 500',
    expect: { status: 500 },
    error: await startupError({ code: '28P01', message: 'password authentication failed for user "app"' }),
  })
  cases.push({
    library,
    what: 'server shutting down: FATAL 57P03 "the database system is shutting down" at start-up',
    why: 'dependency unavailable: 503',
    expect: { status: 503, retryable: true },
    error: await startupError({ code: '57P03', message: 'the database system is shutting down' }),
  })

  const queryError = async (e: PgError) => {
    const server = await fakePostgres({ query: e })
    const c = new Connection({ host: '127.0.0.1', port: server.port, user: 'app', database: 'shop' })
    try {
      await c.connect()
      return await rejectionOf(() =>
        c.query('SELECT * FROM tickets WHERE id = $1 FOR UPDATE NOWAIT', {
          params: ['7b1c1e5e-6a8f-4c4e-9e49-5b0e0c3f6d11'],
        }),
      )
    } finally {
      await c.close(0).catch(() => {})
      await server.close()
    }
  }
  cases.push({
    library,
    what: 'SELECT … FOR UPDATE NOWAIT on a row another transaction holds: DatabaseError 55P03 lock_not_available',
    why: 'lock not available: contention a retry fixes, 503',
    expect: { status: 503, retryable: true },
    error: await queryError({ code: '55P03', message: 'could not obtain lock on row in relation "tickets"' }),
  })
  cases.push({
    library,
    what: 'lock_timeout reached: DatabaseError 55P03 "canceling statement due to lock timeout"',
    why: 'lock wait: 503 (policy lists 55P03 under contention)',
    expect: { status: 503, retryable: true },
    error: await queryError({ code: '55P03', message: 'canceling statement due to lock timeout' }),
  })
  cases.push({
    library,
    what: 'session killed by an administrator mid-request: FATAL 57P01 "terminating connection due to administrator command"',
    why: 'dependency unavailable (restart/failover): 503',
    expect: { status: 503, retryable: true },
    error: await queryError({
      severity: 'FATAL',
      code: '57P01',
      message: 'terminating connection due to administrator command',
    }),
  })
  return cases
}

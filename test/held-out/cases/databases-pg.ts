import databasesPg, { sql } from '@databases/pg'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { closedPort } from './support/local.js'
import { scriptedPostgres } from './support/pg-scripted.js'
import { startPglite } from './support/pg-wire.js'

const library = '@databases/pg'

// A CommonJS module: under NodeNext its default import is module.exports, whose `default` is the factory.
const createConnectionPool = databasesPg.default

// @databases/pg 6 (over pg) against a real PostgreSQL engine (PGlite over the wire on 127.0.0.1),
// a scripted server that drops the connection mid-query, and a closed port.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = (what: string, why: string, expect: HeldOutCase['expect'], error: unknown) =>
    cases.push({ library, what, why, expect, error })

  const pg = await startPglite({ maxConnections: 4 })
  const db = createConnectionPool({
    connectionString: `postgres://postgres@127.0.0.1:${pg.port}/postgres`,
    bigIntMode: 'number',
    poolSize: 1,
    queueTimeoutMilliseconds: 200,
  })
  try {
    await db.query(
      sql`CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL UNIQUE, age int CHECK (age >= 0))`,
    )
    await db.query(
      sql`INSERT INTO users VALUES ('00000000-0000-0000-0000-000000000001', 'a@example.com', 30)`,
    )
    const id = '00000000-0000-0000-0000-000000000002'
    add(
      'POST /users with a taken email: error 23505 "duplicate key value violates unique constraint"',
      'unique violation caused by client data: conflict, 409',
      { status: 409 },
      await rejectionOf(() =>
        db.query(sql`INSERT INTO users (id, email) VALUES (${id}, ${'a@example.com'})`),
      ),
    )
    add(
      'POST /users without an email: error 23502 not-null violation',
      'database not-null violation: validation, 422',
      { status: 422 },
      await rejectionOf(() => db.query(sql`INSERT INTO users (id, email) VALUES (${id}, ${null})`)),
    )
    add(
      'GET /users/nope: error 22P02 "invalid input syntax for type uuid"',
      'malformed client value reached the database (pg class 22): 400',
      { status: 400 },
      await rejectionOf(() => db.query(sql`SELECT * FROM users WHERE id = ${'nope'}`)),
    )
    add(
      'a query with a typo (SELEC): error 42601 with a code frame in the message',
      'our bug (bad SQL), 500',
      { status: 500 },
      await rejectionOf(() => db.query(sql`SELEC * FROM users`)),
    )
    // The only connection is held by a long task: the next query waits in the queue, then gives up.
    const held = db.task(async () => {
      await new Promise((resolve) => setTimeout(resolve, 700))
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    add(
      'pool of 1 held by a long task, queueTimeoutMilliseconds 200: Error CONNECTION_POOL:QUEUE_TIMEOUT',
      'pool exhausted: dependency unavailable, 503',
      { status: 503, retryable: true },
      await rejectionOf(() => db.query(sql`SELECT 1`)),
    )
    await held
    add(
      'a plain string passed to db.query(): Error "Invalid query, you must use @databases/sql to create your queries."',
      'our bug (API misuse), 500',
      { status: 500 },
      await rejectionOf(() => db.query('SELECT 1' as unknown as ReturnType<typeof sql>)),
    )
  } finally {
    await db.dispose()
    await pg.close()
  }
  add(
    'a query after dispose(): Error "You cannot run any operations on a ConnectionPool after it has been disposed."',
    'our bug (pool used after shutdown), 500',
    { status: 500 },
    await rejectionOf(() => db.query(sql`SELECT 1`)),
  )

  const drop = await scriptedPostgres({ later: 'drop' })
  const dropping = createConnectionPool({
    connectionString: `postgres://postgres@127.0.0.1:${drop.port}/postgres`,
    bigIntMode: 'number',
  })
  try {
    add(
      'the database closed the connection mid-query: "Connection terminated unexpectedly"',
      'connection to the database dropped mid-exchange: 502',
      RESET,
      await rejectionOf(() => dropping.query(sql`SELECT 1`)),
    )
  } finally {
    await dropping.dispose().catch(() => {})
    await drop.close()
  }

  const port = await closedPort()
  const down = createConnectionPool({
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    bigIntMode: 'number',
  })
  try {
    add(
      'a query while the database port is closed: connect ECONNREFUSED',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => down.query(sql`SELECT 1`)),
    )
  } finally {
    await down.dispose()
  }
  return cases
}

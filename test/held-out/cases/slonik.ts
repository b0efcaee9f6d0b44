import { createPool, sql } from 'slonik'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort } from './support/local.js'
import { scriptedPostgres } from './support/pg-scripted.js'
import { startPglite } from './support/pg-wire.js'

const library = 'slonik'

// slonik 47 (over pg) against a real PostgreSQL engine (PGlite over the wire on 127.0.0.1), and
// against a scripted server for what one PGlite session cannot do (statement timeout, a backend
// that drops the connection mid-query). slonik wraps SQLSTATEs into classes of its own.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = (what: string, why: string, expect: HeldOutCase['expect'], error: unknown) =>
    cases.push({ library, what, why, expect, error })

  const pg = await startPglite({ maxConnections: 4 })
  const pool = await createPool(`postgres://postgres@127.0.0.1:${pg.port}/postgres`, { maximumPoolSize: 1 })
  try {
    await pool.query(sql.unsafe`CREATE TABLE teams (id int PRIMARY KEY)`)
    await pool.query(sql.unsafe`
      CREATE TABLE users (
        id uuid PRIMARY KEY, email text NOT NULL UNIQUE, team int REFERENCES teams(id), age int CHECK (age >= 0)
      )`)
    await pool.query(sql.unsafe`INSERT INTO teams VALUES (1)`)
    await pool.query(sql.unsafe`
      INSERT INTO users VALUES
        ('00000000-0000-0000-0000-000000000001', 'a@example.com', 1, 30),
        ('00000000-0000-0000-0000-000000000002', 'b@example.com', 1, 31)`)
    const id = '00000000-0000-0000-0000-000000000003'

    add(
      'GET /users?email=z@example.com: pool.one() found no row: NotFoundError "Resource not found."',
      'find-or-throw of a missing record: not found, 404',
      { status: 404 },
      await rejectionOf(() => pool.one(sql.unsafe`SELECT * FROM users WHERE email = ${'z@example.com'}`)),
    )
    add(
      'pool.maybeOne() got two rows for team 1: DataIntegrityError "Query returned an unexpected result."',
      'our query broke its own one-row assumption: our bug, 500',
      { status: 500 },
      await rejectionOf(() => pool.maybeOne(sql.unsafe`SELECT * FROM users WHERE team = ${1}`)),
    )
    add(
      'POST /users with a taken email: UniqueIntegrityConstraintViolationError (cause pg 23505)',
      'unique violation caused by client data: conflict, 409',
      { status: 409 },
      await rejectionOf(() =>
        pool.query(sql.unsafe`INSERT INTO users (id, email) VALUES (${id}, ${'a@example.com'})`),
      ),
    )
    add(
      'POST /users with team 9 that does not exist: ForeignKeyIntegrityConstraintViolationError (cause 23503)',
      'foreign-key violation from client data: conflict, 409',
      { status: 409 },
      await rejectionOf(() =>
        pool.query(sql.unsafe`INSERT INTO users (id, email, team) VALUES (${id}, ${'c@example.com'}, ${9})`),
      ),
    )
    add(
      'POST /users without an email: NotNullIntegrityConstraintViolationError (cause 23502)',
      'database not-null violation: validation, 422',
      { status: 422 },
      await rejectionOf(() => pool.query(sql.unsafe`INSERT INTO users (id, email) VALUES (${id}, ${null})`)),
    )
    add(
      'POST /users with age -1: CheckIntegrityConstraintViolationError (cause 23514)',
      'database check violation: validation, 422',
      { status: 422 },
      await rejectionOf(() =>
        pool.query(sql.unsafe`INSERT INTO users (id, email, age) VALUES (${id}, ${'d@example.com'}, ${-1})`),
      ),
    )
    add(
      'GET /users/not-a-uuid: InvalidInputError "invalid input syntax for type uuid" (slonik\'s wrap of 22P02)',
      'malformed client value reached the database (pg class 22): 400',
      { status: 400 },
      await rejectionOf(() => pool.one(sql.unsafe`SELECT * FROM users WHERE id = ${'not-a-uuid'}`)),
    )
    add(
      'an undefined value bound into the sql tag: InvalidInputError "SQL tag cannot be bound to undefined value"',
      'our bug (we passed undefined to the query builder), 500',
      { status: 500 },
      await rejectionOf(() =>
        pool.one(sql.unsafe`SELECT * FROM users WHERE id = ${undefined as unknown as string}`),
      ),
    )
    add(
      'a query with a typo (SELEC): InputSyntaxError (cause 42601 syntax error)',
      'our bug (bad SQL), 500',
      { status: 500 },
      await rejectionOf(() => pool.query(sql.unsafe`SELEC * FROM users`)),
    )
  } finally {
    await pool.end()
    await pg.close()
  }

  // Statement timeout: the server cancels the query with 57014 (the pg_type lookup slonik makes
  // while creating the pool is answered first).
  const slow = await scriptedPostgres({
    okFirst: 1,
    later: { code: '57014', message: 'canceling statement due to statement timeout' },
  })
  try {
    const p = await createPool(`postgres://postgres@127.0.0.1:${slow.port}/postgres`, {
      connectionRetryLimit: 0,
      typeParsers: [],
    })
    add(
      "query cancelled by the server's statement_timeout (57014): StatementTimeoutError",
      'statement timeout: dependency too slow, 504',
      TIMED_OUT,
      await rejectionOf(() => p.one(sql.unsafe`SELECT 1`)),
    )
    await p.end()
  } finally {
    await slow.close()
  }

  // A backend that drops the connection once the query arrived.
  const drop = await scriptedPostgres({ okFirst: 1, later: 'drop' })
  try {
    const p = await createPool(`postgres://postgres@127.0.0.1:${drop.port}/postgres`, {
      connectionRetryLimit: 0,
      typeParsers: [],
    })
    add(
      'the database closed the connection mid-query: BackendTerminatedUnexpectedlyError ' +
        '(cause "Connection terminated unexpectedly")',
      'connection to the database dropped mid-exchange: 502',
      RESET,
      await rejectionOf(() => p.one(sql.unsafe`SELECT 1`)),
    )
    await p.end().catch(() => {})
  } finally {
    await drop.close()
  }

  const port = await closedPort()
  add(
    'createPool() against a closed port: the connect ECONNREFUSED error passed through',
    WHY.refused,
    REFUSED,
    await rejectionOf(() =>
      createPool(`postgres://postgres@127.0.0.1:${port}/postgres`, { connectionRetryLimit: 0 }),
    ),
  )
  return cases
}

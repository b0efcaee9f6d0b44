import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import pgPromise from 'pg-promise'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'pg-promise'

// pg-promise 12 (over pg) against a real PostgreSQL engine: PGlite (WASM) served over the wire
// protocol on 127.0.0.1 by @electric-sql/pglite-socket. Collected: pg-promise's own errors (result
// expectations, query formatting, connection misuse). Server errors (SQLSTATE) are pg's
// DatabaseError passed through unchanged, so they are not collected here.
export const collect: Collect = async () => {
  const pglite = await PGlite.create()
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 })
  await server.start()
  const port = Number(String(server.getServerConn()).split(':').pop())
  const pgp = pgPromise()
  const db = pgp({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: 1 })
  const cases: HeldOutCase[] = []
  try {
    await db.none('CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL UNIQUE, team int)')
    await db.none("INSERT INTO users VALUES (1, 'a@example.com', 7), (2, 'b@example.com', 7)")

    cases.push({
      library,
      what: 'GET /users/42: db.one() found no row: QueryResultError code 0 (noData) "No data returned from the query."',
      why: 'find-or-fail of a missing row, 404',
      expect: { status: 404 },
      error: await rejectionOf(() => db.one('SELECT * FROM users WHERE id = $1', [42])),
    })
    cases.push({
      library,
      what: 'GET /teams/7/owner: db.one() got two rows: QueryResultError code 2 (multiple) "Multiple rows were not expected."',
      why: 'our query broke its own one-row assumption: our bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => db.one('SELECT * FROM users WHERE team = $1', [7])),
    })
    cases.push({
      library,
      what: 'db.none() on a query that returned rows: QueryResultError code 1 (notEmpty) "No return data was expected."',
      why: 'our bug (wrong result expectation), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => db.none('SELECT * FROM users WHERE id = $1', [1])),
    })
    cases.push({
      library,
      what: 'named-parameter query $(email) whose object has only "mail": Error "Property \'email\' doesn\'t exist."',
      why: 'our bug (query formatting), 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        db.any('SELECT * FROM users WHERE email = $(email)', { mail: 'a@example.com' }),
      ),
    })
    cases.push({
      library,
      what: 'table name from a sort parameter formatted as :name was empty: TypeError "Invalid sql name: """',
      why: 'our bug (we passed an unchecked value into SQL-name formatting), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => db.any('SELECT * FROM $1:name', [''])),
    })
    let leaked: pgPromise.ITask<unknown> | undefined
    await db.task((t) => {
      leaked = t
    })
    cases.push({
      library,
      what: 'a task context kept past the end of db.task() and queried later: Error "Querying against a released or lost connection."',
      why: 'our bug (connection misuse), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => leaked?.one('SELECT 1')),
    })
    cases.push({
      library,
      what: 'a ParameterizedQuery built with empty text: ParameterizedQueryError "Property \'text\' must be a non-empty text string."',
      why: 'our bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => db.any(new pgp.ParameterizedQuery({ text: '' }))),
    })
  } finally {
    await db.$pool.end()
    await server.stop()
    await pglite.close()
  }
  return cases
}

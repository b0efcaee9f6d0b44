import sqlite3InitModule from '@sqlite.org/sqlite-wasm'
import type { Collect, HeldOutCase } from '../case.js'
import { caseAdder } from './support/http-matrix.js'

const library = '@sqlite.org/sqlite-wasm'

/** What a synchronous call threw; throws if it returned. */
function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// The official SQLite WASM build (its Node entry, in-memory databases, the oo1 API), in process.
// Constraint failures are SQLite3Error with the extended `resultCode` (2067 UNIQUE, 787 FOREIGNKEY …).
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const sqlite3 = await sqlite3InitModule({ print: () => {}, printErr: () => {} })
  // The oo1 API also warns of every failed step on the console: kept out of the test run's output.
  sqlite3.config.warn = () => {}
  const db = new sqlite3.oo1.DB(':memory:', 'c')
  try {
    db.exec('PRAGMA foreign_keys = ON')
    db.exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
      CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
        qty INTEGER NOT NULL CHECK (qty > 0)) STRICT;
      INSERT INTO users (email) VALUES ('ann@example.com')`)
    const run = (sql: string, bind: (string | number | null)[]) => thrownBy(() => db.exec({ sql, bind }))
    add(
      'sign-up with an email already registered: SQLITE_CONSTRAINT_UNIQUE',
      'unique violation: 409',
      { status: 409 },
      run('INSERT INTO users (email) VALUES (?)', ['ann@example.com']),
    )
    add(
      'order for a user id from the request that does not exist: SQLITE_CONSTRAINT_FOREIGNKEY',
      'FK violation caused by client data: 409',
      { status: 409 },
      run('INSERT INTO orders (user_id, qty) VALUES (?, ?)', [42, 1]),
    )
    add(
      'order quantity 0 from the request: SQLITE_CONSTRAINT_CHECK',
      'database check violation: 422',
      { status: 422 },
      run('INSERT INTO orders (user_id, qty) VALUES (?, ?)', [1, 0]),
    )
    add(
      'sign-up with a null email: SQLITE_CONSTRAINT_NOTNULL',
      'database not-null violation: 422',
      { status: 422 },
      run('INSERT INTO users (email) VALUES (?)', [null]),
    )
    add(
      'quantity "three" from the request into a STRICT integer column: SQLITE_CONSTRAINT_DATATYPE',
      'malformed value that reached the database (text for an integer): 400',
      { status: 400 },
      run('INSERT INTO orders (user_id, qty) VALUES (?, ?)', [1, 'three']),
    )
    add(
      'our query names a column that does not exist: SQLITE_ERROR "no such column"',
      'our bad SQL: 500',
      { status: 500 },
      run('SELECT total FROM orders WHERE id = ?', [1]),
    )
    add(
      'our code binds two values to a one-placeholder statement: "Bind index 2 is out of range"',
      'our bug: 500',
      { status: 500 },
      run('SELECT * FROM users WHERE id = ?', [1, 2]),
    )
    add(
      'our code binds a plain object: "Unsupported bind() argument type"',
      'our bug: 500',
      { status: 500 },
      thrownBy(() => db.exec({ sql: 'SELECT ?', bind: [{} as unknown as string] })),
    )
  } finally {
    db.close()
  }
  add(
    'query on a database handle the app already closed: "DB has been closed."',
    'our lifecycle bug: 500',
    { status: 500 },
    thrownBy(() => db.exec('SELECT 1')),
  )
  return cases
}

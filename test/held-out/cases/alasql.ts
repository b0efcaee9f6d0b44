import alasql from 'alasql'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'alasql'

// alasql 4: an in-process SQL database (its own engine, in memory).
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = (what: string, why: string, expect: HeldOutCase['expect'], error: unknown) =>
    cases.push({ library, what, why, expect, error })
  const db = new alasql.Database()
  db.exec('CREATE TABLE teams (id INT PRIMARY KEY)')
  db.exec(
    'CREATE TABLE users (id INT PRIMARY KEY, email STRING NOT NULL UNIQUE, ' +
      'team INT REFERENCES teams(id), age INT CHECK (age >= 0))',
  )
  db.exec('INSERT INTO teams VALUES (1)')
  db.exec('INSERT INTO users VALUES (1, "a@example.com", 1, 30)')
  const insert = (row: unknown[]) => db.exec('INSERT INTO users VALUES (?, ?, ?, ?)', row)

  add(
    'POST /users with an id that exists: Error "Cannot insert record, because it already exists in primary key index"',
    'unique (primary key) violation from client data: conflict, 409',
    { status: 409 },
    await rejectionOf(() => insert([1, 'b@example.com', 1, 20])),
  )
  add(
    'POST /users with a taken email: Error "Cannot insert record, because it already exists in unique index"',
    'unique violation from client data: conflict, 409',
    { status: 409 },
    await rejectionOf(() => insert([2, 'a@example.com', 1, 20])),
  )
  add(
    'POST /users with team 9 that does not exist: Error "Foreign key \\"9\\" not found in table \\"teams\\""',
    'foreign-key violation from client data: conflict, 409',
    { status: 409 },
    await rejectionOf(() => insert([3, 'c@example.com', 9, 20])),
  )
  add(
    'POST /users without an email (a literal NULL: alasql checks NOT NULL only there): ' +
      'Error "Wrong NULL value in NOT NULL column email"',
    'database not-null violation: validation, 422',
    { status: 422 },
    await rejectionOf(() => db.exec('INSERT INTO users VALUES (4, NULL, 1, 20)')),
  )
  add(
    'POST /users with age -1: Error "Violation of CHECK constraint "',
    'database check violation: validation, 422',
    { status: 422 },
    await rejectionOf(() => insert([5, 'e@example.com', 1, -1])),
  )
  add(
    'a query with a typo (SELEC): SyntaxError "Parse error on line 1"',
    'our bug (bad SQL), 500',
    { status: 500 },
    await rejectionOf(() => db.exec('SELEC * FROM users')),
  )
  add(
    'a query on a table that was never created, through alasql.promise(): Error "Table does not exist: orders"',
    'our bug (schema not set up), 500',
    { status: 500 },
    await rejectionOf(() => alasql.promise('SELECT * FROM orders')),
  )
  return cases
}

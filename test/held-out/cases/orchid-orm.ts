import { createBaseTable } from 'orchid-orm'
import { orchidORM } from 'orchid-orm/node-postgres'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, TIMED_OUT, WHY } from './support/http-expect.js'
import { closedPort } from './support/local.js'
import { scriptedPostgres } from './support/pg-scripted.js'
import { startPglite } from './support/pg-wire.js'

const library = 'orchid-orm'

const BaseTable = createBaseTable()

// The column types of orchid-orm 1.78 do not compile under exactOptionalPropertyTypes (the
// repository's setting): the columns are cast away and the tables used through this interface.
interface Table {
  find(id: string): PromiseLike<unknown>
  where(condition: object): { get(column: string): PromiseLike<unknown> }
  create(data: object): PromiseLike<unknown>
  update(data: object): PromiseLike<unknown>
  take(): PromiseLike<unknown>
}
const table = (t: unknown) => t as Table

class TeamTable extends BaseTable {
  override readonly table = 'teams'
  override columns = this.setColumns((t) => ({ id: t.integer().primaryKey() }) as never)
}

class UserTable extends BaseTable {
  override readonly table = 'users'
  override columns = this.setColumns(
    (t) =>
      ({
        id: t.uuid().primaryKey(),
        email: t.text().unique(),
        team: t.integer().nullable(),
        age: t.integer().nullable(),
      }) as never,
  )
}

// orchid-orm 1.78 (pqb over pg) against a real PostgreSQL engine (PGlite over the wire on
// 127.0.0.1), and a scripted server for the errors one PGlite session cannot produce.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = (what: string, why: string, expect: HeldOutCase['expect'], error: unknown) =>
    cases.push({ library, what, why, expect, error })

  const pg = await startPglite({ maxConnections: 4 })
  const db = orchidORM(
    { databaseURL: `postgres://postgres@127.0.0.1:${pg.port}/postgres`, max: 1 },
    { team: TeamTable, user: UserTable },
  )
  try {
    await db.$query`CREATE TABLE teams (id int PRIMARY KEY)`
    await db.$query`CREATE TABLE users (
      id uuid PRIMARY KEY, email text NOT NULL UNIQUE, team int REFERENCES teams(id), age int CHECK (age >= 0)
    )`
    await table(db.team).create({ id: 1 })
    const users = table(db.user)
    await users.create({ id: '00000000-0000-0000-0000-000000000001', email: 'a@example.com', team: 1 })
    const id = '00000000-0000-0000-0000-000000000002'

    add(
      'GET /users/:id of a missing user: db.user.find(id) threw NotFoundError "Record is not found"',
      'find-or-throw of a missing record: not found, 404',
      { status: 404 },
      await rejectionOf(() => users.find('00000000-0000-0000-0000-000000000009')),
    )
    add(
      'GET /users/email?of=zz: db.user.where(...).get("email") found no row: NotFoundError',
      'find-or-throw of a missing record: not found, 404',
      { status: 404 },
      await rejectionOf(() => users.where({ email: 'zz@example.com' }).get('email')),
    )
    add(
      'POST /users with a taken email: QueryError 23505 (isUnique true)',
      'unique violation caused by client data: conflict, 409',
      { status: 409 },
      await rejectionOf(() => users.create({ id, email: 'a@example.com' })),
    )
    add(
      'POST /users with team 9 that does not exist: QueryError 23503 foreign key violation',
      'foreign-key violation from client data: conflict, 409',
      { status: 409 },
      await rejectionOf(() => users.create({ id, email: 'b@example.com', team: 9 })),
    )
    add(
      'POST /users with email null: QueryError 23502 not-null violation',
      'database not-null violation: validation, 422',
      { status: 422 },
      await rejectionOf(() => users.create({ id, email: null })),
    )
    add(
      'POST /users with age -2: QueryError 23514 check violation',
      'database check violation: validation, 422',
      { status: 422 },
      await rejectionOf(() => users.create({ id, email: 'c@example.com', age: -2 })),
    )
    add(
      'GET /users/nope: QueryError 22P02 "invalid input syntax for type uuid"',
      'malformed client value reached the database (pg class 22): 400',
      { status: 400 },
      await rejectionOf(() => users.find('nope')),
    )
    add(
      'update() with no where clause: OrchidOrmInternalError "Dangerous update without conditions"',
      'our bug (ORM refuses an unconditioned update), 500',
      { status: 500 },
      await rejectionOf(() => users.update({ age: 1 })),
    )
  } finally {
    await db.$close()
    await pg.close()
  }

  const scripted = [
    [
      { code: '57014', message: 'canceling statement due to statement timeout' },
      "query cancelled by the server's statement_timeout: QueryError 57014",
      'statement timeout: dependency too slow, 504',
      TIMED_OUT,
    ],
    [
      { code: '40P01', message: 'deadlock detected' },
      'the server aborted the query as a deadlock victim: QueryError 40P01',
      'deadlock: contention that a retry fixes, 503',
      { status: 503, retryable: true },
    ],
  ] as const
  for (const [later, what, why, expect] of scripted) {
    const fake = await scriptedPostgres({ later })
    const orm = orchidORM(
      { databaseURL: `postgres://postgres@127.0.0.1:${fake.port}/postgres` },
      { user: UserTable },
    )
    try {
      add(what, why, expect, await rejectionOf(() => table(orm.user).take()))
    } finally {
      await orm.$close()
      await fake.close()
    }
  }

  const port = await closedPort()
  const down = orchidORM(
    { databaseURL: `postgres://postgres@127.0.0.1:${port}/postgres` },
    { user: UserTable },
  )
  try {
    add(
      'a query while the database port is closed: connect ECONNREFUSED',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => table(down.user).take()),
    )
  } finally {
    await down.$close()
  }
  return cases
}

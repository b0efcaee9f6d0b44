import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EntitySchema, LockMode, MikroORM } from '@mikro-orm/libsql'
import Database from 'libsql'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = '@mikro-orm/core'

interface User {
  id: number
  email: string
  name: string
  age?: number
  version: number
}
interface Post {
  id: number
  author: User
  title: string
}
const UserSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'number', primary: true },
    email: { type: 'string' },
    name: { type: 'string' },
    age: { type: 'number', nullable: true },
    version: { type: 'number', version: true },
  },
})
const PostSchema = new EntitySchema<Post>({
  name: 'Post',
  tableName: 'posts',
  properties: {
    id: { type: 'number', primary: true },
    author: { kind: 'm:1', entity: 'User' },
    title: { type: 'string' },
  },
})

// MikroORM 6 (@mikro-orm/core, with the @mikro-orm/libsql driver) on a SQLite file in a temp dir.
// The tables are created by hand so that they carry the constraints a migration would. The driver
// errors are converted by MikroORM into its own exception classes (from @mikro-orm/core), which are
// what is collected; each request handler uses a forked EntityManager, as in an app.
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-mikro-'))
  const file = join(dir, 'app.db')
  const orm = await MikroORM.init({
    dbName: file,
    entities: [UserSchema, PostSchema],
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
  })
  const cases: HeldOutCase[] = []
  const other = new Database(file)
  try {
    const em0 = orm.em.fork()
    await em0.execute(
      'CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL, age integer CHECK (age >= 0), version integer NOT NULL DEFAULT 1)',
    )
    await em0.execute(
      'CREATE TABLE posts (id integer PRIMARY KEY, author_id integer NOT NULL REFERENCES users(id), title text NOT NULL)',
    )
    await em0.execute("INSERT INTO users (id, email, name) VALUES (1, 'a@example.com', 'Ann')")

    cases.push({
      library,
      what: 'GET /users/42: em.findOneOrFail(User, 42): NotFoundError "User not found (42)"',
      why: 'find-or-fail of a missing row, 404',
      expect: { status: 404 },
      error: await rejectionOf(() => orm.em.fork().findOneOrFail(UserSchema, 42)),
    })
    cases.push({
      library,
      what: 'POST /users with an email already taken: em.insert() → UniqueConstraintViolationException (SQLite "UNIQUE constraint failed: users.email")',
      why: 'unique violation, 409',
      expect: { status: 409 },
      error: await rejectionOf(() =>
        orm.em.fork().insert(UserSchema, { id: 2, email: 'a@example.com', name: 'Bob', version: 1 }),
      ),
    })
    cases.push({
      library,
      what: "POST /users with no name: em.create() + flush() → MikroORM's own ValidationError \"Value for User.name is required, 'null' found\" (before SQL is sent)",
      why: "required (not-null) field missing from the client's data: not-null row, 422",
      expect: { status: 422 },
      error: await rejectionOf(() => {
        const em = orm.em.fork()
        em.create(UserSchema, { id: 3, email: 'c@example.com', name: null as unknown as string, version: 1 })
        return em.flush()
      }),
    })
    cases.push({
      library,
      what: 'POST /users with no name via em.insert(): NotNullConstraintViolationException (SQLITE_CONSTRAINT_NOTNULL "NOT NULL constraint failed: users.name")',
      why: 'database not-null violation, 422',
      expect: { status: 422 },
      error: await rejectionOf(() =>
        orm.em
          .fork()
          .insert(UserSchema, { id: 3, email: 'c@example.com', name: null as unknown as string, version: 1 }),
      ),
    })
    cases.push({
      library,
      what: 'PATCH /users/1 with age -5: flush() → CheckConstraintViolationException ("CHECK constraint failed")',
      why: 'database check violation, 422',
      expect: { status: 422 },
      error: await rejectionOf(async () => {
        const em = orm.em.fork()
        const user = await em.findOneOrFail(UserSchema, 1)
        user.age = -5
        await em.flush()
      }),
    })
    cases.push({
      library,
      what: 'POST /posts for author 99 that does not exist: flush() → ForeignKeyConstraintViolationException ("FOREIGN KEY constraint failed")',
      why: 'FK violation, 409',
      expect: { status: 409 },
      error: await rejectionOf(() => {
        const em = orm.em.fork()
        em.create(PostSchema, { id: 1, author: em.getReference(UserSchema, 99), title: 'Hi' })
        return em.flush()
      }),
    })
    cases.push({
      library,
      what: 'PUT /users/1 with If-Match version 5 while the row is at version 1: em.lock(user, OPTIMISTIC, 5) → OptimisticLockError',
      why: 'optimistic-concurrency conflict, 409',
      expect: { status: 409 },
      error: await rejectionOf(async () => {
        const em = orm.em.fork()
        const user = await em.findOneOrFail(UserSchema, 1)
        await em.lock(user, LockMode.OPTIMISTIC, 5)
      }),
    })
    cases.push({
      library,
      what: 'PATCH /users/1 while another request updated it first: flush() → OptimisticLockError (version changed under us)',
      why: 'optimistic-concurrency conflict, 409',
      expect: { status: 409 },
      error: await rejectionOf(async () => {
        const em = orm.em.fork()
        const user = await em.findOneOrFail(UserSchema, 1)
        await orm.em.fork().execute('UPDATE users SET version = version + 1 WHERE id = 1')
        user.name = 'Anne'
        await em.flush()
      }),
    })
    cases.push({
      library,
      what: 'a handler that used the global orm.em instead of a fork: ValidationError "Using global EntityManager instance methods for context specific actions is disallowed…"',
      why: 'our bug (misuse), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => orm.em.find(UserSchema, {})),
    })
    cases.push({
      library,
      what: 'a handler still ordering by a property renamed in a refactor: Error "Trying to order by not existing property User.nickname"',
      why: 'our bug, 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        orm.em.fork().find(UserSchema, {}, { orderBy: { nickname: 'asc' } as Record<string, 'asc'> }),
      ),
    })
    cases.push({
      library,
      what: 'a raw report query (em.execute) naming a column that does not exist: InvalidFieldNameException ("no such column: nickname")',
      why: 'our bug (bad SQL), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => orm.em.fork().execute('SELECT * FROM users ORDER BY nickname')),
    })
    cases.push({
      library,
      what: 'em.execute against a table whose migration was never run: TableNotFoundException ("no such table: audit_log")',
      why: 'our bug/deployment (missing migration), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => orm.em.fork().execute('SELECT * FROM audit_log')),
    })
    other.exec('BEGIN EXCLUSIVE')
    const locked = await rejectionOf(() =>
      orm.em.fork().insert(UserSchema, { id: 5, email: 'e@example.com', name: 'Eve', version: 1 }),
    )
    other.exec('ROLLBACK')
    cases.push({
      library,
      what: 'POST /users while a batch job holds an exclusive lock on the database file: LockWaitTimeoutException ("database is locked", SQLITE_BUSY) at once (no busy timeout configured)',
      why: 'lock contention that a retry fixes (SQLITE_BUSY), 503 retryable',
      expect: { status: 503, retryable: true },
      error: locked,
    })
  } finally {
    other.close()
    await orm.close(true)
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}

import initSqlJs, { type Database } from 'sql.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'
import { thrownBy } from '../support/caught.js'

describe('sqlite: real SQLite errors (sql.js, which passes only the message)', () => {
  let db: Database

  beforeAll(async () => {
    const SQL = await initSqlJs()
    db = new SQL.Database()
    db.run('PRAGMA foreign_keys = ON')
    db.run(`
      create table parent (id integer primary key);
      create table account (
        id integer primary key,
        email text unique not null,
        age int check (age > 0),
        parent_id int references parent(id)
      );
      insert into account (email, age) values ('taken@example.com', 30);
    `)
  })

  const run = (sql: string) => thrownBy(() => db.run(sql))

  it('answers a UNIQUE violation with 409', () => {
    const error = run(`insert into account (email, age) values ('taken@example.com', 1)`)
    expect(error).toMatchObject({ message: 'UNIQUE constraint failed: account.email' })
    const c = classify(error)
    expect(c).toMatchObject({ status: 409, code: 'CONFLICT', rule: 'sqlite:SQLITE_CONSTRAINT_UNIQUE' })
    expect(c.message).not.toContain('account')
  })

  it('answers a duplicate primary key with 409', () => {
    expect(classify(run(`insert into account (id, email) values (1, 'other@example.com')`))).toMatchObject({
      status: 409,
    })
  })

  it('answers a FOREIGN KEY violation with 409', () => {
    const error = run(`insert into account (email, parent_id) values ('child@example.com', 42)`)
    expect(classify(error)).toMatchObject({ status: 409, rule: 'sqlite:SQLITE_CONSTRAINT_FOREIGNKEY' })
  })

  it('answers a NOT NULL violation with 422 and the column as the path', () => {
    const c = classify(run('insert into account (email) values (null)'))
    expect(c).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      rule: 'sqlite:SQLITE_CONSTRAINT_NOTNULL',
    })
    expect(c.details).toEqual([{ path: 'email', message: 'A value is required.', code: 'not_null' }])
  })

  it('answers a CHECK violation with 422', () => {
    const error = run(`insert into account (email, age) values ('minus@example.com', -1)`)
    expect(classify(error)).toMatchObject({ status: 422, rule: 'sqlite:SQLITE_CONSTRAINT_CHECK' })
  })

  it('answers a locked table with 503, retryable', () => {
    const reading = db.prepare('select * from account')
    reading.step()
    const error = run('drop table account')
    reading.free()
    expect(error).toMatchObject({ message: 'database table is locked' })
    expect(classify(error)).toMatchObject({ status: 503, retryable: true, rule: 'sqlite:SQLITE_BUSY' })
  })

  it('leaves a missing table to the fallback (500)', () => {
    expect(classify(run('select * from no_such_table'))).toMatchObject({ status: 500, rule: 'fallback' })
  })
})

/** better-sqlite3's error class, copied from WiseLibs/better-sqlite3 lib/sqlite-error.js. */
class SqliteError extends Error {
  code: string
  constructor(message: string, code: string) {
    super(message)
    Object.defineProperty(this, 'message', {
      value: message,
      writable: true,
      enumerable: false,
      configurable: true,
    })
    this.code = code
  }
}
Object.defineProperty(SqliteError.prototype, 'name', {
  value: 'SqliteError',
  writable: true,
  configurable: true,
})

describe('sqlite: the shapes of other drivers', () => {
  it.each([
    ['SQLITE_CONSTRAINT_UNIQUE', 409],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 409],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', 409],
    ['SQLITE_CONSTRAINT_NOTNULL', 422],
    ['SQLITE_CONSTRAINT_CHECK', 422],
    ['SQLITE_MISMATCH', 400],
    ['SQLITE_BUSY', 503],
    ['SQLITE_BUSY_SNAPSHOT', 503],
    ['SQLITE_LOCKED_SHAREDCACHE', 503],
    ['SQLITE_READONLY', 500],
    ['SQLITE_ERROR', 500],
  ])('better-sqlite3 %s → %i', (code, status) => {
    const c = classify(new SqliteError('message from sqlite', code))
    expect(c).toMatchObject({ status, rule: `sqlite:${code}` })
    expect(c.retryable).toBe(status === 503)
  })

  it('bun:sqlite: name SQLiteError, code and a numeric errno', () => {
    // oven-sh/bun: `name: 'SQLiteError'`, `code: 'SQLITE_CONSTRAINT_UNIQUE'`, `errno: 2067` (catalog §12).
    const error = Object.assign(new Error('UNIQUE constraint failed: users.email'), {
      name: 'SQLiteError',
      code: 'SQLITE_CONSTRAINT_UNIQUE',
      errno: 2067,
    })
    expect(classify(error)).toMatchObject({ status: 409, rule: 'sqlite:SQLITE_CONSTRAINT_UNIQUE' })
    const busy = Object.assign(new Error('database is locked'), { name: 'SQLiteError', errno: 5 })
    expect(classify(busy)).toMatchObject({ status: 503, rule: 'sqlite:SQLITE_BUSY' })
  })

  it('node:sqlite: code ERR_SQLITE_ERROR with the extended code in errcode', () => {
    // Node 22+ lib/internal/sqlite: `code: 'ERR_SQLITE_ERROR'`, `errcode: 1299`, `errstr: 'constraint failed'`.
    const error = Object.assign(new Error('NOT NULL constraint failed: users.email'), {
      code: 'ERR_SQLITE_ERROR',
      errcode: 1299,
      errstr: 'constraint failed',
    })
    const c = classify(error)
    expect(c).toMatchObject({ status: 422, rule: 'sqlite:SQLITE_CONSTRAINT_NOTNULL' })
    expect(c.details?.[0]?.path).toBe('email')
  })

  it('node-sqlite3: the primary SQLITE_CONSTRAINT code refined by the message', () => {
    // TryGhost/node-sqlite3 src/macros.h: `errno: 19`, `code: 'SQLITE_CONSTRAINT'`, message prefixed by the code.
    const error = Object.assign(new Error('SQLITE_CONSTRAINT: FOREIGN KEY constraint failed'), {
      errno: 19,
      code: 'SQLITE_CONSTRAINT',
    })
    expect(classify(error)).toMatchObject({ status: 409, rule: 'sqlite:SQLITE_CONSTRAINT_FOREIGNKEY' })
  })

  it('Cloudflare D1: the message carries a D1_ERROR prefix', () => {
    const error = new Error('D1_ERROR: UNIQUE constraint failed: users.email: SQLITE_CONSTRAINT')
    expect(classify(error)).toMatchObject({ status: 409, rule: 'sqlite:SQLITE_CONSTRAINT_UNIQUE' })
  })

  it('reads constraint messages of errors that are not plain only late, and not beside a code of their own', () => {
    class OtherError extends Error {
      override name = 'OtherError'
    }
    expect(classify(new OtherError('UNIQUE constraint failed: x.y')).rule).toBe('sql-message:unique')
    expect(
      classify(Object.assign(new OtherError('UNIQUE constraint failed: x.y'), { code: 'E_X' })).rule,
    ).toBe('fallback')
    expect(classify(new Error('the UNIQUE constraint failed somewhere')).rule).toBe('fallback')
  })
})

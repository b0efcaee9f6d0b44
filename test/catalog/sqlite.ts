import initSqlJs from 'sql.js'
import { thrownBy } from '../support/caught.js'
import { catalog, type Example } from './example.js'

/**
 * better-sqlite3's error class, copied from WiseLibs/better-sqlite3 lib/sqlite-error.js: SQLite's
 * message and the extended result code's name. better-sqlite3 (a native addon) is not installed here.
 */
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
  enumerable: false,
  configurable: true,
})

/** A better-sqlite3 error for an extended result code, with the message SQLite gives it. */
function betterSqlite3(code: string, status: number, message: string): Example {
  return {
    error: `SQLite \`${code}\``,
    make: () => new SqliteError(message, code),
    rule: `sqlite:${code}`,
    status,
  }
}

/** What sql.js (real SQLite, compiled to WebAssembly) throws for `sql`: a plain Error, the message only. */
async function sqlJs(sql: string): Promise<unknown> {
  const SQL = await initSqlJs()
  const db = new SQL.Database()
  try {
    db.run(`create table users (id integer primary key, email text unique not null)`)
    db.run(`insert into users (email) values ('taken@example.com')`)
    return thrownBy(() => db.run(sql))
  } finally {
    db.close()
  }
}

export default catalog('sqlite', [
  betterSqlite3('SQLITE_CONSTRAINT_UNIQUE', 409, 'UNIQUE constraint failed: users.email'),
  betterSqlite3('SQLITE_CONSTRAINT_PRIMARYKEY', 409, 'UNIQUE constraint failed: sessions.token'),
  betterSqlite3('SQLITE_CONSTRAINT_ROWID', 409, 'UNIQUE constraint failed: users.rowid'),
  betterSqlite3('SQLITE_CONSTRAINT_FOREIGNKEY', 409, 'FOREIGN KEY constraint failed'),
  betterSqlite3('SQLITE_CONSTRAINT_NOTNULL', 422, 'NOT NULL constraint failed: users.email'),
  betterSqlite3('SQLITE_CONSTRAINT_CHECK', 422, 'CHECK constraint failed: age > 0'),
  betterSqlite3('SQLITE_MISMATCH', 400, 'datatype mismatch'),
  {
    error: 'SQLite `SQLITE_BUSY*` / `SQLITE_LOCKED*` (`database is locked`)',
    make: () => new SqliteError('database is locked', 'SQLITE_BUSY'),
    rule: 'sqlite:SQLITE_BUSY',
    status: 503,
    retryable: true,
  },
  {
    error: 'SQLite message only (sql.js, D1, node-sqlite3), e.g. `UNIQUE constraint failed: users.email`',
    make: () => sqlJs(`insert into users (email) values ('taken@example.com')`),
    rule: 'sqlite:SQLITE_CONSTRAINT_UNIQUE',
    status: 409,
  },
  {
    error: 'any other SQLite code, e.g. `SQLITE_READONLY`, `SQLITE_CANTOPEN`, `SQLITE_FULL`',
    make: () => new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY'),
    rule: 'sqlite:SQLITE_READONLY',
    status: 500,
  },
])

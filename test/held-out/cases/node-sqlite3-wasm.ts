import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sqlite from 'node-sqlite3-wasm'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'node-sqlite3-wasm'

// node-sqlite3-wasm: SQLite compiled to WebAssembly, synchronous API, files through Node's fs.
// Every error is a `SQLite3Error` that carries SQLite's message only (no code, no errno).
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-r-sqlite-'))
  const db = new sqlite.Database(':memory:')
  const thrown = (run: () => unknown): unknown => {
    try {
      run()
    } catch (error) {
      return error
    }
    throw new Error('expected a throw')
  }
  const cases: HeldOutCase[] = []
  try {
    db.exec('PRAGMA foreign_keys = ON')
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        age INTEGER CHECK (age >= 0)
      ) STRICT;
      CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id)) STRICT;
    `)
    db.run('INSERT INTO users (email, age) VALUES (?, ?)', ['a@example.com', 30])
    const insertUser = (email: string | null, age: number | string) =>
      thrown(() => db.run('INSERT INTO users (email, age) VALUES (?, ?)', [email, age]))

    cases.push({
      library,
      what: 'insert of a duplicate email: SQLite3Error "UNIQUE constraint failed: users.email"',
      why: 'unique violation (sqlite UNIQUE)',
      expect: { status: 409 },
      error: insertUser('a@example.com', 31),
    })
    cases.push({
      library,
      what: 'insert of a null email: SQLite3Error "NOT NULL constraint failed: users.email"',
      why: 'database not-null violation',
      expect: { status: 422 },
      error: insertUser(null, 31),
    })
    cases.push({
      library,
      what: 'insert of age -1: SQLite3Error "CHECK constraint failed: age >= 0"',
      why: 'database check violation',
      expect: { status: 422 },
      error: insertUser('b@example.com', -1),
    })
    cases.push({
      library,
      what: 'insert of a post for user 99 that does not exist: SQLite3Error "FOREIGN KEY constraint failed"',
      why: 'FK violation',
      expect: { status: 409 },
      error: thrown(() => db.run('INSERT INTO posts (user_id) VALUES (?)', [99])),
    })
    cases.push({
      library,
      what: 'age "abc" (from the request) bound into a STRICT INTEGER column: SQLite3Error "cannot store TEXT value in INTEGER column users.age"',
      why: 'malformed value that reached the database (SQLITE_CONSTRAINT_DATATYPE, like pg class 22)',
      expect: { status: 400 },
      error: insertUser('c@example.com', 'abc'),
    })
    cases.push({
      library,
      what: 'a typo in our SQL: SQLite3Error `near "SELEC": syntax error`',
      why: 'everything else: our own bug',
      expect: { status: 500 },
      error: thrown(() => db.all('SELEC * FROM users')),
    })
    cases.push({
      library,
      what: 'query on a table that was never migrated: SQLite3Error "no such table: sessions"',
      why: 'everything else: our own bug / missing migration',
      expect: { status: 500 },
      error: thrown(() => db.get('SELECT * FROM sessions WHERE id = ?', [1])),
    })
    cases.push({
      library,
      what: 'an object bound as a parameter: SQLite3Error `Unsupported type for binding: "object"`',
      why: 'everything else: our code passed a value the driver cannot bind',
      expect: { status: 500 },
      error: thrown(() => db.run('INSERT INTO users (email) VALUES (?)', [{} as unknown as string])),
    })

    // Two connections to one database file: the first holds an exclusive write transaction.
    const file = join(dir, 'app.db')
    const writer = new sqlite.Database(file)
    const reader = new sqlite.Database(file)
    try {
      writer.exec('CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT)')
      writer.exec('BEGIN EXCLUSIVE')
      writer.run('INSERT INTO jobs (state) VALUES (?)', ['queued'])
      cases.push({
        library,
        what: 'update from a second connection while another holds an exclusive transaction: SQLite3Error "database is locked" (SQLITE_BUSY, no busy timeout)',
        why: 'contention that a retry fixes: SQLITE_BUSY, 503 retryable',
        expect: { status: 503, retryable: true },
        error: thrown(() => reader.run('UPDATE jobs SET state = ?', ['running'])),
      })
      writer.exec('COMMIT')
    } finally {
      writer.close()
      reader.close()
    }
    cases.push({
      library,
      what: 'query on a connection our code already closed: SQLite3Error "Database already closed"',
      why: 'everything else: our own lifecycle bug',
      expect: { status: 500 },
      error: thrown(() => writer.all('SELECT 1')),
    })
    cases.push({
      library,
      what: 'opening a database file in a directory that does not exist: SQLite3Error "Could not open the database …"',
      why: 'our configuration is wrong (bad database path): 500',
      expect: { status: 500 },
      error: thrown(() => new sqlite.Database(join(dir, 'missing', 'app.db'))),
    })
    return cases
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

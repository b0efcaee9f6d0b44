import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { startUpstream } from './support/http-upstream.js'

const library = '@libsql/client'

// @libsql/client 0.18: a local SQLite file (file: URL, the libsql engine in-process), plus the same
// client pointed at a remote libSQL server over HTTP (a scripted upstream on 127.0.0.1).
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = (
    what: string,
    why: string,
    expect: HeldOutCase['expect'],
    error: unknown,
    upstreamStatus?: number,
  ) =>
    cases.push({
      library,
      what,
      why,
      expect,
      error,
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
    })

  const dir = mkdtempSync(join(tmpdir(), 'held-out-libsql-'))
  const url = `file:${join(dir, 'app.db')}`
  const db = createClient({ url })
  try {
    await db.execute('PRAGMA foreign_keys = ON')
    await db.batch(
      [
        'CREATE TABLE teams (id INTEGER PRIMARY KEY)',
        `CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,
           team INTEGER REFERENCES teams(id), age INTEGER CHECK (age >= 0))`,
        'INSERT INTO teams VALUES (1)',
        "INSERT INTO users (email, team) VALUES ('a@example.com', 1)",
      ],
      'write',
    )
    const insert = 'INSERT INTO users (email, team, age) VALUES (?, ?, ?)'
    add(
      'POST /users with a taken email: LibsqlError SQLITE_CONSTRAINT (extended 2067, UNIQUE constraint failed)',
      'sqlite UNIQUE violation from client data: conflict, 409',
      { status: 409 },
      await rejectionOf(() => db.execute({ sql: insert, args: ['a@example.com', null, null] })),
    )
    add(
      'POST /users with team 9 that does not exist: LibsqlError SQLITE_CONSTRAINT (787, FOREIGN KEY constraint failed)',
      'foreign-key violation from client data: conflict, 409',
      { status: 409 },
      await rejectionOf(() => db.execute({ sql: insert, args: ['b@example.com', 9, null] })),
    )
    add(
      'POST /users without an email: LibsqlError SQLITE_CONSTRAINT (1299, NOT NULL constraint failed)',
      'database not-null violation: validation, 422',
      { status: 422 },
      await rejectionOf(() => db.execute({ sql: insert, args: [null, null, null] })),
    )
    add(
      'POST /users with age -4: LibsqlError SQLITE_CONSTRAINT (275, CHECK constraint failed)',
      'database check violation: validation, 422',
      { status: 422 },
      await rejectionOf(() => db.execute({ sql: insert, args: ['c@example.com', null, -4] })),
    )
    add(
      'POST /users/bulk whose second row repeats an email: LibsqlBatchError SQLITE_CONSTRAINT (UNIQUE)',
      'sqlite UNIQUE violation from client data: conflict, 409',
      { status: 409 },
      await rejectionOf(() =>
        db.batch(
          [
            { sql: insert, args: ['d@example.com', null, null] },
            { sql: insert, args: ['a@example.com', null, null] },
          ],
          'write',
        ),
      ),
    )
    // A write transaction holds the file's lock; a second client's write finds the database locked.
    const tx = await db.transaction('write')
    const other = createClient({ url })
    try {
      await tx.execute("INSERT INTO users (email) VALUES ('t@example.com')")
      await other.execute('PRAGMA busy_timeout = 50')
      add(
        'a write while another connection holds the write lock: LibsqlError SQLITE_BUSY "database is locked"',
        'SQLITE_BUSY contention: dependency unavailable, 503',
        { status: 503, retryable: true },
        await rejectionOf(() => other.execute("INSERT INTO users (email) VALUES ('u@example.com')")),
      )
    } finally {
      await tx.rollback()
      tx.close()
      other.close()
    }
    add(
      'createClient() with a postgres:// URL: LibsqlError URL_SCHEME_NOT_SUPPORTED',
      'our misconfiguration, 500',
      { status: 500 },
      await rejectionOf(() => createClient({ url: 'postgres://127.0.0.1/app' }).execute('SELECT 1')),
    )
  } finally {
    db.close()
  }
  add(
    'execute() on a client that was closed: LibsqlError CLIENT_CLOSED',
    'our bug (client used after close), 500',
    { status: 500 },
    await rejectionOf(() => db.execute('SELECT 1')),
  )
  rmSync(dir, { recursive: true, force: true })

  // A remote libSQL server over HTTP (Hrana over HTTP pipeline).
  const up = await startUpstream()
  const remote = createClient({ url: up.url, authToken: 'our-token' })
  try {
    up.reply({ status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { error: 'Unauthorized' } })
    add(
      'remote libSQL server answered 401 to our token: LibsqlError SERVER_ERROR (cause HttpServerError status 401)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => remote.execute('SELECT 1')),
      401,
    )
    up.reply({ status: 429, headers: { 'retry-after': '7' }, body: 'rate limited' })
    add(
      'remote libSQL server answered 429 (Retry-After: 7, not kept): LibsqlError SERVER_ERROR (cause HttpServerError)',
      WHY.upstream429,
      UPSTREAM_429_BARE,
      await rejectionOf(() => remote.execute('SELECT 1')),
      429,
    )
    up.reply({ status: 500, body: 'internal error' })
    add(
      'remote libSQL server answered 500: LibsqlError SERVER_ERROR (cause HttpServerError status 500)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => remote.execute('SELECT 1')),
      500,
    )
    up.reply({ status: 503, headers: { 'retry-after': '7' }, body: 'unavailable' })
    add(
      'remote libSQL server answered 503 (Retry-After: 7, not kept): LibsqlError SERVER_ERROR (cause HttpServerError)',
      WHY.upstream503,
      UPSTREAM_503_BARE,
      await rejectionOf(() => remote.execute('SELECT 1')),
      503,
    )
  } finally {
    remote.close()
    await up.close()
  }
  return cases
}

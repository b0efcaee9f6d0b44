import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import Postgrator from 'postgrator'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'postgrator'

// postgrator 8 (SQL-file migrations) run by the server at start-up / from an admin endpoint,
// against a real PostgreSQL engine in-process (PGlite) through postgrator's execQuery and
// execSqlScript hooks. Migration files live in a fresh temp dir, removed at the end. Every failure
// here is ours (a broken migration, a config mistake): the client of the request caused none.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const dir = mkdtempSync(join(tmpdir(), 'heldout-postgrator-'))
  const db = await PGlite.create()
  const migrator = (sub: string, extra: Record<string, unknown> = {}) =>
    new Postgrator({
      migrationPattern: `${join(dir, sub)}/*`,
      driver: 'pg',
      database: 'postgres',
      schemaTable: `schemaversion_${sub}`,
      execQuery: async (query: string) => ({ rows: (await db.exec(query)).at(-1)?.rows ?? [] }),
      execSqlScript: async (script: string) => {
        await db.exec(script)
      },
      ...extra,
    })
  const mk = (sub: string, files: Record<string, string>) => {
    mkdirSync(join(dir, sub))
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, sub, name), sql)
  }
  try {
    mk('a', {
      '001.do.create-users.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text);',
      '002.do.seed.sql': "INSERT INTO users VALUES (1, 'a@x'), (2, 'a@x');",
    })
    await migrator('a').migrate()
    // Someone edits a migration that already ran.
    writeFileSync(
      join(dir, 'a', '001.do.create-users.sql'),
      'CREATE TABLE users (id bigint PRIMARY KEY, email text);',
    )
    cases.push({
      library,
      what: 'an applied migration file was edited: Error "MD5 checksum failed for migration [1]" (with appliedMigrations [])',
      why: 'our deployment/config bug: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => migrator('a').migrate()),
    })
    writeFileSync(
      join(dir, 'a', '001.do.create-users.sql'),
      'CREATE TABLE users (id int PRIMARY KEY, email text);',
    )
    writeFileSync(
      join(dir, 'a', '003.do.unique-email.sql'),
      'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
    )
    cases.push({
      library,
      what: 'migration 3 adds a UNIQUE constraint over rows that already hold duplicates: PGlite error 23505 "could not create unique index", decorated with appliedMigrations',
      why: 'our migration failed on existing data, not a client conflict: 500 (ambiguous: the SQLSTATE is the unique violation of the conflicts row, 409)',
      expect: { status: 500 },
      error: await rejectionOf(() => migrator('a').migrate()),
    })
    mk('b', {
      '001.do.create.sql': 'CREATE TABLE orders (id int PRIMARY KEY);',
      '002.do.broken.sql': 'ALTER TABLE orders ADD COLUM total int;',
    })
    cases.push({
      library,
      what: 'migration 2 has a typo ("ADD COLUM"): syntax error 42601 from the engine, appliedMigrations lists migration 1',
      why: 'our bad SQL: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => migrator('b').migrate()),
    })
    mk('c', {
      '001.do.create.sql': 'CREATE TABLE a (id int);',
      '001.do.create-again.sql': 'CREATE TABLE b (id int);',
    })
    cases.push({
      library,
      what: 'two migration files share version 1: Error "Two migrations found with version 1 and action do"',
      why: 'our deployment bug: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => migrator('c').migrate()),
    })
    mk('d', { '001.do.create.sql': 'CREATE TABLE d (id int);' })
    cases.push({
      library,
      what: 'config newline "LFCR" (not LF, CR or CRLF): Error "newline must be one of: LF, CR, CRLF"',
      why: 'our misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => migrator('d', { newline: 'LFCR' }).migrate()),
    })
    cases.push({
      library,
      what: 'config driver "postgres" (postgrator wants "pg"): constructor throws "db driver \'postgres\' not supported…"',
      why: 'our misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => migrator('d', { driver: 'postgres' })),
    })
  } finally {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}

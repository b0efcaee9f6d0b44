import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { memoryStorage, Umzug } from 'umzug'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'umzug'

// umzug 3 (migration runner) run by the server at start-up / from an admin endpoint, with
// migrations that talk to a real PostgreSQL engine in-process (PGlite). Every failure is ours: a
// broken migration or a wrong deploy command. Temp dir and database are removed at the end.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const db = await PGlite.create()
  const dir = mkdtempSync(join(tmpdir(), 'heldout-umzug-'))
  try {
    const umzug = new Umzug({
      migrations: [
        {
          name: '001-users',
          up: async () => void (await db.exec('CREATE TABLE users (id int PRIMARY KEY)')),
        },
        { name: '002-users-again', up: async () => void (await db.exec('CREATE TABLE users (id int)')) },
        { name: '003-audit', up: async () => void (await db.exec('CREATE TABLE audit (id int)')) },
      ],
      context: db,
      storage: memoryStorage(),
      logger: undefined,
    })
    cases.push({
      library,
      what: 'migration 002 creates a table 001 already created: MigrationError "Migration 002-users-again (up) failed: …" with cause PGlite error 42P07 relation "users" already exists',
      why: 'our broken migration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => umzug.up()),
    })
    cases.push({
      library,
      what: 'deploy runs up({ to: "004-orders" }), a migration that is not in the list: Error "Couldn\'t find migration to apply with name \\"004-orders\\""',
      why: 'our deploy misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => umzug.up({ to: '004-orders' as never })),
    })
    cases.push({
      library,
      what: 'up({ migrations: ["009-missing"] }): Error "Couldn\'t find migration to apply with name \\"009-missing\\""',
      why: 'our deploy misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => umzug.up({ migrations: ['009-missing'] })),
    })
    const broken = new Umzug({
      migrations: [
        {
          name: '001-backfill',
          up: async () => {
            const rows = (await db.query<{ id: number }>('SELECT 1 AS id WHERE false')).rows
            return rows[0]!.id
          },
        },
      ],
      storage: memoryStorage(),
      logger: undefined,
    })
    cases.push({
      library,
      what: 'a backfill migration reads a row that is not there: MigrationError wrapping TypeError "Cannot read properties of undefined (reading \'id\')"',
      why: 'our bug in a migration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => broken.up()),
    })
    writeFileSync(join(dir, '001-init.sql'), 'CREATE TABLE t (id int);')
    const files = new Umzug({
      migrations: { glob: ['*.sql', { cwd: dir }] },
      storage: memoryStorage(),
      logger: undefined,
    })
    cases.push({
      library,
      what: 'SQL migration files found by glob with no resolver configured: MigrationError "Migration 001-init.sql (up) failed…" wrapping MissingResolverError "No resolver specified for file …"',
      why: 'our misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => files.up()),
    })
  } finally {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}

import { catalogFromTable } from '../internal/catalog.js'
import { DB_VERDICTS, missingValueVerdict } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import { codeOf, getNumber, getString, lookup, messageOf, nameOf } from '../internal/safe.js'
import type { CatalogEntry, Verdict } from '../types.js'

const { unique, foreignKey, notNull, check, malformed, contention, serverBug } = DB_VERDICTS

/**
 * SQLite extended result codes with an answer of their own (https://sqlite.org/rescode.html).
 * `SQLITE_BUSY_*` and `SQLITE_LOCKED_*` are contention whatever their suffix; the rest (no such
 * table, read-only or corrupt file, disk full …) is a server bug.
 */
const RESULT_CODES: Readonly<Record<string, Verdict>> = {
  SQLITE_CONSTRAINT_UNIQUE: unique,
  SQLITE_CONSTRAINT_PRIMARYKEY: unique,
  SQLITE_CONSTRAINT_ROWID: unique,
  SQLITE_CONSTRAINT_FOREIGNKEY: foreignKey,
  SQLITE_CONSTRAINT_NOTNULL: notNull,
  SQLITE_CONSTRAINT_CHECK: check,
  SQLITE_MISMATCH: malformed, // datatype mismatch: a value of the wrong type for a STRICT or rowid column
}

/** The numbers of the codes above, for drivers that give only a number (node:sqlite, bun:sqlite). */
const RESULT_CODE_NAMES: ReadonlyMap<number, string> = new Map([
  [19, 'SQLITE_CONSTRAINT'],
  [20, 'SQLITE_MISMATCH'],
  [275, 'SQLITE_CONSTRAINT_CHECK'],
  [787, 'SQLITE_CONSTRAINT_FOREIGNKEY'],
  [1299, 'SQLITE_CONSTRAINT_NOTNULL'],
  [1555, 'SQLITE_CONSTRAINT_PRIMARYKEY'],
  [2067, 'SQLITE_CONSTRAINT_UNIQUE'],
  [2579, 'SQLITE_CONSTRAINT_ROWID'],
])

const PRIMARY_BUSY = 5
const PRIMARY_LOCKED = 6

/**
 * SQLite's own messages, for drivers that pass nothing else: sql.js (a plain `Error`), the primary
 * code `SQLITE_CONSTRAINT` of node-sqlite3 (`SQLITE_CONSTRAINT: UNIQUE constraint failed: t.email`)
 * and Cloudflare D1 (`D1_ERROR: UNIQUE constraint failed: …`).
 */
const CONSTRAINT_MESSAGE =
  /^(?:D1_ERROR: |SQLITE_[A-Z_]+: )?(UNIQUE|PRIMARY KEY|NOT NULL|CHECK|FOREIGN KEY) constraint failed/
const LOCKED_MESSAGE = /^(?:D1_ERROR: |SQLITE_[A-Z_]+: )?database (?:table )?is locked/
const CONSTRAINT_CODES: Readonly<Record<string, string>> = {
  UNIQUE: 'SQLITE_CONSTRAINT_UNIQUE',
  'PRIMARY KEY': 'SQLITE_CONSTRAINT_PRIMARYKEY',
  'NOT NULL': 'SQLITE_CONSTRAINT_NOTNULL',
  CHECK: 'SQLITE_CONSTRAINT_CHECK',
  'FOREIGN KEY': 'SQLITE_CONSTRAINT_FOREIGNKEY',
}
// "NOT NULL constraint failed: users.email": the column follows the table.
const NOT_NULL_COLUMN = /NOT NULL constraint failed: (?:[\w$]+\.)?([\w$]{1,64})/

/**
 * The extended result code name of a SQLite error: better-sqlite3 (WiseLibs/better-sqlite3
 * lib/sqlite-error.js) and bun:sqlite put it in `code`, libsql in `extendedCode`; node:sqlite
 * gives the number in `errcode` beside `code: 'ERR_SQLITE_ERROR'`.
 */
function resultCodeOf(value: unknown): string | undefined {
  const extended = getString(value, 'extendedCode')
  if (extended?.startsWith('SQLITE_')) return extended
  const code = codeOf(value)
  if (code?.startsWith('SQLITE_')) return code
  if (code === 'ERR_SQLITE_ERROR') return nameOfNumber(getNumber(value, 'errcode'))
  return undefined
}

function nameOfNumber(code: number | undefined): string | undefined {
  if (code === undefined || !Number.isInteger(code)) return undefined
  const primary = code & 0xff
  if (primary === PRIMARY_BUSY) return 'SQLITE_BUSY'
  if (primary === PRIMARY_LOCKED) return 'SQLITE_LOCKED'
  return RESULT_CODE_NAMES.get(code) ?? `SQLITE_${code}`
}

/** The extended code a message names, for errors whose code is missing or only primary. */
function resultCodeOfMessage(message: string | undefined): string | undefined {
  if (message === undefined) return undefined
  const constraint = CONSTRAINT_MESSAGE.exec(message)?.[1]
  if (constraint !== undefined) return lookup(CONSTRAINT_CODES, constraint)
  return LOCKED_MESSAGE.test(message) ? 'SQLITE_BUSY' : undefined
}

/** The answer for a SQLite result code name alone, e.g. from Prisma's adapter. */
export function sqliteCodeVerdict(code: string): Verdict {
  return verdictOf(code, undefined)
}

function verdictOf(code: string, message: string | undefined): Verdict {
  const rule = `sqlite:${code}`
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { ...contention, rule }
  const verdict = lookup(RESULT_CODES, code) ?? serverBug
  if (verdict !== notNull) return { ...verdict, rule }
  const column = message === undefined ? undefined : NOT_NULL_COLUMN.exec(message)?.[1]
  return { ...missingValueVerdict(column), rule }
}

/**
 * SQLite errors from better-sqlite3, bun:sqlite, node:sqlite, node-sqlite3, libsql, sql.js and D1,
 * by extended result code or, where a driver passes only SQLite's message, by that message:
 * `sqlite:SQLITE_CONSTRAINT_UNIQUE` etc. Unique and foreign-key violations are 409; NOT NULL and
 * CHECK 422; a datatype mismatch 400; `SQLITE_BUSY` / `SQLITE_LOCKED` 503; anything else 500.
 */
export const sqliteRule = family({
  name: 'sqlite',
  triggers: {
    codePrefixes: ['SQLITE_'],
    codes: ['ERR_SQLITE_ERROR'],
    keys: ['extendedCode'],
    names: ['SQLiteError'],
    // The message-only errors (sql.js, D1, node-sqlite3), with or without their prefix.
    messagePrefixes: [
      ...['UNIQUE', 'PRIMARY KEY', 'NOT NULL', 'CHECK', 'FOREIGN KEY'].map(
        (kind) => `${kind} constraint failed`,
      ),
      'database is locked',
      'database table is locked',
      'D1_ERROR: ',
      'SQLITE_',
    ],
  },
  catalog: sqliteCatalog(),
  read(value) {
    const message = messageOf(value)
    const code =
      resultCodeOf(value) ??
      (nameOf(value) === 'SQLiteError' ? nameOfNumber(getNumber(value, 'errno')) : undefined)
    if (code !== undefined) {
      const refined = code === 'SQLITE_CONSTRAINT' ? resultCodeOfMessage(message) : undefined
      return verdictOf(refined ?? code, message)
    }
    if (codeOf(value) !== undefined || nameOf(value) !== 'Error') return undefined
    const fromMessage = resultCodeOfMessage(message)
    return fromMessage === undefined ? undefined : verdictOf(fromMessage, message)
  },
})

function sqliteCatalog(): CatalogEntry[] {
  return [
    ...catalogFromTable(
      RESULT_CODES,
      (code) => `SQLite \`${code}\``,
      (code) => `sqlite:${code}`,
    ),
    {
      error: 'SQLite `SQLITE_BUSY*` / `SQLITE_LOCKED*` (`database is locked`)',
      verdict: { ...contention, rule: 'sqlite:SQLITE_BUSY' },
    },
    {
      error: 'SQLite message only (sql.js, D1, node-sqlite3), e.g. `UNIQUE constraint failed: users.email`',
      verdict: { ...unique, rule: 'sqlite:SQLITE_CONSTRAINT_UNIQUE' },
    },
    {
      error: 'any other SQLite code, e.g. `SQLITE_READONLY`, `SQLITE_CANTOPEN`, `SQLITE_FULL`',
      verdict: { ...serverBug, rule: 'sqlite:SQLITE_READONLY' },
    },
  ]
}

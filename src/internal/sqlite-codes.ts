import type { Verdict } from '../types.js'
import { DB_VERDICTS, missingValueVerdict } from './db-verdicts.js'
import { lookup } from './safe.js'
import { nameVerdicts } from './verdicts.js'

const { unique, foreignKey, notNull, check, malformed, contention, serverBug } = DB_VERDICTS

/**
 * SQLite extended result codes with an answer of their own (https://sqlite.org/rescode.html).
 * `SQLITE_BUSY_*` and `SQLITE_LOCKED_*` are contention whatever their suffix; the rest (no such
 * table, read-only or corrupt file, disk full …) is a server bug.
 */
export const RESULT_CODES: Readonly<Record<string, Verdict>> = {
  SQLITE_CONSTRAINT_UNIQUE: unique,
  SQLITE_CONSTRAINT_PRIMARYKEY: unique,
  SQLITE_CONSTRAINT_ROWID: unique,
  SQLITE_CONSTRAINT_FOREIGNKEY: foreignKey,
  SQLITE_CONSTRAINT_NOTNULL: notNull,
  SQLITE_CONSTRAINT_CHECK: check,
  SQLITE_MISMATCH: malformed, // datatype mismatch: a value of the wrong type for a STRICT or rowid column
  SQLITE_CONSTRAINT_DATATYPE: malformed, // the same, as a STRICT table's check reports it (SQLite 3.37+)
}

// "NOT NULL constraint failed: users.email": the column follows the table.
const NOT_NULL_COLUMN = /NOT NULL constraint failed: (?:[\w$]+\.)?([\w$]{1,64})/

/** The answer for a SQLite result code name alone, e.g. from Prisma's adapter. */
export function sqliteCodeVerdict(code: string): Verdict {
  return verdictOf(code, undefined)
}

export function verdictOf(code: string, message: string | undefined): Verdict {
  const rule = `sqlite:${code}`
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { ...contention, rule }
  const verdict = lookup(RESULT_CODES, code) ?? serverBug
  if (verdict !== notNull) return lookup(NAMED, code) ?? { ...verdict, rule }
  const column = message === undefined ? undefined : NOT_NULL_COLUMN.exec(message)?.[1]
  return { ...missingValueVerdict(column), rule }
}

/** The result codes above with their rule names, built once. */
const NAMED = nameVerdicts(RESULT_CODES, (code) => `sqlite:${code}`)

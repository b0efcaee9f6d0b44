import { family } from '../internal/family.js'
import { codeOf, getNumber, getString, lookup, messageOf, nameOf } from '../internal/safe.js'
import { verdictOf } from '../internal/sqlite-codes.js'

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
  [3091, 'SQLITE_CONSTRAINT_DATATYPE'],
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
/** A STRICT table's type check (`SQLITE_CONSTRAINT_DATATYPE`): a value of the wrong type. */
const DATATYPE_MESSAGE = /^(?:D1_ERROR: |SQLITE_[A-Z_]+: )?cannot store \w+ value in \w+ column/
/** The extended code a message begins with (`SQLITE_CONSTRAINT_UNIQUE: sqlite3 result code 2067: …`). */
const LEADING_CODE = /^(SQLITE_[A-Z_]{1,40}):/
/** A class named for the engine (`SQLite3Error`, `SqliteError`): its messages are SQLite's. */
const SQLITE_NAME = /^SQLite\d?Error$/i
const CONSTRAINT_CODES: Readonly<Record<string, string>> = {
  UNIQUE: 'SQLITE_CONSTRAINT_UNIQUE',
  'PRIMARY KEY': 'SQLITE_CONSTRAINT_PRIMARYKEY',
  'NOT NULL': 'SQLITE_CONSTRAINT_NOTNULL',
  CHECK: 'SQLITE_CONSTRAINT_CHECK',
  'FOREIGN KEY': 'SQLITE_CONSTRAINT_FOREIGNKEY',
}

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

/** The code a message begins with, refined by its words where it is only the primary one. */
function leadingCode(message: string | undefined): string | undefined {
  const code = message === undefined ? undefined : LEADING_CODE.exec(message)?.[1]
  if (code !== 'SQLITE_CONSTRAINT') return code
  return resultCodeOfMessage((message as string).slice(code.length + 2)) ?? code
}

/** The extended code a message names, for errors whose code is missing or only primary. */
function resultCodeOfMessage(message: string | undefined): string | undefined {
  if (message === undefined) return undefined
  const constraint = CONSTRAINT_MESSAGE.exec(message)?.[1]
  if (constraint !== undefined) return lookup(CONSTRAINT_CODES, constraint)
  if (DATATYPE_MESSAGE.test(message)) return 'SQLITE_MISMATCH'
  return LOCKED_MESSAGE.test(message) ? 'SQLITE_BUSY' : undefined
}

/**
 * SQLite errors from better-sqlite3, bun:sqlite, node:sqlite, node-sqlite3, libsql, sql.js, D1 and
 * SQLite's own WASM build, by extended result code or, where a driver passes only SQLite's message,
 * by that message:
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
      'cannot store ',
      'D1_ERROR: ',
      'SQLITE_',
    ],
  },
  read(value) {
    const message = messageOf(value)
    const code =
      resultCodeOf(value) ??
      (nameOf(value) === 'SQLiteError' ? nameOfNumber(getNumber(value, 'errno')) : undefined)
    if (code !== undefined) {
      const refined = code === 'SQLITE_CONSTRAINT' ? resultCodeOfMessage(message) : undefined
      return verdictOf(refined ?? code, message)
    }
    const name = nameOf(value)
    if (codeOf(value) !== undefined || (name !== 'Error' && !SQLITE_NAME.test(name ?? ''))) return undefined
    // SQLite's own JavaScript API (its WASM build) keeps the extended code's number as `resultCode`
    // and begins its message with the code's name.
    const fromMessage =
      (name === 'Error' ? undefined : nameOfNumber(getNumber(value, 'resultCode'))) ??
      leadingCode(message) ??
      resultCodeOfMessage(message)
    return fromMessage === undefined ? undefined : verdictOf(fromMessage, message)
  },
})

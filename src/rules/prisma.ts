import { DB_VERDICTS } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import { mysqlErrnoVerdict } from '../internal/mysql-errors.js'
import { get, getNumber, getPath, getString, has, lookup, messageOf, nameOf } from '../internal/safe.js'
import { sqliteCodeVerdict } from '../internal/sqlite-codes.js'
import { sqlStateVerdict } from '../internal/sqlstate.js'
import type { Verdict } from '../types.js'

const {
  unique,
  foreignKey,
  notNull,
  check,
  malformed,
  notFound,
  contention,
  unavailable,
  timeout,
  serverBug,
} = DB_VERDICTS

/**
 * Prisma error codes with an answer of their own (https://www.prisma.io/docs/orm/reference/error-reference;
 * the driver-adapter mapping is prisma/prisma packages/client-engine-runtime/src/user-facing-error.ts).
 * Our credentials and configuration (P1000, P1003, P1010, P1011 …), missing tables or columns
 * (P2021, P2022) and query-construction bugs fall through to 500.
 */
const CODES: Readonly<Record<string, Verdict>> = {
  P2002: unique,
  P2003: foreignKey,
  P2014: foreignKey, // the change would violate a required relation
  P2001: notFound,
  P2015: notFound,
  P2018: notFound,
  P2025: notFound,
  P2011: notNull,
  P2004: check, // a constraint failed on the database
  P2000: malformed,
  P2006: malformed,
  P2007: malformed,
  P2019: malformed,
  P2020: malformed,
  P2023: malformed,
  P2033: malformed,
  P2034: contention,
  P1001: unavailable,
  P1017: unavailable,
  P2024: unavailable,
  P2037: unavailable,
  P1002: timeout,
  P1008: timeout,
}

/** P2010 (raw query failed) and P2039 (database error) carry the driver's own code. */
const DRIVER_CODE_WRAPPERS = new Set(['P2010', 'P2039'])
// "Raw query failed. Code: `23505`. Message: …" / "Database error. Code: `23514`. Message: …"
const CODE_IN_MESSAGE = /\bCode: `?([0-9A-Z]{4,5}|SQLITE_[A-Z_]+)`?/

/**
 * The driver's code of a P2010 / P2039: `meta.driverAdapterError.cause.originalCode` (a SQLSTATE
 * from adapter-pg, an errno from adapter-mariadb, a result code name from the SQLite adapters), or
 * the `Code:` the message quotes.
 */
function driverCodeOf(value: unknown): string | undefined {
  const original = getPath(value, 'meta', 'driverAdapterError', 'cause', 'originalCode')
  if (typeof original === 'string' && original !== 'N/A') return original
  if (typeof original === 'number') return String(original)
  const message = messageOf(value)
  return message === undefined ? undefined : CODE_IN_MESSAGE.exec(message)?.[1]
}

function driverCodeVerdict(driverCode: string): Verdict {
  if (/^\d{4}$/.test(driverCode)) return mysqlErrnoVerdict(Number(driverCode))
  if (driverCode.startsWith('SQLITE_')) return sqliteCodeVerdict(driverCode)
  return /^[0-9A-Z]{5}$/.test(driverCode) ? sqlStateVerdict(driverCode) : serverBug
}

/**
 * P2028, the interactive-transaction API error (packages/client-engine-runtime/src/
 * transaction-manager/transaction-manager-error.ts): a transaction that outlived its `timeout`
 * (`meta.timeout`) is 504, one that could not start within `maxWait` waited for a connection
 * (503); a query on a closed transaction is our bug.
 */
function transactionVerdict(value: unknown): Verdict {
  if (getNumber(get(value, 'meta'), 'timeout') !== undefined) return { ...timeout, rule: 'prisma:P2028' }
  if (messageOf(value)?.includes('Unable to start a transaction in the given time')) {
    return { ...unavailable, rule: 'prisma:P2028' }
  }
  return { ...serverBug, rule: 'prisma:P2028' }
}

function isPrisma(value: unknown): boolean {
  const name = nameOf(value)
  if (name?.startsWith('PrismaClient')) return true
  return getString(value, 'clientVersion') !== undefined && has(value, 'code')
}

/**
 * Prisma Client errors: `PrismaClientKnownRequestError` by P-code (`prisma:P2002` 409, P2025 404,
 * P2011 422, P2000/P2007/P2023 400, P2034 and P1001 503, P1008 504 …; P2010/P2039 by the driver's
 * SQLSTATE or errno), `PrismaClientInitializationError` by `errorCode`, and the rest
 * (`PrismaClientValidationError`, a query-construction bug; panics; unknown errors) 500.
 */
export const prismaRule = family({
  name: 'prisma',
  triggers: { namePrefixes: ['PrismaClient'], keys: ['clientVersion'] },
  read(value) {
    if (!isPrisma(value)) return undefined
    const code = getString(value, 'code') ?? getString(value, 'errorCode')
    if (code === undefined || !/^P\d{4}$/.test(code))
      return { ...serverBug, rule: `prisma:${nameOf(value) ?? 'error'}` }
    if (code === 'P2028') return transactionVerdict(value)
    if (DRIVER_CODE_WRAPPERS.has(code)) {
      const driverCode = driverCodeOf(value)
      if (driverCode !== undefined)
        return { ...driverCodeVerdict(driverCode), rule: `prisma:${code}:${driverCode}` }
    }
    return { ...(lookup(CODES, code) ?? serverBug), rule: `prisma:${code}` }
  },
})

import {
  PrismaClientInitializationError,
  PrismaClientKnownRequestError,
  PrismaClientRustPanicError,
  PrismaClientUnknownRequestError,
  PrismaClientValidationError,
} from '@prisma/client-runtime-utils'
import { describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'

// Prisma's query engine cannot run here; the error classes are Prisma's own (the runtime package
// @prisma/client re-exports), built with the codes, messages and `meta` the engine gives them.
const clientVersion = '7.10.1'

function known(code: string, message: string, meta?: Record<string, unknown>): PrismaClientKnownRequestError {
  return new PrismaClientKnownRequestError(message, { code, clientVersion, ...(meta ? { meta } : {}) })
}

/**
 * `meta.driverAdapterError` as the client engine sets it (prisma/prisma packages/client-engine-runtime/
 * src/user-facing-error.ts): a `DriverAdapterError` (packages/driver-adapter-utils/src/error.ts) whose
 * `cause` is what the adapter's `convertDriverError` made of the driver error
 * (packages/adapter-pg/src/errors.ts, packages/adapter-mariadb/src/errors.ts).
 */
function driverAdapterError(cause: Record<string, unknown>): Error {
  return Object.assign(new Error(String(cause.message ?? cause.kind)), { name: 'DriverAdapterError', cause })
}

describe('prisma: PrismaClientKnownRequestError by code', () => {
  it('answers P2002 (unique constraint) with 409 and never shows the fields', () => {
    const error = known('P2002', 'Unique constraint failed on the fields: (`email`)', {
      modelName: 'User',
      target: ['email'],
    })
    const c = classify(error)
    expect(c).toMatchObject({ status: 409, code: 'CONFLICT', rule: 'prisma:P2002', expose: false })
    expect(c.message).not.toContain('email')
  })

  it('answers P2025 (record not found) with 404', () => {
    const error = known('P2025', 'No record was found for an update.', {
      modelName: 'User',
      cause: 'Record to update not found.',
    })
    expect(classify(error)).toMatchObject({ status: 404, code: 'NOT_FOUND', rule: 'prisma:P2025' })
  })

  it.each([
    ['P2003', 409],
    ['P2011', 422],
    ['P2000', 400],
    ['P2007', 400],
    ['P2020', 400],
    ['P2023', 400],
    ['P1001', 503],
    ['P1017', 503],
    ['P2024', 503],
    ['P2037', 503],
    ['P1002', 504],
    ['P1008', 504],
    ['P1000', 500],
    ['P1003', 500],
    ['P2021', 500],
    ['P2022', 500],
  ])('answers %s with %i', (code, status) => {
    const c = classify(known(code, 'engine message'))
    expect(c).toMatchObject({ status, rule: `prisma:${code}` })
    expect(c.retryable).toBe(status >= 503)
  })

  it('answers P2034 (write conflict or deadlock) with 503, retryable', () => {
    const error = known(
      'P2034',
      'Transaction failed due to a write conflict or a deadlock. Please retry your transaction',
    )
    expect(classify(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryable: true })
  })

  it('answers P2028 by what happened to the transaction', () => {
    // packages/client-engine-runtime/src/transaction-manager/transaction-manager-error.ts
    const expired = known(
      'P2028',
      'Transaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms, however 5012 ms passed since the start of the transaction.',
      { operation: 'query', timeout: 5000, timeTaken: 5012 },
    )
    expect(classify(expired)).toMatchObject({ status: 504, rule: 'prisma:P2028' })
    const notStarted = known(
      'P2028',
      'Transaction API error: Unable to start a transaction in the given time.',
    )
    expect(classify(notStarted)).toMatchObject({ status: 503, rule: 'prisma:P2028' })
    const closed = known(
      'P2028',
      'Transaction API error: Transaction already closed: A query cannot be executed on a committed transaction.',
    )
    expect(classify(closed)).toMatchObject({ status: 500, rule: 'prisma:P2028' })
  })
})

describe('prisma: P2010 / P2039 carry the driver’s code', () => {
  it('classifies the SQLSTATE of P2039 from meta.driverAdapterError (check violation → 422)', () => {
    const error = known(
      'P2039',
      'Database error. Code: `23514`. Message: `new row for relation "account" violates check constraint "account_age_check"`',
      {
        modelName: 'Account',
        driverAdapterError: driverAdapterError({
          originalCode: '23514',
          originalMessage: 'new row for relation "account" violates check constraint "account_age_check"',
          kind: 'postgres',
          code: '23514',
          severity: 'ERROR',
          message: 'new row for relation "account" violates check constraint "account_age_check"',
        }),
      },
    )
    const c = classify(error)
    expect(c).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', rule: 'prisma:P2039:23514' })
    expect(c.message).not.toContain('account_age_check')
  })

  it('answers an exclusion violation (23P01) behind P2039 with 409', () => {
    const error = known('P2039', 'Database error', {
      driverAdapterError: driverAdapterError({ originalCode: '23P01', kind: 'postgres', code: '23P01' }),
    })
    expect(classify(error)).toMatchObject({ status: 409, rule: 'prisma:P2039:23P01' })
  })

  it('reads the code from the message of a raw-query P2010 when meta has none', () => {
    const error = known('P2010', 'Raw query failed. Code: `40P01`. Message: `deadlock detected`')
    expect(classify(error)).toMatchObject({ status: 503, retryable: true, rule: 'prisma:P2010:40P01' })
    const missing = known('P2010', 'Raw query failed. Code: `42P01`. Message: `relation "x" does not exist`')
    expect(classify(missing)).toMatchObject({ status: 500, rule: 'prisma:P2010:42P01' })
  })

  it('reads a MySQL errno (adapter-mariadb) and a SQLite code name (adapter-better-sqlite3)', () => {
    const mysql = known('P2010', 'Raw query failed. Code: `1205`.', {
      driverAdapterError: driverAdapterError({
        originalCode: '1205',
        kind: 'mysql',
        code: 1205,
        state: 'HY000',
      }),
    })
    expect(classify(mysql)).toMatchObject({ status: 503, rule: 'prisma:P2010:1205' })
    const sqlite = known('P2010', 'Raw query failed. Code: `SQLITE_CONSTRAINT_UNIQUE`.', {
      driverAdapterError: driverAdapterError({ originalCode: 'SQLITE_CONSTRAINT_UNIQUE', kind: 'sqlite' }),
    })
    expect(classify(sqlite)).toMatchObject({ status: 409, rule: 'prisma:P2010:SQLITE_CONSTRAINT_UNIQUE' })
  })

  it('answers a P2010 without any driver code with 500', () => {
    expect(classify(known('P2010', 'Raw query failed.'))).toMatchObject({ status: 500, rule: 'prisma:P2010' })
  })
})

describe('prisma: the other error classes', () => {
  it('answers PrismaClientValidationError with 500: it is a query-construction bug', () => {
    const error = new PrismaClientValidationError(
      'Argument `email`: Invalid value provided. Expected String, provided Int.',
      {
        clientVersion,
      },
    )
    const c = classify(error)
    expect(c).toMatchObject({ status: 500, rule: 'prisma:PrismaClientValidationError' })
    expect(c.message).not.toContain('email')
  })

  it('answers PrismaClientInitializationError by its errorCode', () => {
    const unreachable = new PrismaClientInitializationError(
      "Can't reach database server at `127.0.0.1:5432`",
      clientVersion,
      'P1001',
    )
    expect(classify(unreachable)).toMatchObject({ status: 503, retryable: true, rule: 'prisma:P1001' })
    const badPassword = new PrismaClientInitializationError('Authentication failed', clientVersion, 'P1000')
    expect(classify(badPassword)).toMatchObject({ status: 500, rule: 'prisma:P1000' })
    const noAdapter = new PrismaClientInitializationError(
      'PrismaClient requires a driver adapter',
      clientVersion,
    )
    expect(classify(noAdapter)).toMatchObject({ status: 500, rule: 'prisma:PrismaClientInitializationError' })
  })

  it('answers panics and unknown request errors with 500', () => {
    expect(classify(new PrismaClientRustPanicError('panicked', clientVersion)).status).toBe(500)
    const unknown = new PrismaClientUnknownRequestError('unknown', { clientVersion })
    expect(classify(unknown)).toMatchObject({ status: 500, rule: 'prisma:PrismaClientUnknownRequestError' })
  })

  it("answers the adapter's plain connect-timeout Error (only clientVersion added) with 503", () => {
    const error = Object.assign(new Error('timeout exceeded when trying to connect'), { clientVersion })
    expect(classify(error)).toMatchObject({ status: 503, retryable: true })
  })
})

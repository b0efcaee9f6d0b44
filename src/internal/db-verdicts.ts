import type { ValidationIssue, Verdict } from '../types.js'

/**
 * The answers the database families share, frozen (a copy with a rule name is then cheap to make:
 * V8 spreads a frozen object fast, a plain one slowly). Messages are constants: a database's own message names
 * tables, constraints and values, so it is never shown.
 */
export const DB_VERDICTS = {
  unique: Object.freeze({ code: 'CONFLICT', message: 'A record with these values already exists.' }),
  foreignKey: Object.freeze({
    code: 'CONFLICT',
    message: 'A related record does not exist, or is still in use.',
  }),
  conflict: Object.freeze({ code: 'CONFLICT', message: 'The record conflicts with an existing record.' }),
  notNull: Object.freeze({ code: 'VALIDATION_FAILED', message: 'A required value is missing.' }),
  check: Object.freeze({ code: 'VALIDATION_FAILED', message: 'A value is not allowed.' }),
  malformed: Object.freeze({ status: 400, message: 'A value in the request is malformed or out of range.' }),
  notFound: Object.freeze({ code: 'NOT_FOUND', message: 'The record was not found.' }),
  contention: Object.freeze({ code: 'SERVICE_UNAVAILABLE', retryable: true }),
  unavailable: Object.freeze({ code: 'SERVICE_UNAVAILABLE', retryable: true }),
  timeout: Object.freeze({ code: 'GATEWAY_TIMEOUT', retryable: true }),
  serverBug: Object.freeze({ status: 500 }),
} as const satisfies Readonly<Record<string, Verdict>>

/**
 * A 422 for a not-null violation, with the column as the issue's path where the driver names it
 * (never the row, which `detail` carries).
 */
export function missingValueVerdict(column: string | undefined): Verdict {
  if (column === undefined || column === '') return DB_VERDICTS.notNull
  const issue: ValidationIssue = { path: column, message: 'A value is required.', code: 'not_null' }
  return { ...DB_VERDICTS.notNull, details: [issue] }
}

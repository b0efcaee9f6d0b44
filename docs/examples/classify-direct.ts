import { classify, createClassifier, httpError } from 'http-triage'

// What node-postgres throws for a unique violation (SQLSTATE 23505), reduced to what is read here.
const pgError = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
  code: '23505',
  severity: 'ERROR',
})

export const seen = classify(pgError) // { status: 409, code: 'CONFLICT', rule: 'postgres:23505', … }

// A decision made in the app wins over its cause; the cause goes to the log, never to the client.
export const taken = httpError(409, 'That email is already registered.', {
  code: 'EMAIL_TAKEN',
  cause: pgError,
})

// This app's own statuses, by code or by rule.
export const strict = createClassifier({ overrides: { VALIDATION_FAILED: 400, 'node-system:ENOENT': 404 } })

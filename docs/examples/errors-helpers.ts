import { conflict, httpError, methodNotAllowed, tooManyRequests, validationFailed } from 'http-triage'

export function examples(pgError: unknown) {
  return [
    // A decision made here wins over its cause (the cause is logged, never shown).
    httpError(409, 'That email is already registered.', { code: 'EMAIL_TAKEN', cause: pgError }),
    conflict('The order was changed by someone else.'),
    methodNotAllowed(['GET', 'HEAD']), // Allow: GET, HEAD
    tooManyRequests('Slow down.', { retryAfter: 30 }), // Retry-After: 30
    validationFailed([{ path: 'email', message: 'Must be an email address.', code: 'invalid_format' }]),
  ]
}

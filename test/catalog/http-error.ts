import { httpError } from '../../src/index.js'
import { catalog } from './example.js'

export default catalog('http-error', [
  {
    error: '`httpError(status, message, { code, details, headers, retryAfter })` and its helpers',
    make: () => httpError(409, 'This email is already registered.', { code: 'EMAIL_TAKEN' }),
    rule: 'http-error',
    status: 409,
  },
])

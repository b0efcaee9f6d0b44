import type { Classification } from '../types.js'

/**
 * A copy of a classification without `cause` (the thrown value), for what leaves the library's hands:
 * custom formatters and log reports. Field by field: a spread would also copy the brand symbol and is
 * several times slower on the error path.
 */
export function withoutCause(c: Classification): Classification {
  const copy: { -readonly [K in keyof Classification]: Classification[K] } = {
    status: c.status,
    code: c.code,
    title: c.title,
    message: c.message,
    expose: c.expose,
    retryable: c.retryable,
    headers: c.headers,
    rule: c.rule,
    cause: undefined,
  }
  if (c.retryAfter !== undefined) copy.retryAfter = c.retryAfter
  if (c.details !== undefined) copy.details = c.details
  return copy
}

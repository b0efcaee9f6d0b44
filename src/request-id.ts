import { monotonicFactory } from 'ulid'

/** A request id: 1–128 characters of `[A-Za-z0-9._:-]`, so it is safe in a header, a body and a log. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/

/** Whether `id` may be used as a request id as it is. */
export function isValidRequestId(id: unknown): id is string {
  return typeof id === 'string' && REQUEST_ID_PATTERN.test(id)
}

// ULID randomness from Web Crypto only, drawn 64 bytes at a time.
function webCryptoPrng(): () => number {
  const pool = new Uint8Array(64)
  let index = pool.length
  return () => {
    if (index === pool.length) {
      crypto.getRandomValues(pool)
      index = 0
    }
    return (pool[index++] as number) / 256
  }
}

/**
 * Creates a generator of monotonic ULIDs (sortable by time, strictly increasing within one
 * generator), with randomness from `crypto.getRandomValues`.
 *
 * @example
 * import { createRequestIdGenerator } from 'http-triage'
 * const nextId = createRequestIdGenerator()
 * nextId() // '01JD3W9Q0X7M2X4C5V6B7N8M9P'
 */
export function createRequestIdGenerator(): () => string {
  const next = monotonicFactory(webCryptoPrng())
  return () => next()
}

/**
 * The id of a request: the first of `candidates` that is valid (an id a framework assigned, an
 * incoming `X-Request-Id`), else a new one from `generate`. A non-negative integer (pino-http's
 * default `req.id`) counts as its decimal string. An id with CR/LF, control or non-ASCII
 * characters, or longer than 128 characters, is never echoed.
 *
 * @example
 * import { resolveRequestId, createRequestIdGenerator } from 'http-triage'
 * const id = resolveRequestId([request.headers.get('x-request-id')], createRequestIdGenerator())
 */
export function resolveRequestId(candidates: readonly unknown[], generate: () => string): string {
  for (const candidate of candidates) {
    if (isValidRequestId(candidate)) return candidate
    if (typeof candidate === 'number' && Number.isSafeInteger(candidate) && candidate >= 0)
      return String(candidate)
  }
  let id: unknown
  try {
    id = generate()
  } catch {
    id = undefined
  }
  return isValidRequestId(id) ? id : createRequestIdGenerator()()
}

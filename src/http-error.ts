import { CODE_PATTERN, CODES, codeForStatus, isPublicCode, messageForStatus } from './codes.js'
import { describeValue } from './internal/describe.js'
import type { ValidationIssue } from './types.js'

/** Marks errors made by `httpError`, across realms and duplicated copies of this package. */
export const HTTP_ERROR_BRAND: unique symbol = Symbol.for('http-triage.http-error') as never

/** Options of `httpError`. */
export interface HttpErrorOptions {
  /** A public SCREAMING_SNAKE code for a 4xx, e.g. `EMAIL_TAKEN`. @default the code of the status */
  readonly code?: string
  /** Safe structured details for a 4xx (validation issues). */
  readonly details?: readonly ValidationIssue[]
  /** Whether the message may be shown to the client. @default status < 500 */
  readonly expose?: boolean
  /** Headers the response should carry (`Allow`, `WWW-Authenticate`, `Retry-After` …). */
  readonly headers?: Readonly<Record<string, string>>
  /** The error that led to this one: logged, never shown. */
  readonly cause?: unknown
  /** Seconds before a retry makes sense; sets `Retry-After`. */
  readonly retryAfter?: number
}

/**
 * An error that says which HTTP answer it wants. It carries numeric `status` and `statusCode` and a
 * boolean `expose`, as http-errors does, so that tools which read those understand it too.
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError'
  readonly status: number
  readonly statusCode: number
  readonly expose: boolean
  readonly code: string
  readonly details?: readonly ValidationIssue[]
  readonly headers?: Readonly<Record<string, string>>
  readonly retryAfter?: number
  declare readonly [HTTP_ERROR_BRAND]: true

  constructor(status: number, message?: string, options: HttpErrorOptions = {}) {
    const valid = checkStatus(status)
    if (
      options.code !== undefined &&
      (typeof options.code !== 'string' || !CODE_PATTERN.test(options.code))
    ) {
      throw new TypeError(
        `http-triage: httpError code must be SCREAMING_SNAKE (e.g. 'EMAIL_TAKEN'), got ${describeValue(options.code)}`,
      )
    }
    const code = valid < 500 && options.code !== undefined ? options.code : codeForStatus(valid)
    super(
      message ?? (isPublicCode(code) ? CODES[code].message : messageForStatus(valid)),
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.status = valid
    this.statusCode = valid
    this.expose = options.expose ?? valid < 500
    this.code = code
    if (options.details) this.details = options.details
    if (options.headers) this.headers = options.headers
    if (options.retryAfter !== undefined) this.retryAfter = options.retryAfter
    Object.defineProperty(this, HTTP_ERROR_BRAND, { value: true })
  }
}

/**
 * The status an app asks for: an integer in 400–599. Anything else is a mistake in the app's code,
 * so it fails here, where the stack points at it, not later as a puzzling 500.
 */
function checkStatus(status: unknown): number {
  if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599) return status
  const hint =
    typeof status === 'string' && /^\d{3}$/.test(status) ? ` (pass the number ${status}, not a string)` : ''
  throw new RangeError(
    `http-triage: httpError needs an integer status in 400–599, got ${describeValue(status)}${hint}`,
  )
}

/**
 * Creates an error that `classify` reads back exactly: status, code, message, details, headers.
 * A status outside 400–599 or a code that is not SCREAMING_SNAKE throws here, at the call.
 *
 * @example
 * import { httpError } from 'http-triage'
 * throw httpError(409, 'That email is already registered.', { code: 'EMAIL_TAKEN', cause: pgError })
 */
export function httpError(status: number, message?: string, options?: HttpErrorOptions): HttpError {
  return new HttpError(status, message, options)
}

type Helper = (message?: string, options?: HttpErrorOptions) => HttpError
const helper =
  (status: number): Helper =>
  (message, options) =>
    new HttpError(status, message, options)

/** 400. @example throw badRequest('The cursor is invalid.') */
export const badRequest: Helper = helper(400)
/** 401 with `WWW-Authenticate: Bearer` unless other headers are given. */
export const unauthorized: Helper = (message, options) =>
  new HttpError(401, message, { headers: { 'www-authenticate': 'Bearer' }, ...options })
/** 403. */
export const forbidden: Helper = helper(403)
/** 404. @example throw notFound('No such order.') */
export const notFound: Helper = helper(404)
/** 405 with the `Allow` header listing the allowed methods. */
export const methodNotAllowed = (
  allow: readonly string[],
  message?: string,
  options?: HttpErrorOptions,
): HttpError =>
  new HttpError(405, message, { ...options, headers: { ...options?.headers, allow: allow.join(', ') } })
/** 409. */
export const conflict: Helper = helper(409)
/** 410. */
export const gone: Helper = helper(410)
/** 413. */
export const payloadTooLarge: Helper = helper(413)
/** 415. */
export const unsupportedMediaType: Helper = helper(415)
/** 422 `VALIDATION_FAILED` with the issues as `details`. */
export const validationFailed = (
  details: readonly ValidationIssue[],
  message?: string,
  options?: HttpErrorOptions,
): HttpError =>
  new HttpError(422, message, {
    code: 'VALIDATION_FAILED',
    ...options,
    details,
  })
/** 429 with `Retry-After` when `retryAfter` is given. */
export const tooManyRequests: Helper = helper(429)
/** 500: the message is logged, never shown. */
export const internalError: Helper = helper(500)
/** 501. */
export const notImplemented: Helper = helper(501)
/** 502: the message is logged, never shown. */
export const badGateway: Helper = helper(502)
/** 503 with `Retry-After` when `retryAfter` is given. */
export const serviceUnavailable: Helper = helper(503)
/** 504: the message is logged, never shown. */
export const gatewayTimeout: Helper = helper(504)

import { isTransientNetworkError } from './network-error.js'

/** The statuses worth another try: timeouts, rate limits and a server or its dependencies failing. */
const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/** RFC 9110 §9.2.2: sending these twice leaves the server as sending them once does. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE'])

/** Headers as `fetch`, axios (`AxiosHeaders`, with `get`) or got (a plain object) give them. */
export type HeadersLike = { get(name: string): unknown } | Readonly<Record<string, unknown>>

/** The retry policy: how many tries, how long to wait between them, and the total budget. */
export interface RetryPolicyOptions {
  /**
   * Attempts in all, the first included.
   * @default 3
   */
  readonly attempts?: number
  /**
   * Milliseconds: the backoff before the second attempt is up to this, doubling for each next one.
   * @default 300
   */
  readonly baseDelay?: number
  /**
   * Milliseconds: the most a backoff waits (a `Retry-After` is bound by `maxRetryAfter` instead).
   * @default 10_000
   */
  readonly maxDelay?: number
  /**
   * Milliseconds: a `Retry-After` asking for longer ends the retries, and its response is returned.
   * @default 60_000
   */
  readonly maxRetryAfter?: number
  /**
   * Milliseconds for all the attempts and waits together; no retry starts that could not begin
   * within it. `withRetry` also aborts an attempt still running when it runs out; the budget ends
   * with the answer it returns, whose body may be read after it.
   * @default undefined (no budget)
   */
  readonly timeout?: number
}

/** What `retryDecision` is asked about: the attempt that just failed, and how. */
export interface RetryDecisionInput extends RetryPolicyOptions {
  /** The request's method. */
  readonly method: string
  /** The attempts made so far, this one included (1 after the first failure). */
  readonly attempt: number
  /** The response's status, when there was a response. */
  readonly status?: number | undefined
  /** What the attempt threw, when there was no response. */
  readonly error?: unknown
  /** The response's headers (`Retry-After`). */
  readonly headers?: HeadersLike | undefined
  /** The request's headers: a request with an `Idempotency-Key` may be retried whatever its method. */
  readonly requestHeaders?: HeadersLike | undefined
  /** The problem body's `retryable` member, where it was read: `false` ends the retries. */
  readonly retryable?: boolean | undefined
  /** Milliseconds since the first attempt began, counted against `timeout`. */
  readonly elapsed?: number | undefined
  /** The caller's signal: once it is aborted, nothing is retried. */
  readonly signal?: AbortSignal | undefined
}

/** Whether to try again, and after how many milliseconds. */
export interface RetryDecision {
  readonly retry: boolean
  readonly delay: number
}

const STOP: RetryDecision = { retry: false, delay: 0 }

/** Reads a header from any `HeadersLike`, case-insensitively; the first value of a list. */
function headerOf(headers: HeadersLike | undefined, name: string): string | undefined {
  if (headers === undefined || headers === null) return undefined
  let value: unknown
  if (typeof (headers as { get?: unknown }).get === 'function') {
    value = (headers as { get(name: string): unknown }).get(name)
  } else {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name) value = (headers as Record<string, unknown>)[key]
    }
  }
  if (Array.isArray(value)) value = value[0]
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}

/**
 * Milliseconds a `Retry-After` value asks for (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date
 * (a date in the past is no wait). The date is read by `Date.parse`, as browsers, ky and undici
 * read it: the server side's strict grammar (`internal/retry-after.ts`) guards the headers we
 * send, and would cost a tenth of this bundle to guard the ones we read.
 */
function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  const ms = /^\d{1,16}$/.test(text) ? Number(text) * 1000 : Date.parse(text) - Date.now()
  return Number.isNaN(ms) ? undefined : Math.max(0, ms)
}

/**
 * Whether a request may be repeated: an idempotent method (RFC 9110 §9.2.2), or any method with an
 * `Idempotency-Key` header, which asks the server to carry the request out once.
 */
export function isRepeatable(method: string, requestHeaders?: HeadersLike): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase()) || !!headerOf(requestHeaders, 'idempotency-key')
}

/**
 * The retry policy of `withRetry` as a pure function, for clients that retry on their own (axios
 * interceptors, got's `calculateDelay`, ky's `shouldRetry`). It retries an idempotent method, or
 * any method with an `Idempotency-Key`; on 408, 429, 500, 502, 503 and 504 unless the problem body
 * said `retryable: false`, and on transient network failures (refused, reset, DNS, timeouts);
 * never on another 4xx, nor once the caller's signal is aborted. The delay is `Retry-After`
 * (seconds or an HTTP-date) where the response has one, else exponential backoff with full jitter.
 *
 * @example
 * import { retryDecision } from 'http-triage/client'
 * // axios: an interceptor that asks before each retry
 * const { retry, delay } = retryDecision({
 *   method: error.config.method,
 *   status: error.response?.status,
 *   headers: error.response?.headers,
 *   error: error.response ? undefined : error.cause ?? error,
 *   attempt: tries,
 * })
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3
 */
export function retryDecision(input: RetryDecisionInput): RetryDecision {
  const {
    method,
    attempt,
    status,
    attempts = 3,
    baseDelay = 300,
    maxDelay = 10_000,
    maxRetryAfter = 60_000,
    timeout,
    elapsed = 0,
  } = input
  if (input.signal?.aborted || !(attempt < attempts) || !isRepeatable(method, input.requestHeaders))
    return STOP
  let delay: number | undefined
  if (status === undefined) {
    if (!isTransientNetworkError(input.error)) return STOP
  } else {
    if (!RETRY_STATUSES.has(status) || input.retryable === false) return STOP
    delay = retryAfterMs(headerOf(input.headers, 'retry-after'))
    if (delay !== undefined && delay > maxRetryAfter) return STOP
  }
  // Full jitter: clients that failed together do not come back together.
  delay ??= Math.round(Math.random() * Math.min(maxDelay, baseDelay * 2 ** (attempt - 1)))
  return timeout !== undefined && elapsed + delay > timeout ? STOP : { retry: true, delay }
}

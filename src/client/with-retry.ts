import { ProblemError } from './problem-error.js'
import { readProblem } from './read-problem.js'
import { isRepeatable, type RetryPolicyOptions, retryDecision } from './retry-decision.js'

/** `fetch`'s call signature, which `withRetry` takes and returns. */
export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

/** What `onRetry` is told before each wait. */
export interface RetryEvent {
  /** The attempt that failed (1 for the first). */
  readonly attempt: number
  /** Milliseconds until the next attempt. */
  readonly delay: number
  /** The answer that is retried (its body already released). */
  readonly response?: Response
  /** What the attempt threw, when there was no answer. */
  readonly error?: unknown
}

/** Options of `withRetry`: the retry policy, and what to do with the final answer. */
export interface RetryOptions extends RetryPolicyOptions {
  /**
   * Throw a `ProblemError` when the final status is 400 or more, instead of returning the response.
   * @default false
   */
  readonly throwOnError?: boolean
  /** Called before each wait, for logging; what it throws is ignored. */
  readonly onRetry?: (event: RetryEvent) => void
}

const NUMBERS = ['attempts', 'baseDelay', 'maxDelay', 'maxRetryAfter', 'timeout'] as const

/** Options are checked once, at setup: a typo in a delay should not surface at the first outage. */
function checkOptions(fetch: unknown, options: RetryOptions): void {
  for (const name of NUMBERS) {
    const value = options[name]
    // `attempts` counts requests: a whole number, the first included.
    const valid = typeof value === 'number' && value >= (name === 'attempts' ? 1 : 0)
    if (value !== undefined && !(valid && (name !== 'attempts' || Number.isInteger(value)))) {
      throw new TypeError(`withRetry(): invalid ${name}: ${String(value)}`)
    }
  }
  if (typeof fetch !== 'function') throw new TypeError('withRetry(): fetch must be a function')
}

function isRequest(input: unknown): input is Request {
  return typeof input === 'object' && input !== null && typeof (input as Request).clone === 'function'
}

/** A body `fetch` can send again: not a stream or an async iterable, which are read once. */
function isReplayable(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return true
  return typeof (body as ReadableStream).getReader !== 'function' && !(Symbol.asyncIterator in body)
}

/** Waits `ms`, or rejects with the signal's reason the moment it is aborted. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Frees an answer that will not be used: its connection goes back to the pool. */
async function release(response: Response): Promise<void> {
  try {
    await response.body?.cancel()
  } catch {
    // already read, or locked by a clone being read
  }
}

/**
 * Wraps `fetch` with retries that are safe to make: idempotent methods (or any method with an
 * `Idempotency-Key`), on 408, 429, 500, 502, 503 and 504 (unless the problem body says
 * `retryable: false`) and on transient network failures; never another 4xx, never after the
 * caller's signal aborted, never a body that is a stream. It waits `Retry-After` where the answer
 * has one, else exponential backoff with full jitter (3 attempts, 300 ms base, 10 s cap); a
 * `Retry-After` beyond `maxRetryAfter` (60 s) or the `timeout` budget ends the retries. Like
 * `fetch`, it resolves with the last response whatever its status, unless `throwOnError`; after
 * network failures it rejects with the last one.
 *
 * @example
 * import { withRetry } from 'http-triage/client'
 * const fetchWithRetry = withRetry(fetch, { onRetry: ({ attempt, delay }) => console.warn({ attempt, delay }) })
 * const response = await fetchWithRetry('https://api.example.com/orders/42')
 *
 * // A POST is retried only with an idempotency key the server honours:
 * await fetchWithRetry('https://api.example.com/orders', {
 *   method: 'POST',
 *   headers: { 'Idempotency-Key': crypto.randomUUID() },
 *   body: JSON.stringify(order),
 * })
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2
 */
export function withRetry(fetch: Fetch = globalThis.fetch, options: RetryOptions = {}): Fetch {
  checkOptions(fetch, options)
  const { throwOnError = false, onRetry, ...policy } = options
  const attempts = policy.attempts ?? 3

  const finish = async (response: Response): Promise<Response> => {
    if (throwOnError && response.status >= 400) throw await ProblemError.from(response)
    return response
  }

  return async function fetchWithRetry(input, init) {
    const request = isRequest(input) ? input : undefined
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase()
    const requestHeaders = init?.headers !== undefined ? new Headers(init.headers) : request?.headers
    const signal = init?.signal ?? request?.signal ?? undefined
    // A Request's own body is sent from a clone while a retry may follow (the runtime keeps a copy).
    const fromClone = request !== undefined && request.body !== null && init?.body === undefined
    const mayRetry = attempts > 1 && isReplayable(init?.body) && isRepeatable(method, requestHeaders)
    const started = Date.now()
    let attemptInit = init
    let timer: ReturnType<typeof setTimeout> | undefined
    if (policy.timeout !== undefined) {
      // Not AbortSignal.timeout(): the budget ends with the answer, and must not cut the caller's
      // reading of its body later.
      const budget = new AbortController()
      timer = setTimeout(
        () => budget.abort(new DOMException('The operation timed out.', 'TimeoutError')),
        policy.timeout,
      )
      attemptInit = { ...init, signal: signal ? AbortSignal.any([signal, budget.signal]) : budget.signal }
    }

    try {
      return await attemptAll()
    } finally {
      clearTimeout(timer)
    }

    async function attemptAll(): Promise<Response> {
      for (let attempt = 1; ; attempt++) {
        const last = !mayRetry || attempt >= attempts
        const target = fromClone && !last ? (request as Request).clone() : input
        let outcome: { readonly response: Response } | { readonly error: unknown }
        try {
          outcome = { response: await fetch(target, attemptInit) }
        } catch (error) {
          outcome = { error }
        }
        const response = 'response' in outcome ? outcome.response : undefined
        // An answer's body is read only when it would be retried: its `retryable: false` wins.
        const decision = last
          ? undefined
          : retryDecision({
              ...policy,
              method,
              attempt,
              ...(response ? { status: response.status, headers: response.headers } : outcome),
              requestHeaders,
              signal,
              elapsed: Date.now() - started,
            })
        if (!response) {
          if (!decision?.retry) throw (outcome as { error: unknown }).error
        } else if (!decision?.retry || (await readProblem(response))?.retryable === false) {
          return finish(response)
        } else {
          await release(response)
        }
        notify(onRetry, { attempt, delay: decision.delay, ...outcome })
        await wait(decision.delay, signal)
      }
    }
  }
}

function notify(onRetry: RetryOptions['onRetry'], event: RetryEvent): void {
  try {
    onRetry?.(event)
  } catch {
    // a logger that throws does not change the request's outcome
  }
}

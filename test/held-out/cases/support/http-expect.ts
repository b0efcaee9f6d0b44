/**
 * The labels of the outbound-call cases, from the status policy of design.md ("upstream said 4xx
 * to us", "upstream answered badly", "dependency unavailable", "dependency too slow", and
 * "Outbound calls are recognised by evidence"). Each collector still picks one per case by hand.
 */
import type { Expected } from '../../case.js'

/** Upstream 4xx (not 401, 408, 429): our server sent a bad request or is misconfigured. */
export const UPSTREAM_4XX: Expected = { status: 500 }
/** Upstream 401 to our credentials: 500, and the upstream's challenge must not reach our client. */
export const UPSTREAM_401: Expected = { status: 500, headers: { 'www-authenticate': null } }
/** Upstream 408: the upstream timed us out. */
export const UPSTREAM_408: Expected = { status: 504, retryable: true }
/** Upstream 429 with `Retry-After: 7`: dependency unavailable, retry after 7 s. */
export const UPSTREAM_429: Expected = { status: 503, retryable: true, headers: { 'retry-after': '7' } }
/** Upstream 429 without a Retry-After. */
export const UPSTREAM_429_BARE: Expected = { status: 503, retryable: true }
/** Upstream 5xx (500, 502 …): upstream answered badly. */
export const UPSTREAM_5XX: Expected = { status: 502, retryable: true }
/** Upstream 503 (or 529) with `Retry-After: 7`. */
export const UPSTREAM_503: Expected = { status: 503, retryable: true, headers: { 'retry-after': '7' } }
/** Upstream 503 (or 529) without a Retry-After. */
export const UPSTREAM_503_BARE: Expected = { status: 503, retryable: true }
/** Upstream 504 / 522 / 524. */
export const UPSTREAM_504: Expected = { status: 504, retryable: true }
/** Connection refused / upstream unreachable. */
export const REFUSED: Expected = { status: 503, retryable: true }
/** The client's own timeout fired. */
export const TIMED_OUT: Expected = { status: 504, retryable: true }
/** Connection reset mid-exchange, or a reply that is not the protocol. */
export const RESET: Expected = { status: 502, retryable: true }

export const WHY = {
  upstream4xx: 'upstream said 4xx to us: 500, status never passed through',
  upstream401: 'upstream 401 to our credentials: 500, no WWW-Authenticate to our client',
  upstream408: 'upstream said 408 to us: 504',
  upstream429: 'upstream 429: dependency unavailable, 503 + Retry-After',
  upstream5xx: 'upstream answered badly: 502',
  upstream503: 'upstream 503: dependency unavailable, 503 + Retry-After',
  upstream504: 'upstream 504/522/524: 504',
  refused: 'refused / unreachable dependency: 503',
  timeout: 'dependency too slow (client timeout): 504',
  reset: 'reset or garbage from an HTTP upstream: 502',
} as const

import type { Verdict } from '../types.js'
import type { Probe } from './probe.js'
import { readHeader } from './read-header.js'
import { parseRetryAfter } from './retry-after.js'
import { get, isObjectLike } from './safe.js'

/**
 * The answer when an upstream our server called answered with `status`. Its status is never
 * passed through: a 401 from a payment API is not our client's 401.
 * - 429, 503 and 529 (overloaded), and 420 (the rate limit of APIs that predate 429, "Enhance
 *   Your Calm"): the dependency is overloaded: 503, retryable, with the upstream's `Retry-After`;
 * - 408: the dependency gave up waiting on us; 504, 522 and 524: a gateway gave up waiting on it: 504;
 * - 412: a conditional request of ours (`If-Match` a version that has changed since) lost a race:
 *   the policy's optimistic-concurrency conflict, 409, as S3's `PreconditionFailed` is;
 * - another 4xx: our request was wrong or our credentials are: 500;
 * - another 5xx, or a status that is not an error at all: 502.
 */
export function upstreamStatusVerdict(status: unknown, headers: unknown, rule: string): Verdict {
  const upstream = typeof status === 'number' && Number.isInteger(status) ? status : 0
  if (upstream === 429 || upstream === 503 || upstream === 529 || upstream === 420) {
    const retryAfter = parseRetryAfter(readHeader(headers, 'retry-after'))
    return {
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
      rule: `${rule}:${upstream}`,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    }
  }
  if (upstream === 408) return { code: 'GATEWAY_TIMEOUT', rule: `${rule}:408` }
  if (upstream === 412) return { code: 'CONFLICT', rule: `${rule}:412` }
  if (upstream === 504 || upstream === 522 || upstream === 524) {
    return { code: 'GATEWAY_TIMEOUT', rule: `${rule}:${upstream}` }
  }
  if (upstream >= 400 && upstream < 500) return { status: 500, rule: `${rule}:4xx` }
  return { code: 'BAD_GATEWAY', rule: `${rule}:${upstream >= 500 && upstream <= 599 ? '5xx' : 'invalid'}` }
}

/**
 * Headers that only a real HTTP exchange produces. An error that carries them carries an
 * upstream's response headers; headers an application sets for its own answer (http-errors, Koa:
 * `WWW-Authenticate`, `Retry-After`) have none of them.
 */
const TRANSPORT_HEADERS = [
  'date',
  'server',
  'via',
  'connection',
  'transfer-encoding',
  'content-length',
  'age',
]

/** Whether a headers value (a `Headers`, a `Metadata`, a plain object) holds an upstream's transport headers. */
export function isUpstreamHeaders(headers: unknown): boolean {
  if (!isObjectLike(headers)) return false
  return TRANSPORT_HEADERS.some((name) => readHeader(headers, name) !== undefined)
}

/** The upstream's headers an error keeps: its `headers`, or its `responseHeaders` (`responseHeader`). */
export function headersOf(value: Probe): unknown {
  const headers = value.get('headers')
  if (headers !== undefined) return headers
  const keys = value.ownKeys
  if (keys.includes('responseHeaders')) return value.get('responseHeaders')
  return keys.includes('responseHeader') ? value.get('responseHeader') : undefined
}

/** How many own keys are looked into for an answer kept under a name of the client's own. */
const MAX_ANSWER_KEYS = 16

/**
 * The headers of the upstream's answer that an error reporting `status` keeps: its own (see
 * `headersOf`), or those of an answer it keeps under a name of its client's own (`context: {
 * status, headers }`), recognised by the same status beside its headers.
 */
export function answerHeadersOf(value: Probe, status: number): unknown {
  const headers = headersOf(value)
  if (headers !== undefined) return headers
  const keys = value.ownKeys
  for (let i = 0; i < keys.length && i < MAX_ANSWER_KEYS; i++) {
    const key = keys[i] as string
    if (key === 'cause') continue
    const held = value.get(key)
    if (!isObjectLike(held) || get(held, 'status') !== status) continue
    const kept = get(held, 'headers')
    if (isObjectLike(kept)) return kept
  }
  return undefined
}

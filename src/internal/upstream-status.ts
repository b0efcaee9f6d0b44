import type { Verdict } from '../types.js'
import { parseRetryAfter, readHeader } from './retry-after.js'

/**
 * The answer when an upstream our server called answered with `status`. Its status is never
 * passed through: a 401 from a payment API is not our client's 401.
 * - 429 and 503: the dependency is overloaded: 503, retryable, with the upstream's `Retry-After`;
 * - 408: the dependency gave up waiting on us: 504;
 * - another 4xx: our request was wrong or our credentials are: 500;
 * - another 5xx, or a status that is not an error at all: 502.
 */
export function upstreamStatusVerdict(status: unknown, headers: unknown, rule: string): Verdict {
  const upstream = typeof status === 'number' && Number.isInteger(status) ? status : 0
  if (upstream === 429 || upstream === 503) {
    const retryAfter = parseRetryAfter(readHeader(headers, 'retry-after'))
    return {
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
      rule: `${rule}:${upstream}`,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    }
  }
  if (upstream === 408) return { code: 'GATEWAY_TIMEOUT', rule: `${rule}:408` }
  if (upstream >= 400 && upstream < 500) return { status: 500, rule: `${rule}:4xx` }
  return { code: 'BAD_GATEWAY', rule: `${rule}:${upstream >= 500 && upstream <= 599 ? '5xx' : 'invalid'}` }
}

import type { Verdict } from '../types.js'

/** The verdicts many rule families share, so that each status reads the same everywhere. */

/** A dependency refused, unreachable or overloaded: retry later. */
export const UNAVAILABLE: Verdict = { code: 'SERVICE_UNAVAILABLE', retryable: true }
/** A dependency dropped the exchange or answered badly. */
export const BAD_GATEWAY: Verdict = { code: 'BAD_GATEWAY' }
/** A dependency answered badly in a way a retry will not fix (a certificate, a name, a TLS protocol). */
export const NOT_TRANSIENT_GATEWAY: Verdict = { code: 'BAD_GATEWAY', retryable: false }
/** A dependency did not answer in time. */
export const TIMEOUT: Verdict = { code: 'GATEWAY_TIMEOUT' }
/** The state changed under the request. */
export const CONFLICT: Verdict = { code: 'CONFLICT' }
/** Our own bug or misconfiguration. */
export const SERVER_BUG: Verdict = { status: 500 }

/**
 * A rule's table with each verdict named as the rule names it (`node-system:ECONNREFUSED`), built
 * once: a match then returns a ready verdict instead of allocating one per thrown value.
 */
export function nameVerdicts(
  table: Readonly<Record<string, Verdict>>,
  rule: (key: string) => string,
): Readonly<Record<string, Verdict>> {
  const named: Record<string, Verdict> = {}
  for (const key of Object.keys(table)) named[key] = Object.freeze({ ...table[key], rule: rule(key) })
  return named
}

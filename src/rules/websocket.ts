import { family } from '../internal/family.js'
import { upstreamStatusVerdict } from '../internal/upstream-status.js'
import { BAD_GATEWAY, TIMEOUT, UNAVAILABLE } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

/**
 * Close codes of the WebSocket protocol (RFC 6455 §7.4 and IANA's registry) that say why a
 * connection our server opened ended: the peer asks us to come back later (1012 restart, 1013 try
 * again later), refused what we sent (1003, 1007, 1008, 1009, 1010: our request was wrong), or
 * went away, failed or closed without a reason (the rest).
 */
const LATER: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'websocket:try-again-later' })
const REFUSED_OURS: Verdict = Object.freeze({ status: 500, rule: 'websocket:rejected' })
const CLOSED: Verdict = Object.freeze({ ...BAD_GATEWAY, retryable: true, rule: 'websocket:closed' })
const CLOSE_CODES: Readonly<Record<number, Verdict>> = {
  1003: REFUSED_OURS,
  1007: REFUSED_OURS,
  1008: REFUSED_OURS,
  1009: REFUSED_OURS,
  1010: REFUSED_OURS,
  1012: LATER,
  1013: LATER,
  // The registry's codes for what HTTP says with 401, 403 and 408.
  3000: REFUSED_OURS,
  3003: REFUSED_OURS,
  3008: Object.freeze({ ...TIMEOUT, rule: 'websocket:timeout' }),
}

/**
 * A WebSocket close event thrown or rejected as the failure (`CloseEvent`: a numeric `code`, a
 * `reason`, `wasClean`), as the clients over a WebSocket do when their connection to a dependency
 * ends: a server's own handlers never see one. Close codes by RFC 6455's table; an application's
 * code 4000–4999 whose last three digits are an HTTP error status (as GraphQL over WebSocket's
 * 4403, 4500, 4504) follows the upstream policy for that status (never passed through); any other
 * close before the answer is a 502 that another attempt may avoid.
 */
export const websocketRule = family({
  name: 'websocket',
  triggers: { codePatterns: [/^[1-4]\d{3}$/] },
  read(value) {
    const code = value.get('code')
    if (typeof code !== 'number' || typeof value.get('wasClean') !== 'boolean') return undefined
    if (typeof value.get('reason') !== 'string') return undefined
    const known = CLOSE_CODES[code]
    if (known !== undefined) return known
    const status = code - 4000
    if (status >= 400 && status <= 599) return upstreamStatusVerdict(status, undefined, 'websocket')
    return CLOSED
  },
})

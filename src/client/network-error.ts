import { faultOfCode, faultOfMessage, faultOfName } from '../internal/network-fault.js'
import { isTransientSystemCode } from '../internal/system-codes.js'

/**
 * undici's codes (the cause of Node's `fetch failed`) for a connection that closed under the
 * request or was destroyed: the classifier's 502 and 503 (`rules/fetch.ts`); its timeouts say so in
 * their words (`UND_ERR_CONNECT_TIMEOUT`). Its other codes are our own request's fault, an abort,
 * or an answer a retry will not change.
 */
const UNDICI_DROPPED = /^UND_ERR_(?:SOCKET|CLOSED|DESTROYED|RES_CONTENT_LENGTH_MISMATCH)$/

/** How deep the cause chain is read (fetch wraps once, undici and AggregateError once more). */
const MAX_DEPTH = 5

/** A guarded read: getters that throw and revoked Proxies read as `undefined`. */
function read(value: unknown, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

function readString(value: unknown, key: string): string | undefined {
  const found = read(value, key)
  return typeof found === 'string' ? found : undefined
}

/** What a value's code or name says, or `undefined` when they say nothing. */
function strongJudgement(value: unknown): boolean | undefined {
  const name = readString(value, 'name')
  // An abort is somebody's decision, not a fault.
  if (name === 'AbortError') return false
  // A timeout of the runtime's own is a fault; so are bytes that are not HTTP (undici's
  // HTTPParserError, the cause of `fetch failed`): the classifier's retryable 502.
  if (name === 'TimeoutError' || name === 'HTTPParserError') return true
  const code = readString(value, 'code')
  if (code !== undefined) {
    const system = isTransientSystemCode(code)
    if (system !== undefined) return system
    // The words of a code name only network faults (`CONNECTION_REFUSED`, `DEADLINE_EXCEEDED`,
    // Bun's `ConnectionClosed`).
    if (UNDICI_DROPPED.test(code) || faultOfCode(code)) return true
    if (code.startsWith('UND_ERR_')) return false
  }
  // workerd rejects a failed connection with `Error('Network connection lost.')`.
  if (faultOfName(name) || readString(value, 'message') === 'Network connection lost.') return true
  return undefined
}

/** What a value's message says (weak: a cause's code or name says more). */
function weakJudgement(value: unknown): boolean | undefined {
  const said = faultOfMessage(readString(value, 'message'))
  if (said === undefined) return undefined
  return typeof said === 'string' || isTransientSystemCode(said.systemCode)
}

/**
 * Whether a rejected `fetch` failed for a reason that a later try may not meet: refused, reset,
 * unreachable, a DNS server that did not answer, a timeout of the runtime's own, an answer that
 * is not HTTP. Read along the cause chain (Node's `TypeError('fetch failed')` carries the system
 * error as its cause; Bun puts `ConnectionRefused` in `code`; Deno says it in the message), with
 * the classifier's tables and words, so a client and a server judge the same failure alike.
 * Anything unrecognised is not transient.
 */
export function isTransientNetworkError(error: unknown): boolean {
  const seen = new Set<unknown>()
  let weak: boolean | undefined
  let value = error
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (((typeof value !== 'object' || value === null) && typeof value !== 'function') || seen.has(value)) {
      break
    }
    seen.add(value)
    const strong = strongJudgement(value)
    if (strong !== undefined) return strong
    weak ??= weakJudgement(value)
    value = read(value, 'cause')
  }
  return weak ?? false
}

import { family } from '../internal/family.js'
import { codeOf, get, lookup, messageOf, nameOf } from '../internal/safe.js'
import { nameVerdicts } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

/** undici's error codes (they are the `cause` of a `fetch failed`, or thrown by `request()`). */
const UNDICI: Readonly<Record<string, Verdict>> = {
  UND_ERR_CONNECT_TIMEOUT: { code: 'GATEWAY_TIMEOUT' },
  UND_ERR_HEADERS_TIMEOUT: { code: 'GATEWAY_TIMEOUT' },
  UND_ERR_BODY_TIMEOUT: { code: 'GATEWAY_TIMEOUT' },
  UND_ERR_SOCKET: { code: 'BAD_GATEWAY' },
  UND_ERR_HEADERS_OVERFLOW: { code: 'BAD_GATEWAY', retryable: false },
  UND_ERR_RES_EXCEEDED_MAX_SIZE: { code: 'BAD_GATEWAY', retryable: false },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { code: 'BAD_GATEWAY' },
  UND_ERR_CLOSED: { code: 'SERVICE_UNAVAILABLE' },
  UND_ERR_DESTROYED: { code: 'SERVICE_UNAVAILABLE' },
  UND_ERR_INVALID_ARG: { status: 500 },
  UND_ERR_INVALID_RETURN_VALUE: { status: 500 },
  UND_ERR_NOT_SUPPORTED: { status: 500 },
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: { status: 500 },
}

const UNDICI_NAMED = nameVerdicts(UNDICI, (code) => `fetch:undici:${code}`)
const TIMED_OUT: Verdict = Object.freeze({ code: 'GATEWAY_TIMEOUT', rule: 'fetch:timeout' })
const ABORTED: Verdict = Object.freeze({
  code: 'CLIENT_CLOSED_REQUEST',
  rule: 'fetch:abort',
  retryable: false,
})
// Bytes that are not HTTP: a misbehaving instance, or a keep-alive connection the upstream closed
// mid-answer. A 502 like any other, retryable: another attempt may reach a sound connection.
const PARSER_ERROR: Verdict = Object.freeze({ code: 'BAD_GATEWAY', rule: 'fetch:undici:HTTPParserError' })
const FETCH_FAILED: Verdict = Object.freeze({ code: 'BAD_GATEWAY', rule: 'fetch:failed', weak: true })
const FETCH_REQUEST: Verdict = Object.freeze({ status: 500, rule: 'fetch:request' })
const FETCH_REDIRECT: Verdict = Object.freeze({ code: 'BAD_GATEWAY', rule: 'fetch:redirect' })
// undici's cause when an upstream kept redirecting past fetch's limit (20): a loop, which the next
// attempt meets again.
const FETCH_REDIRECT_LOOP: Verdict = Object.freeze({
  code: 'BAD_GATEWAY',
  retryable: false,
  rule: 'fetch:redirect-loop',
})
const DENO_OTHER: Verdict = Object.freeze({ code: 'BAD_GATEWAY', rule: 'fetch:deno' })
const WORKERD_LOST: Verdict = Object.freeze({ code: 'SERVICE_UNAVAILABLE', rule: 'fetch:workerd' })

/** Causes of `fetch failed` that are our own request's fault (fetch spec errors): 500. */
const FETCH_CONFIG_CAUSES =
  /^(bad port|unknown scheme|invalid method|Request cannot be constructed from a URL that includes credentials)/

/**
 * Deno's fetch puts no code on the cause, only a message such as `error sending request for url
 * (…): client error (Connect): tcp connect error: Connection refused (os error 111)`.
 */
const DENO_SENDING = /^error sending request/
const DENO_CAUSES: readonly (readonly [RegExp, Verdict])[] = [
  [/Connection refused|os error 111/i, { code: 'SERVICE_UNAVAILABLE', rule: 'fetch:deno:ECONNREFUSED' }],
  [/timed out|os error 110/i, { code: 'GATEWAY_TIMEOUT', rule: 'fetch:deno:ETIMEDOUT' }],
  [/dns error|failed to lookup address/i, { code: 'BAD_GATEWAY', retryable: false, rule: 'fetch:deno:dns' }],
  [
    /No route to host|Network is unreachable/i,
    { code: 'SERVICE_UNAVAILABLE', rule: 'fetch:deno:EHOSTUNREACH' },
  ],
]

/**
 * The Web platform's network errors: undici `UND_ERR_*` codes, `TypeError('fetch failed' |
 * 'terminated')` (a weak 502: its cause decides when it is known), Deno's fetch causes, and the
 * `DOMException`s `TimeoutError` (504) and `AbortError` (499, or 504 when its cause is a timeout).
 */
export const fetchRule = family({
  name: 'fetch',
  triggers: {
    codePrefixes: ['UND_ERR_'],
    codes: ['ABORT_ERR'],
    names: ['TimeoutError', 'HTTPParserError', 'AbortError'],
    messages: [
      'fetch failed',
      'terminated',
      'Network request failed',
      'unexpected redirect',
      'redirect count exceeded',
      'Network connection lost.',
    ],
    messagePrefixes: [
      'bad port',
      'unknown scheme',
      'invalid method',
      'Request cannot be constructed from a URL that includes credentials',
      'error sending request',
    ],
  },
  read(value) {
    const code = codeOf(value)
    if (code?.startsWith('UND_ERR_')) {
      const known = lookup(UNDICI_NAMED, code)
      if (known) return known
      if (code === 'UND_ERR_ABORTED') return abortVerdict(value)
      return undefined // response-status errors belong to the upstream rule
    }
    const name = nameOf(value)
    if (name === 'TimeoutError') return TIMED_OUT
    // undici's parser error has a code only when llhttp named one (nodejs/undici lib/core/errors.js).
    if (name === 'HTTPParserError') return PARSER_ERROR
    if (name === 'AbortError' || code === 'ABORT_ERR') return abortVerdict(value)
    const message = messageOf(value)
    if (message === undefined) return undefined
    // undici's words, and the fetch polyfills' (`whatwg-fetch`, React Native's).
    if (
      name === 'TypeError' &&
      (message === 'fetch failed' || message === 'terminated' || message === 'Network request failed')
    ) {
      return FETCH_FAILED
    }
    if (code === undefined && FETCH_CONFIG_CAUSES.test(message)) return FETCH_REQUEST
    if (code === undefined && message === 'unexpected redirect') return FETCH_REDIRECT
    if (code === undefined && message === 'redirect count exceeded') return FETCH_REDIRECT_LOOP
    if (isWorkerdNetworkError(value, message)) return WORKERD_LOST
    if (DENO_SENDING.test(message)) {
      for (const [pattern, verdict] of DENO_CAUSES) if (pattern.test(message)) return verdict
      return DENO_OTHER
    }
    return undefined
  },
})

/**
 * An abort is the client going away (499), unless it was a deadline (504): its reason is a
 * timeout, its words say it timed out ("Request timed out after 250ms"), or a timer's callback made
 * it (a client's own timeout, `AbortSignal.timeout()` kept without its reason), where a client that
 * went away aborts from its socket's close.
 */
function abortVerdict(value: unknown): Verdict {
  const reason = get(value, 'cause') ?? get(value, 'reason')
  if (nameOf(reason) === 'TimeoutError') return TIMED_OUT
  const message = messageOf(value)
  if (message !== undefined && TIMED_OUT_WORDS.test(message.slice(0, 256))) return TIMED_OUT
  const stack = get(value, 'stack')
  return typeof stack === 'string' && TIMER.test(stack.slice(0, 4096)) ? TIMED_OUT : ABORTED
}

const TIMED_OUT_WORDS = /\btimed? ?out\b|\btimeout\b/i
/** A timer's callback on a stack, as Node and Deno name it. */
const TIMER = /\b(?:listOnTimeout|processTimers)\b|ext:deno_web\/02_timers|\bTimeout\._onTimeout\b/

/**
 * Cloudflare's workerd rejects a fetch whose connection failed (refused, reset, unreachable) with a
 * plain `Error('Network connection lost.')` carrying its own `remote` and `retryable` flags; the
 * dependency could not be reached, so it is a 503.
 */
function isWorkerdNetworkError(value: unknown, message: string): boolean {
  return (
    message === 'Network connection lost.' &&
    get(value, 'remote') === true &&
    typeof get(value, 'retryable') === 'boolean'
  )
}

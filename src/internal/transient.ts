import type { Verdict } from '../types.js'
import type { Probe } from './probe.js'
import { SYSTEM_CODES } from './system-codes.js'
import { BAD_GATEWAY, TIMEOUT, UNAVAILABLE } from './verdicts.js'

/**
 * Timeouts, refusals and resets recognised by what they say, wherever they sit: the words of a
 * code (`CONNECTION_REFUSED`, `DEADLINE_EXCEEDED`, `ServiceUnavailable`), of a class name
 * (`RequestTimeoutError`, `NoHostAvailableError`), or of a message ("read timeout",
 * "socket hang up"), for the clients and drivers that carry no system code. Shared by the
 * classifier and `http-triage/client`, so both judge a network failure alike.
 */

const REFUSED: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:refused' })
const UNAVAILABLE_WORD: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:unavailable' })
const EXHAUSTED: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:exhausted' })
const LOCK_WAIT: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:lock-wait' })
const TIMED_OUT: Verdict = Object.freeze({ ...TIMEOUT, rule: 'transient:timeout' })
const RESET: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'transient:reset' })
const CREDENTIALS: Verdict = Object.freeze({ status: 500, rule: 'transient:credentials' })

/** A code's words: `CONNECTION_REFUSED`, `ECONNREFUSED`, `ServiceUnavailable`, `DEADLINE_EXCEEDED`. */
const CODE_WORDS: readonly (readonly [RegExp, Verdict])[] = [
  [/TIME_?D?_?OUT|DEADLINE_?EXCEEDED/i, TIMED_OUT],
  [/REFUSED/i, REFUSED],
  [/UNAVAILABLE|UNREACHABLE|NO_?HOST/i, UNAVAILABLE_WORD],
  [/CONN_?RESET|HANG_?UP/i, RESET],
]

/** A class name's words: `…TimeoutError`, `…TimedOutError`, `NoHostAvailableError` … */
const NAME_WORDS: readonly (readonly [RegExp, Verdict])[] = [
  [/(?:Timeout|TimedOut)(?:Error|Exception)$/, TIMED_OUT],
  [/(?:NoHostAvailable|ServerSelection|Unavailable|ConnectionRefused)(?:Error|Exception)$/, UNAVAILABLE_WORD],
]

/** How much of a message is read: the cost stays flat in the message's length. */
const MESSAGE_SCAN = 256

/** A system code quoted in a message, as clients that drop the code still print it. */
const QUOTED_CODE =
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|EPIPE)\b/

const MESSAGE_WORDS: readonly (readonly [RegExp, Verdict])[] = [
  // A dependency that refuses *our credentials* is our misconfiguration, not an outage.
  [
    /\b(?:bad|wrong|invalid) (?:user ?name|password|credentials)\b|\bauthenticat\w* failed\b|\bnot authori[sz]ed\b/i,
    CREDENTIALS,
  ],
  // A lock, mutex or semaphore wait that timed out is contention: a retry fixes it.
  [
    /\b(?:lock|mutex|semaphore)\b.{0,40}\btime[ds]? ?out\b|\btime[ds]? ?out\b.{0,40}\b(?:lock|mutex|semaphore)\b/i,
    LOCK_WAIT,
  ],
  [
    /\btimed out\b|\btimeout (?:of \d+ ?m?s )?(?:exceeded|expired|reached|elapsed)\b|\b(?:read|write|connect|connection|socket|request|response|query|statement|handshake|acquire|acquisition|idle|operation|connack|greeting) timeout\b|^timeout\b|\btimeout\.?$/i,
    TIMED_OUT,
  ],
  [/\bconnection refused\b|\brefused (?:the |our )?connection\b/i, REFUSED],
  [
    /\b(?:service|server|host)s? (?:is |are )?(?:temporarily )?(?:unavailable|not available)\b|\bno hosts? available\b/i,
    UNAVAILABLE_WORD,
  ],
  [
    /\b(?:pool|queue) (?:is )?(?:full|exhausted)\b|\btoo many (?:connections|clients)\b|\bmax \w*(?:clients|connections)\w* (?:count )?exceeded\b/i,
    EXHAUSTED,
  ],
  [
    /\bsocket hang up\b|\bconnection (?:was )?(?:reset|closed unexpectedly|lost)\b|\bclosed abruptly\b/i,
    RESET,
  ],
]

/** The verdict of a code's words, e.g. `CONNECTION_REFUSED` 503, `TIMEOUT` 504. */
export function transientOfCode(code: string | undefined): Verdict | undefined {
  if (code === undefined || code.length > 64) return undefined
  for (const [pattern, verdict] of CODE_WORDS) if (pattern.test(code)) return verdict
  return undefined
}

/** The verdict of a class name's words, e.g. `QueryTimeoutError` 504. */
export function transientOfName(name: string | undefined): Verdict | undefined {
  // Most names say nothing of the kind (`Error`, `TypeError`): a length check spares the patterns.
  if (name === undefined || name.length < 12 || name.length > 128) return undefined
  for (const [pattern, verdict] of NAME_WORDS) if (pattern.test(name)) return verdict
  return undefined
}

/**
 * The verdict of a message's words, read in its first few hundred characters: a quoted system
 * code (its name, for the system-code table), or what it says happened.
 */
export function transientOfMessage(
  message: string | undefined,
): { readonly systemCode: string } | Verdict | undefined {
  if (message === undefined || message === '') return undefined
  const text = message.length > MESSAGE_SCAN ? message.slice(0, MESSAGE_SCAN) : message
  const quoted = QUOTED_CODE.exec(text)?.[1]
  if (quoted !== undefined) return { systemCode: quoted }
  for (const [pattern, verdict] of MESSAGE_WORDS) if (pattern.test(text)) return verdict
  return undefined
}

/** Names of programmer errors: what their message says is about our code, not a dependency. */
const PROGRAMMER_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError'])
/** A cheap first look: a message without any of these words says nothing about the network. */
const MAYBE =
  /tim|refus|avail|pool|queue|many|max|hang|reset|clos|lost|lock|mutex|sema|host|auth|bad|wrong|invalid/i
/** A system code quoted in the message, in capitals. */
const QUOTED = /\bE[A-Z]{4}/

/**
 * What a failure says happened, read through its probe, in this order: a system code in `code`,
 * `originalCode` or a string `errno`; the words of a string code; of the class name or the
 * constructor's; of the message (weak: a cause that says more decides). System codes are named
 * `<family>:<code>`, e.g. `outbound:ECONNREFUSED`.
 */
export function meaningOf(value: Probe, family: string): Verdict | undefined {
  for (const key of ['code', 'originalCode', 'errno']) {
    const code = key === 'code' || value.ownKeys.includes(key) ? value.get(key) : undefined
    if (typeof code === 'string' && Object.hasOwn(SYSTEM_CODES, code)) {
      return { ...SYSTEM_CODES[code], rule: `${family}:${code}` }
    }
  }
  const code = value.get('code')
  const meaning =
    (typeof code === 'string' ? transientOfCode(code) : undefined) ??
    transientOfName(value.name) ??
    transientOfName(value.constructorName)
  if (meaning) return meaning
  const message = value.message?.slice(0, MESSAGE_SCAN)
  if (message === undefined || PROGRAMMER_ERRORS.has(value.name ?? '')) return undefined
  if (!MAYBE.test(message) && !QUOTED.test(message)) return undefined
  const said = transientOfMessage(message)
  if (said === undefined) return undefined
  if ('systemCode' in said) {
    const verdict = SYSTEM_CODES[said.systemCode]
    return verdict ? { ...verdict, rule: `${family}:${said.systemCode}`, weak: true } : undefined
  }
  return { ...said, weak: true }
}

/**
 * What a failure's words say happened to a connection: the code of a driver or client
 * (`CONNECTION_REFUSED`, `DEADLINE_EXCEEDED`), a class name (`RequestTimeoutError`), a message
 * ("read timeout", "socket hang up"). Pure predicates with no verdicts attached, shared by the
 * classifier (`internal/transient.ts` turns each fault into a verdict) and `http-triage/client`
 * (which retries the transient ones), so both judge a network failure alike.
 */

/** A kind of connection failure. Every kind is transient: a retry may succeed. */
export type NetworkFault = 'timeout' | 'refused' | 'unavailable' | 'reset'

/** A code's words: `CONNECTION_REFUSED`, `ECONNREFUSED`, `ServiceUnavailable`, `DEADLINE_EXCEEDED`. */
const CODE_WORDS: readonly (readonly [RegExp, NetworkFault])[] = [
  [/TIME_?D?_?OUT|DEADLINE_?EXCEEDED/i, 'timeout'],
  [/REFUSED/i, 'refused'],
  // A socket that could not be opened is a connection that could not be made (Bun's `FailedToOpenSocket`).
  [/UNAVAILABLE|UNREACHABLE|NO_?HOST|OPEN_?SOCKET/i, 'unavailable'],
  // Dropped mid-exchange, or bytes that are not HTTP (Bun's `ConnectionClosed`, `Malformed_HTTP_Response`).
  [/CONN(ECTION)?_?(RESET|CLOSED)|HANG_?UP|MALFORMED_HTTP/i, 'reset'],
]

/** A class name's words: `…TimeoutError`, `…TimedOutError`, `NoHostAvailableError` … */
const NAME_WORDS: readonly (readonly [RegExp, NetworkFault])[] = [
  [/(?:Timeout|TimedOut)(?:Error|Exception)$/, 'timeout'],
  [/(?:NoHostAvailable|ServerSelection|Unavailable|ConnectionRefused)(?:Error|Exception)$/, 'unavailable'],
]

/** How much of a message is read: the cost stays flat in the message's length. */
export const MESSAGE_SCAN = 256

/** A system code quoted in a message, as clients that drop the code still print it. */
const QUOTED_CODE =
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|EPIPE)\b/

/**
 * What a message says happened to a connection. The classifier reads more words of a message
 * (credentials, lock waits, exhaustion: `internal/transient.ts`); these are the ones a client
 * meets in a rejected `fetch` too.
 */
const MESSAGE_WORDS: readonly (readonly [RegExp, NetworkFault])[] = [
  [
    /\btimed ?out\b|\btimeout (?:of \d+ ?m?s )?(?:exceeded|expired|reached|elapsed)\b|\b(?:read|write|connect|connection|socket|request|response|query|statement|handshake|acquire|acquisition|idle|operation|connack|greeting) time-?out\b|\bdue to timeout\b|^\W?timeout\b|\btimeout\W?$/i,
    'timeout',
  ],
  [
    /\bconnection refused\b|\brefused (?:the |our )?connection\b|\bconnection to .{1,80} was refused\b/i,
    'refused',
  ],
  [
    /\b(?:service|server|host)s? (?:is |are )?(?:temporarily |currently )?(?:unavailable|not available)\b|\bno hosts? available\b|\bunreachable hosts?\b|\b(?:failed|unable) to connect\b|\bnot (?:yet )?connected\b|\bconnection is not ready\b|\bshutting[ _]down\b|^draining\b|\bis draining\b/i,
    'unavailable',
  ],
  [
    /\bsocket hang up\b|\bconnection (?:\w+ )?(?:reset|closed unexpectedly|lost|ended)\b|\bconnection (?:was |has been )?closed(?: before\b| by (?:the )?(?:peer|server|remote)\b|\W*$)|\bunexpected(?:ly)? clos(?:e|ed|ure)\b|\bconnection to .{1,80} was (?:broken|reset|closed|lost)\b|\bclosed abruptly\b|\bserver closed the connection\b|\bFIN packet\b/i,
    'reset',
  ],
]

/** The fault a code's words name, e.g. `CONNECTION_REFUSED` `refused`, `TIMEOUT` `timeout`. */
export function faultOfCode(code: string | undefined): NetworkFault | undefined {
  if (code === undefined || code.length > 64) return undefined
  for (const [pattern, fault] of CODE_WORDS) if (pattern.test(code)) return fault
  return undefined
}

/** The fault a class name's words name, e.g. `QueryTimeoutError` `timeout`. */
export function faultOfName(name: string | undefined): NetworkFault | undefined {
  // Most names say nothing of the kind (`Error`, `TypeError`): a length check spares the patterns.
  if (name === undefined || name.length < 12 || name.length > 128) return undefined
  for (const [pattern, fault] of NAME_WORDS) if (pattern.test(name)) return fault
  return undefined
}

/**
 * The fault a message's words name, read in its first few hundred characters: a quoted system
 * code (its name, for the system-code table), or what it says happened.
 */
export function faultOfMessage(
  message: string | undefined,
): { readonly systemCode: string } | NetworkFault | undefined {
  if (message === undefined || message === '') return undefined
  const text = message.length > MESSAGE_SCAN ? message.slice(0, MESSAGE_SCAN) : message
  const quoted = QUOTED_CODE.exec(text)?.[1]
  if (quoted !== undefined) return { systemCode: quoted }
  for (const [pattern, fault] of MESSAGE_WORDS) if (pattern.test(text)) return fault
  return undefined
}

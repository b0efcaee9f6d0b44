import type { Verdict } from '../types.js'
import { VALIDATION_NAME } from './issue-shapes.js'
import { FAR_SIDE, FAULT_WORDS, messageWordsOf, STATUS_DIGITS, SYSTEM_CODE } from './message-words.js'
import { faultOfCode, faultOfMessage, faultOfName, MESSAGE_SCAN, type NetworkFault } from './network-fault.js'
import type { Probe } from './probe.js'
import { whoMade } from './provenance.js'
import { SYSTEM_CODES } from './system-codes.js'
import { upstreamStatusVerdict } from './upstream-status.js'
import { BAD_GATEWAY, NOT_TRANSIENT_GATEWAY, nameVerdicts, TIMEOUT, UNAVAILABLE } from './verdicts.js'

/**
 * Timeouts, refusals and resets recognised by what they say, wherever they sit: the words of a
 * code (`CONNECTION_REFUSED`, `DEADLINE_EXCEEDED`, `ServiceUnavailable`), of a class name
 * (`RequestTimeoutError`, `NoHostAvailableError`), or of a message ("read timeout",
 * "socket hang up"), for the clients and drivers that carry no system code. The words themselves
 * are judged in `network-fault.ts`, which `http-triage/client` shares, so both judge a network
 * failure alike; this module gives each fault its verdict.
 */

const REFUSED: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:refused' })
const UNAVAILABLE_WORD: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:unavailable' })
const EXHAUSTED: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:exhausted' })
const SHED: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:shed' })
const LOCK_WAIT: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:lock-wait' })
const CONTENTION: Verdict = Object.freeze({ ...UNAVAILABLE, rule: 'transient:contention' })
const TIMED_OUT: Verdict = Object.freeze({ ...TIMEOUT, rule: 'transient:timeout' })
const RESET: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'transient:reset' })
const CREDENTIALS: Verdict = Object.freeze({ status: 500, rule: 'transient:credentials' })
const RETRIES_EXHAUSTED: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'transient:retries-exhausted' })
const FETCH_FAILED: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'transient:fetch-failed' })
const BAD_REPLY: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'transient:bad-reply' })
const WRONG_PROTOCOL: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'transient:protocol' })
const REDIRECT_LOOP: Verdict = Object.freeze({ ...NOT_TRANSIENT_GATEWAY, rule: 'transient:redirects' })

/**
 * What a failure says happened: a network fault, or what only a server meets (a dependency that
 * refused our credentials, a lock wait, a pool or quota exhausted, a call a circuit breaker or an
 * overloaded service turned away, an answer that could not be read, a peer that broke the protocol
 * or speaks another, a client that gave up retrying, a fetch that failed for a reason the error no
 * longer carries).
 */
type Fault =
  | NetworkFault
  | 'credentials'
  | 'lock-wait'
  | 'contention'
  | 'exhausted'
  | 'shed'
  | 'reply'
  | 'protocol'
  | 'redirects'
  | 'retries'
  | 'fetch'

/** The verdict of each fault the words name. */
const VERDICTS: Readonly<Record<Fault, Verdict>> = {
  timeout: TIMED_OUT,
  refused: REFUSED,
  unavailable: UNAVAILABLE_WORD,
  exhausted: EXHAUSTED,
  shed: SHED,
  reply: BAD_REPLY,
  protocol: WRONG_PROTOCOL,
  redirects: REDIRECT_LOOP,
  'lock-wait': LOCK_WAIT,
  contention: CONTENTION,
  reset: RESET,
  credentials: CREDENTIALS,
  retries: RETRIES_EXHAUSTED,
  fetch: FETCH_FAILED,
}

/**
 * A transaction that lost to a concurrent one, in the words of the engine that aborted it
 * ("Transaction has been aborted by conflict", "write-write conflict", "Transaction was aborted due
 * to detection of concurrent modifications", "TransactionContext Error: Conflict on update!"):
 * contention, which a retry fixes, as a serialization failure is. A conflict with no transaction
 * in its words ("Document update conflict", a stale version) is the client's to resolve.
 */
const TRANSACTION_CONFLICT =
  /\btransaction\w*\b[^.;!?]{0,60}?\b(?:conflict|concurrent)|\bconflict\w*\b[^.;!?]{0,40}?\btransaction|\bwrite[- ](?:write[- ])?conflict\b/i

/** A message's words read before the network's: they say more than the timeout they mention. */
const FIRST_WORDS: readonly (readonly [RegExp, Fault])[] = [
  // A dependency that refuses *our credentials* is our misconfiguration, not an outage.
  [
    /\b(?:bad|wrong|invalid) (?:user ?name|password|credentials)\b|\bauthenticat\w* failed\b|\bnot authori[sz]ed\b/i,
    'credentials',
  ],
  // A lock, mutex or semaphore wait that timed out, a lock someone else holds, or one that could
  // not be had after its attempts, is contention: a retry fixes it.
  [
    /\b(?:lock|mutex|semaphore)\b.{0,40}\btime[ds]? ?out\b|\btime[ds]? ?out\b.{0,40}\b(?:lock|mutex|semaphore)\b|\block\b.{0,100}?\balready (?:being )?held\b|\blocked by another (?:session|transaction|process|client|connection)\b|\b(?:resource|record|row|table|queue|document)[ _](?:is )?locked\b|\bexclusive access\b.{0,40}\blocked\b|\battempts to lock\b|\b(?:unable|failed) to acquire (?:a |the )?lock\b/i,
    'lock-wait',
  ],
  [TRANSACTION_CONFLICT, 'contention'],
  // A wait for a pool's connection that timed out ("Timed out waiting for connection from pool",
  // "Timeout acquiring a connection. The pool is probably full"): the pool is used up, not a
  // dependency that answered too slowly. (A pool's report of a connection that could not be made
  // in time, or of a task that ran too long, is a timeout.)
  [
    /\btime[ds]? ?out (?:while )?(?:waiting|acquiring)\b.{0,40}\bfrom (?:the |a )?pool\b|\bpool (?:is )?(?:probably )?(?:full|exhausted)\b/i,
    'exhausted',
  ],
  // A peer that sent no answer within the time it was given ("No initialization reply received
  // within 0 sec"), whatever connection failure the message reports it under: too slow.
  [/\bno (?:\w+ )?(?:reply|response|answer)\b.{0,20}?\bwithin\b/i, 'timeout'],
  // A peer that answered with an HTTP status line where another protocol's reply was due (a
  // broker's or a queue's port that is an HTTP server's): its "400 Bad Request" is no upstream
  // status of a call we made over HTTP.
  [
    /\b(?:unknown|unexpected|invalid|unrecognized) (?:command|response|reply|greeting|frame)\b.{0,24}\bHTTP\/\d/i,
    'protocol',
  ],
  // A reply that broke the protocol, in its parser's words ("Protocol error, got "H" as reply type
  // byte"): the peer's, as a reply is.
  [/\bprotocol error\b.{0,40}?\b(?:reply|response)\b/i, 'protocol'],
]

/** A message's words read after the network's. */
const LAST_WORDS: readonly (readonly [RegExp, Fault])[] = [
  // A pool, a queue, a connection count or a request quota used up, a call that waited too long in
  // a queue for its turn: the dependency is unavailable. A dependency out of memory is one: it
  // cannot take more work now.
  [
    /\bout[ _]of[ _]memory\b|\bmax(?:imum)? (?:allowed |concurrent )?(?:requests|calls|executions)\b.{0,16}?\b(?:reached|exceeded)\b|\btoo long in (?:the )?queue\b|\bmemory limit (?:is )?(?:reached|exceeded)\b|\btoo many pending (?:tasks|requests|jobs)\b|\brate[- ]?limited\b|\b(?:pool|queue) (?:is )?(?:full|exhausted|at (?:its )?(?:limit|capacity))\b|\b(?:pool|queue) (?:size|length|limit)\b.{0,24}\b(?:reached|exceeded)\b|\btoo many (?:(?:concurrent|simultaneous|open|active) )?(?:connections|clients|requests)\b|\bmax \w*(?:clients|connections)\w* (?:count )?exceeded\b|\b(?:rate|requests?|connections?) limit (?:of \d+ )?(?:exceeded|reached)\b|\bover (?:the )?(?:queue|pool|connection|concurrency) limit\b|\btoo many queued (?:queries|requests|jobs|tasks|calls)\b/i,
    'exhausted',
  ],
  // A proxy in front of the dependency with no instance to send the call to, in the words of its
  // plain-text answer (Envoy's "no healthy upstream", "upstream connect error or disconnect/reset
  // before headers"), as a client quotes a body it could not parse.
  [/\bno healthy upstream\b|\bupstream connect error\b/i, 'unavailable'],
  // A client that took a server out of its rotation ("Server at 127.0.0.1:11211 not available").
  [/^(?:the )?(?:server|host|node) (?:at )?[\w.:[\]-]{1,80} (?:is )?not available\b/i, 'unavailable'],
  // Nobody to take the call: no instance serves the subject ("no responders"), no connection is
  // open or can be had ("None of the pools have an opened connection").
  [
    /\bno responders\b|\b(?:no|none of the \w+ (?:has|have) an?) (?:open|opened|available|active|usable|healthy) connections?\b/i,
    'unavailable',
  ],
  // A write sent to a replica that takes none ("Can't modify data on a read-only instance"), as
  // during a failover: unavailable until a primary takes it.
  [/\bread[- ]only (?:replica|instance|node|server|secondary|member)\b/i, 'unavailable'],
  // Work that ran past the time it was given (a lock's or a job's maximum execution time, a query
  // that "exceeded maximum time limit of 30.00s", a request that "took longer than 250ms").
  [
    /\bmax(?:imum)? (?:execution|occupation|processing) time (?:is |was )?exceeded\b|\bexceeded (?:the |its )?max(?:imum)? (?:execution |query |run |processing )?time(?: limit)?\b|\btook longer than \d+ ?(?:ms|milliseconds?|s|sec(?:ond)?s?)\b/i,
    'timeout',
  ],
  // A peer that says it cannot take the call now and asks for another attempt ("System busy, try
  // again later", a mail relay's "Greylisted, please try again later", "Transaction has been
  // aborted. Please retry"): unavailable for now.
  [
    /\btry again (?:later|shortly|soon|in a (?:moment|minute|while|few (?:seconds|minutes|moments)))\b|\bplease retry\b|\bretry (?:the|your) (?:request|transaction|operation)\b|\b(?:system|server|service|host|database|backend|broker|node|device) (?:is )?(?:too |currently |temporarily )?busy\b|\ball (?:the )?(?:workers|threads|connections|servers|nodes|instances) are (?:currently )?busy\b/i,
    'unavailable',
  ],
  // A peer that did not answer ("Gateway target device failed to respond"), or says a timeout
  // occurred: too slow.
  [
    /\b(?:failed|did not|didn't) (?:to )?respond\b|\bis not responding\b|\btimeout (?:has )?occurred\b/i,
    'timeout',
  ],
  // A peer that dropped us ("Server has gone away", as MySQL and brokers say it): a reset.
  [/\b(?:server|connection|broker|peer) has gone away\b/i, 'reset'],
  // An answer that was not what was due, and nothing more said ("Unexpected response"), or the
  // server's answer quoted after it ("Unknown response from the cache server: …"; a status
  // quoted there is the upstream policy's), or an answer of a form or content type the client
  // cannot read ("Bad response format", "Unsupported response content-type").
  [
    /^(?:received (?:an? )?)?unexpected (?:server )?(?:response|reply)(?: from (?:the )?(?:server|peer|upstream))?\W*$|^(?:unknown|unexpected|unrecognized|invalid) (?:response|reply) from (?:the )?(?:[\w-]+ )?server\b(?!\W{0,3}\d{3}\b)|\b(?:bad|invalid|malformed) response format\b|\b(?:unexpected|unsupported|invalid) response content[- ]type\b(?! requested)/i,
    'reply',
  ],
  // A circuit breaker that is open, or a service that says it is overloaded ("You are placing too
  // much load on the server"): it turned the call away.
  [/\b(?:circuit|breaker) (?:is )?(?:now )?open(?:ed)?\b|\boverloaded\b|\btoo much load\b/i, 'shed'],
  // A fetch that failed (undici's words, and the browsers'), kept by an SDK without its cause: the
  // upstream could not be reached or answered nothing usable, as undici's own `fetch failed` is
  // when its cause says no more.
  // ("Failed to fetch user profile" is a client's word for a call that got an answer.)
  [/\bfetch failed\b|\bfailed to fetch(?! \w)|\bnetwork request failed\b/i, 'fetch'],
  // An answer the client could not read (an HTML error page where JSON was due, as `JSON.parse`'s
  // words quoted in a client's message say it): it answered badly.
  [
    /\b(?:unable to|could not|cannot|failed to) parse (?:the )?(?:JSON |server )?response\b|\berror parsing (?:the )?(?:API |JSON |server )?response\b|\b(?:invalid|malformed) JSON(?: data| body)? (?:in (?:the )?(?:\w+ )?)?(?:response|reply|event stream)\b|\b(?:received|got|returned) (?:a )?non-JSON (?:body|response)\b|\bresponse(?: body)? (?:is|was) not (?:valid )?JSON\b|\bexpected (?:a )?JSON response\b|\bUnexpected token '?<'?[, ]|\bUnrecognized token '<'/i,
    'reply',
  ],
  // An upstream that kept redirecting until the client gave up (a loop): it answered badly, and
  // the next attempt meets the same loop.
  [
    /\btoo many redirects\b|\bredirect count exceeded\b|\bmax(?:imum)? (?:number of )?redirects (?:exceeded|reached)\b|\bexceeded (?:the )?max(?:imum)? (?:number of )?redirects\b/i,
    'redirects',
  ],
  // A client that gave up after its retries: the dependency kept failing.
  [
    /\b(?:max(?:imum)?|all) (?:\w+ )?retries (?:exceeded|exhausted|reached|failed)\b|\bretries (?:exceeded|exhausted)\b|\bexceeded the max\w* (?:\w+ )?retries\b/i,
    'retries',
  ],
]

const verdictOf = (fault: Fault | undefined): Verdict | undefined =>
  fault === undefined ? undefined : VERDICTS[fault]

function wordsOf(words: readonly (readonly [RegExp, Fault])[], text: string): Fault | undefined {
  for (const [pattern, fault] of words) if (pattern.test(text)) return fault
  return undefined
}

/** The verdict of a code's words, e.g. `CONNECTION_REFUSED` 503, `TIMEOUT` 504. */
export function transientOfCode(code: string | undefined): Verdict | undefined {
  // Access refused or denied is a permission, not a connection turned away.
  if (code === undefined || ACCESS.test(code)) return undefined
  const fault = faultOfCode(code)
  // A pool's wait that timed out (`CONNECTION_POOL:QUEUE_TIMEOUT`): the pool is used up.
  if (fault === 'timeout' && POOL.test(code)) return EXHAUSTED
  return verdictOf(
    fault ?? (THROTTLED.test(code) ? 'exhausted' : CONNECT_FAILED.test(code) ? 'unavailable' : undefined),
  )
}

/** A code that names a pool (`CONNECTION_POOL:QUEUE_TIMEOUT`, `POOL_ACQUIRE_TIMEOUT`). */
const POOL = /POOL/i

/** A code that says a connection could not be made (`CONNECTION_FAILED`, `failed_connect_to_store`). */
const CONNECT_FAILED = /(?:FAIL(?:ED|URE)?|UNABLE)_?(?:TO_?)?CONNECT|CONNECT(?:ION)?_?FAIL/i

const ACCESS = /ACCESS|PERMISSION/i

/**
 * A code that says the dependency throttles us or our quota is used up (`ETHROTTLE`,
 * `rate_limited`, `QUOTA_EXCEEDED`, `RESOURCE_EXHAUSTED`, `TOO_MANY_SIMULTANEOUS_QUERIES`, an API's
 * `REQUEST_LIMIT_EXCEEDED`). A code that names a status (`TOO_MANY_REQUESTS`) is the `carrier`
 * family's.
 */
const THROTTLED =
  /THROTTL|RATE_?LIMIT|QUOTA_?EXCEEDED|RESOURCE_?EXHAUSTED|TOO_?MANY_?(?:CONNECTIONS|CLIENTS|SIMULTANEOUS|CONCURRENT)|(?:REQUEST|API_?CALL|CALL)S?_?LIMIT_?(?:EXCEEDED|REACHED)/i
/**
 * A class name that says the same: `RateLimitError`, `RatelimitError`, `WebAPIRateLimitedError`,
 * `ThrottlingException`.
 */
const THROTTLED_NAME =
  /(?:Rate_?[Ll]imit(?:ed)?|Throttl(?:ed|ing)|QuotaExceeded|ResourceExhausted)(?:Error|Exception)$/
/**
 * A class name of a circuit breaker or a bulkhead that turned a call away (`BreakerError`,
 * `OpenCircuitError`, `BulkheadOverloadError`): what it protects is unavailable for now.
 */
const SHED_NAME = /^[A-Za-z]{0,40}(?:Breaker|Circuit|Bulkhead)[A-Za-z]{0,40}(?:Error|Exception)$/
/** A name in a code's form: capitals and digits in words joined by `_`. */
const CODE_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/
/** A class name that says the peer broke its protocol (`ProtocolError`, `AmqpProtocolError`). */
const PROTOCOL_NAME = /Protocol(?:Error|Exception)$/
/**
 * A class name that says an answer was not what was due (`UnexpectedResponseError`,
 * `InvalidResponseException`, a protocol's `UnexpectedMessageError`): read only where no status of
 * an error decides (a 200 with garbage). A message, a frame or a packet that is merely invalid may
 * be one we were about to send.
 */
const REPLY_NAME =
  /(?:(?:Unexpected|Invalid|Bad|Malformed)(?:Error)?Response|Unexpected(?:Message|Reply|Frame|Packet))(?:Error|Exception)$/

/**
 * The verdict of a class name's words, e.g. `QueryTimeoutError` 504, `RateLimitError` 503,
 * `BulkheadOverloadError` 503.
 */
export function transientOfName(name: string | undefined): Verdict | undefined {
  const fault = faultOfName(name)
  if (fault !== undefined) return VERDICTS[fault]
  if (name === undefined || name.length > 128) return undefined
  // A name that is a code (`OPERATION_TIMEOUT`, as a driver names an error by its server's code).
  if (name.length <= 64 && CODE_NAME.test(name)) return transientOfCode(name)
  if (THROTTLED_NAME.test(name)) return EXHAUSTED
  if (PROTOCOL_NAME.test(name)) return WRONG_PROTOCOL
  if (REPLY_NAME.test(name)) return BAD_REPLY
  return SHED_NAME.test(name) ? SHED : undefined
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
  // A quoted system code first, then the words, in the order of what they say most precisely.
  const said = faultOfMessage(text)
  if (said !== undefined && typeof said !== 'string') return said
  const fault = wordsOf(FIRST_WORDS, text) ?? said ?? wordsOf(LAST_WORDS, text)
  if (fault !== undefined) return VERDICTS[fault]
  // A code the message begins with (`ResourceUnavailable: 1.3.6.1.2`, `DEADLINE_EXCEEDED: …`), as
  // clients print an error's name or code before its words, or that is the whole message (a
  // queue's `task_timeout`, rejected as a string).
  const code = LEADING_CODE.exec(text)?.[1]
  return code === undefined ? undefined : transientOfCode(code)
}

/**
 * The contention a report of a 409 describes in its message (see `TRANSACTION_CONFLICT`): 503,
 * named `<rule>:contention` after the rule that read the status, or `undefined`.
 */
export function contentionOf(value: Probe, rule: string): Verdict | undefined {
  const message = value.message
  if (message === undefined || (messageWordsOf(value) & FAULT_WORDS) === 0) return undefined
  if (!TRANSACTION_CONFLICT.test(message.slice(0, MESSAGE_SCAN))) return undefined
  return { ...UNAVAILABLE, rule: `${rule}:contention` }
}

/** A word the message begins with, before a colon, or that is all of it: a code or a name. */
const LEADING_CODE = /^([A-Za-z][A-Za-z0-9_]{2,40})(?::|$)/

/** Names of programmer errors: what their message says is about our code, not a dependency. */
const PROGRAMMER_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError'])
/** Whether a name is a programmer error's (`TypeError` …): its message is about our code. */
export const isProgrammerError = (name: string | undefined): boolean => PROGRAMMER_ERRORS.has(name ?? '')
/** Whether a class name says validation (`ValidationError` and longer: the length spares `Error` the pattern). */
const saysValidation = (name: string | undefined) =>
  name !== undefined && name.length >= 15 && VALIDATION_NAME.test(name)
/**
 * What a failure says happened, read through its probe, in this order: a system code in `code`,
 * `originalCode` or a string `errno`; the words of a string code; of the class name or the
 * constructor's. System codes are named `<family>:<code>`, e.g. `outbound:ECONNREFUSED`.
 */
export function meaningOf(value: Probe, family: string): Verdict | undefined {
  const code = value.get('code')
  const keys = value.ownKeys
  const system =
    systemCodeOf(code) ??
    (keys.includes('originalCode') ? systemCodeOf(value.get('originalCode')) : undefined) ??
    (keys.includes('errno') ? systemCodeOf(value.get('errno')) : undefined)
  if (system !== undefined) {
    if (system === 'ECONNABORTED' && abortedByTimeout(value))
      return { ...TIMEOUT, rule: `${family}:ECONNABORTED:timeout` }
    return namedFor(family).strong[system]
  }
  // A client's `type` says what kind of failure it was, in the same words (`request-timeout`).
  const type = keys.includes('type') ? value.get('type') : undefined
  const verdict =
    (typeof code === 'string' ? transientOfCode(code) : undefined) ??
    (typeof type === 'string' ? transientOfCode(type) : undefined) ??
    transientOfName(value.name) ??
    transientOfName(value.constructorName)
  return verdict === EXHAUSTED ? withRetryAfter(value, keys, EXHAUSTED) : verdict
}

/**
 * A used-up quota with the wait its client was told, in seconds (`retryAfter`, `retry_after`, or
 * in its message's words: "retry after 7"): its `Retry-After`. A wait in milliseconds (more than
 * an hour, read as seconds) is not passed on.
 */
function withRetryAfter(value: Probe, keys: readonly string[], verdict: Verdict): Verdict {
  const key = keys.includes('retryAfter')
    ? 'retryAfter'
    : keys.includes('retry_after')
      ? 'retry_after'
      : undefined
  const seconds = key === undefined ? waitInWords(value.message) : value.get(key)
  if (typeof seconds !== 'number' || !(seconds > 0 && seconds <= 3600)) return verdict
  return { ...verdict, retryAfter: Math.ceil(seconds) }
}

/** The wait a message tells, in seconds ("Too Many Requests: retry after 7", "retry after 30s"). */
function waitInWords(message: string | undefined): number | undefined {
  const found = message === undefined ? null : RETRY_AFTER_WORDS.exec(message.slice(0, MESSAGE_SCAN))
  return found === null ? undefined : Number(found[1])
}

const RETRY_AFTER_WORDS =
  /\bretry after (\d{1,4})(?: ?(?:s|secs?|seconds?))?(?!\w|\.\d| ?(?:ms|milli|min|minutes?|hours?|h\b|days?))/i

/** A timeout in an aborted connection's words ("timeout of 250ms exceeded", "timed out", `timeout_error`). */
const TIMEOUT_WORDS = /\btime(?:d)?[ _-]?out(?![a-z])/i

/**
 * Whether an `ECONNABORTED` was a client's own timeout, as axios reports one: the error says so
 * with `errno: 'ETIMEDOUT'`, a `timeout` in milliseconds, a timeout in its message's words, or a
 * kind of error that says so (`errorType: 'timeout_error'`). An abort that says nothing of time is
 * a connection cut short (502).
 */
export function abortedByTimeout(value: Probe): boolean {
  if (value.get('errno') === 'ETIMEDOUT' || typeof value.get('timeout') === 'number') return true
  const message = value.message
  if (message !== undefined && TIMEOUT_WORDS.test(message.slice(0, MESSAGE_SCAN))) return true
  const keys = value.ownKeys
  const kind = keys.includes('errorType')
    ? value.get('errorType')
    : keys.includes('type')
      ? value.get('type')
      : undefined
  return typeof kind === 'string' && kind.length <= 64 && TIMEOUT_WORDS.test(kind)
}

function systemCodeOf(code: unknown): string | undefined {
  return typeof code === 'string' && Object.hasOwn(SYSTEM_CODES, code) ? code : undefined
}

/**
 * What the first few hundred characters of a failure's message say happened: weak, since a cause
 * that says more decides. A programmer error's message is about our code (but `JSON.parse`'s
 * `SyntaxError` of an HTML page is an upstream's answer), and a validator's about the values it
 * checked: neither is read. Besides the words of a fault, a message may report the
 * HTTP status an upstream answered ("Request failed with status code 503", "HTTP status: 500"), as
 * clients that keep no response say it: that status follows the upstream policy (never passed
 * through); a dependency's bare 5xx reason phrase is its upstream's answer.
 */
export function messageMeaningOf(value: Probe, family: string): Verdict | undefined {
  const message = value.message?.slice(0, MESSAGE_SCAN)
  if (message === undefined) return undefined
  if (isProgrammerError(value.name)) {
    return value.name === 'SyntaxError' && HTML_AS_JSON.test(message) ? WEAK_BAD_REPLY : undefined
  }
  // A validator's message is about the values it checked (`"timeout" must be a number`).
  if (saysValidation(value.name) || saysValidation(value.constructorName)) return undefined
  const words = messageWordsOf(value)
  const said = (words & (FAULT_WORDS | SYSTEM_CODE)) !== 0 ? transientOfMessage(message) : undefined
  // An answer that could not be read may still say its status ("<h1>503 Service Unavailable</h1>").
  if (said === undefined || said === BAD_REPLY) {
    const upstream = (words & STATUS_DIGITS) !== 0 ? upstreamOfMessage(message, family) : undefined
    if (upstream !== undefined) return upstream
    if (said === undefined) return farSideFault(value, message, family)
  }
  if ('systemCode' in said) return namedFor(family).weak[said.systemCode]
  const weak = WEAK_VERDICTS.get(said)
  return said === EXHAUSTED && weak !== undefined ? withRetryAfter(value, value.ownKeys, weak) : weak
}

/**
 * An upstream's 4xx or 5xx, as a message reports it: after a word that names it ("status code
 * 503", "status code - 503", "HTTP 401", "HTTP response: 502", a JSON `"status": 401`), after a
 * colon that ends what an unexpected status met ("Unexpected status code while fetching: 503"), in
 * parentheses after "error" ("usage error (500)", "Error (Code: 503)"), after a response called
 * invalid or unexpected ("Invalid response: 500"), as the status line quotes it ("502 Bad
 * Gateway"), or at the start, before its reason phrase in quotes (`503 "Unavailable"; Request ID: …`)
 * or a colon ("401: invalid signature"); also as `statusCode=500`.
 */
const UPSTREAM_STATUS =
  /\b(?:HTTP(?: error| status(?: code)?| response)?|status(?:[ _]?code)?|response code)"?(?::| -|=)? ?([45]\d\d)\b|\b(?:unexpected|unknown|bad) status code\b[^\d.;]{0,60}?: ?([45]\d\d)\b|\b([45]\d\d):? (?:Bad Request|Unauthorized|Forbidden|Not Found|Request Timeout|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)\b|\berror \((?:code: ?)?([45]\d\d)\)|\b(?:invalid|unexpected|bad|unsuccessful) response:? ?([45]\d\d)\b|^([45]\d\d)(?: "[A-Z][\w -]{1,40}"(?:[;,.]|$)|: )/i

function upstreamOfMessage(message: string, family: string): Verdict | undefined {
  const found = UPSTREAM_STATUS.exec(message)
  const status = found?.[1] ?? found?.[2] ?? found?.[3] ?? found?.[4] ?? found?.[5] ?? found?.[6]
  if (status === undefined) return undefined
  return { ...upstreamStatusVerdict(Number(status), undefined, `${family}:upstream`), weak: true }
}

/**
 * A far side's failure in its own words, on an error a dependency made on its own after waiting (see
 * `provenance.ts`): a message that begins with a server error's reason phrase or says the far side
 * failed inside ("Internal server error", "Bad Gateway", "An internal error has occurred.",
 * "ERR internal error, …", "INTERNAL_ERROR"), as a client that keeps no status reports
 * `res.statusText` or the error text of an answer or a reply; or a code, `type` or class name in
 * those words (`internal_error`, `serverError`). The upstream's 5xx, followed by the upstream policy
 * (502). The application's own `Error('Internal server error')` says nothing of an upstream.
 */
const FAR_SIDE_WORDS =
  /^(?:ERR |error:? )?(?:an )?internal[ _](?:server[ _])?error\b|^server[ _]error\b|^bad[ _]gateway\b/i
const FAR_SIDE_CODE = /^(?:internal[ _]?(?:server[ _]?)?|server[ _]?)error$/i

function farSideFault(value: Probe, message: string, family: string): Verdict | undefined {
  const says = (messageWordsOf(value) & FAR_SIDE) !== 0 && FAR_SIDE_WORDS.test(message)
  if (!says && !namesServerError(value)) return undefined
  if (whoMade(value.get('stack'), value.message) !== 'dependency') return undefined
  return { ...upstreamStatusVerdict(502, undefined, `${family}:upstream`), weak: true }
}

/** Whether a code, a `type` or the class name says a server error (`internal_error`, `serverError`). */
function namesServerError(value: Probe): boolean {
  if (saysServerError(value.get('code')) || saysServerError(value.name)) return true
  return value.ownKeys.includes('type') && saysServerError(value.get('type'))
}

// The shortest such word is `servererror`.
const saysServerError = (said: unknown): boolean =>
  typeof said === 'string' && said.length >= 11 && said.length <= 32 && FAR_SIDE_CODE.test(said)

/**
 * `JSON.parse`'s words for text that begins with `<` (V8's, and JavaScriptCore's): an HTML page
 * where JSON was due, the way a proxy's, a login wall's or a gateway's error page reaches a client
 * that parsed an upstream's answer. A client's malformed JSON body is body-parser's, with its
 * `type`; no client sends HTML as JSON.
 */
const HTML_AS_JSON = /^(?:Unexpected token '?<'?[, ]|JSON Parse error: Unrecognized token '<')/

/** The words' verdicts as a message's (weak: a cause that says more decides). */
const WEAK_VERDICTS = new Map(
  Object.values(VERDICTS).map((verdict) => [verdict, Object.freeze({ ...verdict, weak: true })]),
)
const WEAK_BAD_REPLY = WEAK_VERDICTS.get(BAD_REPLY)

interface Named {
  readonly strong: Readonly<Record<string, Verdict>>
  readonly weak: Readonly<Record<string, Verdict>>
}

/** Each family's system-code verdicts, named `<family>:<code>`, made on first use. */
const NAMED = new Map<string, Named>()

function namedFor(family: string): Named {
  let named = NAMED.get(family)
  if (named === undefined) {
    const strong = nameVerdicts(SYSTEM_CODES, (code) => `${family}:${code}`)
    const weak: Record<string, Verdict> = {}
    for (const [code, verdict] of Object.entries(strong))
      weak[code] = Object.freeze({ ...verdict, weak: true })
    named = { strong, weak }
    NAMED.set(family, named)
  }
  return named
}

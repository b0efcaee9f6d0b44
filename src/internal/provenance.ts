import { isReasonPhrase } from '../codes.js'
import type { Verdict } from '../types.js'
import type { Probe } from './probe.js'
import { get, isObjectLike, toArray } from './safe.js'
import { statusOfName, VALIDATION_FAILED } from './status-names.js'
import { answerHeadersOf, upstreamStatusVerdict } from './upstream-status.js'

/**
 * Who made an error, as its stack tells: an error that a dependency made on its own, after waiting
 * (every synchronous frame its stack records, down to where the runtime called back, lies in an
 * installed package or in the runtime), is the report of something that dependency met, such as an
 * upstream's answer to a call it made for us. An error that application code made, or called a
 * library to make, has a frame of the application; one that middleware made while our server
 * handled a request has no callback below it. The runtime's own frames (an event emitter, a
 * `Promise` executor) are nobody's. A stack that records no frame of a package, one of a module
 * being loaded (an error made at import, to be copied), or no stack, says nothing.
 */

/** How many lines of a stack are looked at (the default `Error.stackTraceLimit` is 10). */
const MAX_LINES = 24
/** A frame of an installed package: npm's, Deno's and Bun's layouts. */
const PACKAGE = /[/\\]node_modules[/\\]|[/\\]deno[/\\]npm[/\\]/
/**
 * Where the runtime called back after waiting: a resumed `await` (the frames below are the awaiting
 * callers, not the maker), a socket's data, a connection, a client response parsed. A request our
 * server received is no such place: middleware that answers it runs on its frames. Nor is a timer
 * or an immediate: a parser that yields between chunks (an XML body parser's 400) runs its own
 * deferred work there, while a client reports an answer when it arrives.
 */
const CALLED_BACK =
  /processTicksAndRejections|task_queues|eventLoopTick|runMicrotasks|onStreamRead|afterConnect|parserOnIncomingClient/
/** A module being loaded: an error made then is a template copied later, and says nothing of its use. */
const LOADING = /Module\._compile|internal\/modules\//
/** A frame of the runtime's own code (Node's, Deno's, Bun's built-ins, native functions). */
const RUNTIME = /(?:^at |\()(?:node:|ext:|bun:|native|<anonymous>)/

/**
 * Who made an error, as its stack tells: `dependency` (every frame down to where the runtime called
 * back is a package's or the runtime's), `application` (a frame of the application comes first), or
 * `deep` (frames of packages and the runtime only, many, and no callback before they ran out), or
 * `unknown` (no stack, made while a module loaded, or a few frames that ran out before either: made
 * on a synchronous path, such as middleware answering a request).
 */
export function whoMade(
  stack: unknown,
  message: string | undefined,
): 'dependency' | 'application' | 'deep' | 'unknown' {
  if (typeof stack !== 'string') return 'unknown'
  let frames = 0
  for (const line of framesOf(stack, message)) {
    const at = line.trimStart()
    if (!at.startsWith('at ')) continue
    // Made after waiting, with no frame of the application on the way: a dependency's own report.
    if (at.startsWith('at async ') || CALLED_BACK.test(at)) return frames > 0 ? 'dependency' : 'unknown'
    if (LOADING.test(at)) return 'unknown'
    if (RUNTIME.test(at)) continue
    if (!PACKAGE.test(at)) return 'application'
    frames++
  }
  // Many frames, each a package's or the runtime's, and the stack ends before the runtime called
  // back: made deep in dependencies (a protocol client's callbacks), or by middleware on a long
  // synchronous path; the stack alone cannot tell which.
  return frames >= DEEP_FRAMES ? 'deep' : 'unknown'
}

/**
 * Whether a stack records no frame at all while the runtime records them (`Error.stackTraceLimit`
 * above 0): its maker cut it, as a library does that passes `Error.captureStackTrace` a function
 * that is not on the stack. An application's own error has the frame that threw it.
 */
export function isCutStack(stack: unknown, message: string | undefined): boolean {
  if (typeof stack !== 'string' || stack === '' || !(Number(Error.stackTraceLimit) > 0)) return false
  return !framesOf(stack, message).some((line) => line.trimStart().startsWith('at '))
}

/** How many frames of packages make a stack `deep` (the default `Error.stackTraceLimit` is 10). */
const DEEP_FRAMES = 6

/** The lines of a stack after its message, which may itself hold lines that look like frames. */
function framesOf(stack: string, message: string | undefined): string[] {
  const start = message !== undefined && message !== '' ? stack.indexOf(message) : -1
  return (start === -1 ? stack : stack.slice(start + (message as string).length)).split('\n', MAX_LINES)
}

/** A client's class name: `…HttpError`, `…ResponseError`, `…APIError`, `…ApiException` … */
const CLIENT_NAME = /(?:Http|HTTP|Response|API|Api|Fetch)(?:Error|Exception)$/

/**
 * Whether a status error of no known carrier was made by a dependency on its own, not by the
 * application. Middleware in a package makes errors for our answer too (an auth middleware's 401
 * with its `code`, a framework's `NOT_FOUND`, an OpenAPI validator's `name: 'Method Not Allowed'`):
 * an error with a code of its own (not one that only carries or spells the status, or names the
 * status carried beside it) counts only when its class is named as a client's, it keeps the id
 * of the request it made (`requestID`: an upstream's request, which no middleware's answer has),
 * or it keeps the API's own list of errors (`errors: []`, `errors: [{ message, code }]`),
 * and one named by its status's reason phrase is an HTTP answer made for us (a client's class has
 * a class's name). A status kept where no framework reads one (`httpStatus`, `status_code`) was
 * not kept for a framework to answer with: there a code of its own says nothing of middleware. The
 * stack is read only here, for such a value.
 */
export function isDependencysReport(value: Probe, status: number, whereFrameworksRead = true): boolean {
  const name = value.name
  if (isReasonPhrase(name, status)) return false
  // A code that is the only carrier of the status (`{ code: 404 }`, no `status`) is no code of its
  // own, nor is one that only spells the status (`E.404`, `HTTP_404`), nor one that names the
  // status carried beside it (`UNAUTHORIZED` beside `statusCode: 401`).
  const code = value.get('code')
  const beside = value.get('status') != null || value.get('statusCode') != null
  const carriesStatus = (code === status || code === String(status)) && !beside
  if (
    whereFrameworksRead &&
    code != null &&
    !carriesStatus &&
    !spellsStatus(code, status) &&
    !(beside && namesStatus(code, status)) &&
    !CLIENT_NAME.test(name ?? '')
  ) {
    if (
      !CLIENT_NAME.test(value.constructorName ?? '') &&
      !keepsRequestId(value) &&
      !keepsApiErrors(value, true)
    )
      return false
  }
  const stack = value.get('stack')
  // A status kept where no framework reads one, on an error whose maker cut its stack to nothing
  // (`Error.captureStackTrace(this, F)` with an `F` not on it): no application code made that.
  if (!whereFrameworksRead && isCutStack(stack, value.message)) return true
  const made = whoMade(stack, value.message)
  // A class named for an answer it received (`ResponseError`), made deep in dependencies: a
  // client's report of its server's answer, whose stack was cut before the socket's callback.
  return (
    made === 'dependency' ||
    (made === 'deep' && (RECEIVED.test(name ?? '') || RECEIVED.test(value.constructorName ?? '')))
  )
}

/** A class named for an answer received: `ResponseError`, `UpstreamResponseException`. */
const RECEIVED = /Response(?:Error|Exception)$/

/** A code that is the status with a prefix of letters (`E.404`, `HTTP_404`, `ERR-500`): the status, spelled. */
function spellsStatus(code: unknown, status: number): boolean {
  return typeof code === 'string' && code.length <= 12 && STATUS_SPELLED.exec(code)?.[1] === String(status)
}

const STATUS_SPELLED = /^[A-Za-z]{1,8}[._-]?(\d{3})$/

/**
 * A code that is the status's own name (`UNAUTHORIZED` for 401), or says the input failed
 * validation for a 400 or 422 (`VALIDATION_ERROR`). Beside a `status`, it restates it; where the
 * code is the only carrier, as an RPC framework's `NOT_FOUND` is, it stays a code of its own.
 */
function namesStatus(code: unknown, status: number): boolean {
  if (typeof code !== 'string' || code.length > 40) return false
  if (statusOfName(code.toUpperCase()) === status) return true
  return (status === 400 || status === 422) && VALIDATION_FAILED.test(code)
}

/** Where SDKs keep the id an upstream gave the request they made. */
const REQUEST_ID_KEYS = ['requestID', 'requestId', 'request_id']

/**
 * The API's own errors that a client keeps beside the status it got (`errors: [{ message, code,
 * description }]`, or with `noneToo` an empty list: the API's answer listed none): not a
 * validator's issues (they have paths), nor errors our code gathered (they have stacks).
 */
export function keepsApiErrors(value: Probe, noneToo: boolean): boolean {
  if (!value.ownKeys.includes('errors')) return false
  const items = toArray(value.get('errors'), 1)
  if (items === undefined) return false
  const first = items[0]
  if (first === undefined) return noneToo && items.length === 0
  return (
    isObjectLike(first) &&
    typeof get(first, 'stack') !== 'string' &&
    (typeof get(first, 'message') === 'string' || typeof get(first, 'description') === 'string') &&
    !ISSUE_PATHS.some((key) => get(first, key) !== undefined)
  )
}

/** Where a validator's issue keeps the path of what it rejected. */
const ISSUE_PATHS = ['path', 'field', 'property', 'param', 'instancePath', 'dataPath', 'loc', 'key']

function keepsRequestId(value: Probe): boolean {
  return REQUEST_ID_KEYS.some((key) => value.ownKeys.includes(key) && typeof value.get(key) === 'string')
}

/** The upstream statuses whose answer's `Retry-After` the verdict keeps (see `upstreamStatusVerdict`). */
const RETRY_STATUSES = [420, 429, 503, 529]

/**
 * The upstream policy for a dependency's report of its upstream's `status`, with its `Retry-After`,
 * named `<family>:dependency:…`.
 */
export function dependencyVerdict(value: Probe, status: number, family: string): Verdict {
  // Only an overloaded upstream's answer has a header the verdict takes (`Retry-After`).
  const headers = RETRY_STATUSES.includes(status) ? answerHeadersOf(value, status) : undefined
  const verdict = upstreamStatusVerdict(status, headers, `${family}:dependency`)
  const seconds = value.get('retryAfter')
  const hinted = typeof seconds === 'number' && seconds > 0 && seconds <= 3600 && verdict.retryable === true
  return hinted && verdict.retryAfter === undefined ? { ...verdict, retryAfter: seconds } : verdict
}

import { createClassifier, classify as defaultClassify } from './classify.js'
import type { ClassifierOptions, Classify } from './create-classifier.js'
import { httpError } from './http-error.js'
import { adoptClassification } from './internal/build.js'
import { Made, withCause, withRule } from './internal/classification.js'
import { checkOptionNames } from './internal/options.js'
import type { Redactor } from './internal/redact.js'
import { messageOf } from './internal/safe.js'
import { settle } from './internal/settle.js'
import {
  createReporter,
  LOG_OPTIONS,
  type LogOptions,
  type LogReport,
  type LogTarget,
  redactorOf,
} from './log.js'
import { createRequestIdGenerator, resolveRequestId } from './request-id.js'
import {
  createSerializer,
  SERIALIZE_OPTIONS,
  type SerializedError,
  type SerializeOptions,
} from './serialize.js'
import type { Classification } from './types.js'

/** Options shared by every adapter. */
export interface ResponderOptions extends Omit<SerializeOptions, 'classify'>, LogOptions {
  /** A classifier, or the options to build one (user rules, overrides). @default classify */
  readonly classify?: Classify | ClassifierOptions
  /** The incoming header that may carry a request id; `false` to ignore incoming ids. @default 'x-request-id' */
  readonly requestIdHeader?: string | false
  /** Makes request ids. @default monotonic ULIDs */
  readonly generateRequestId?: () => string
  /** Sets RFC 9457 `instance` to the request path. @default false */
  readonly instance?: boolean
  /**
   * Called once per error response (404s included) with the log report and the classification,
   * before the report is logged: metrics, tracing (`openTelemetry()` of `http-triage/otel`), error
   * trackers. A hook that throws or rejects changes nothing. @default []
   */
  readonly report?: ReportHook | readonly ReportHook[]
}

/** A `report` hook. It may add fields to the report (`trace_id`, `span_id`) before it is logged. */
export type ReportHook = (report: LogReport, classification: Classification) => unknown

/** What an adapter knows of the request. */
export interface RequestInfo {
  readonly method?: string | undefined
  readonly path?: string | undefined
  /**
   * The route template that matched (`/orders/:id`), where the framework knows it; none for a 404.
   * A bounded value, for metrics: never the path.
   */
  readonly route?: string | undefined
  /** A request id the framework already assigned (`req.id`, Hono's `requestId`). */
  readonly id?: unknown
  /** Reads an incoming header, lower-case name. */
  readonly header?: ((name: string) => string | null | undefined) | undefined
  /** When the request started, in `Date.now()` milliseconds; the report then has `duration_ms`. */
  readonly startedAt?: number | undefined
  /** A logger for this request (Fastify's `request.log`), used when the `log` option is not set. */
  readonly log?: LogTarget | undefined
  /**
   * Whether the request's own connection or signal was aborted. Only then is a cancellation the
   * client's 499; with `false`, a cancellation the server made itself (aborting its own call to a
   * slow upstream) is the server's 500. Unknown (`undefined`): the classification stands. A function
   * is asked only for a cancellation (reading a request's `signal` can cost an `AbortController`).
   */
  readonly aborted?: boolean | (() => boolean | undefined) | undefined
  /**
   * The status the app set on the response before the error (`res.statusCode = 503; next(err)`,
   * Fastify's `reply.code(409)`). A 400–599 status stands when no rule recognised the error (rule
   * `response-status`); any other is ignored.
   */
  readonly status?: number | undefined
  /**
   * The response is already under way (headers sent): nothing can be written, the adapter ends the
   * connection. The error is still classified and logged, with `headers_sent: true` in the report and
   * `res.statusCode` the status that went out (`status`).
   */
  readonly headersSent?: boolean | undefined
}

/** A response to write. `body` is `null` for HEAD. */
export interface ErrorResponse {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string | null
  readonly requestId: string
  readonly classification: Classification
  readonly report: LogReport
}

/** Turns a thrown value and what is known of the request into a response, and logs it. Never throws. */
export type Responder = (error: unknown, request?: RequestInfo) => ErrorResponse

/**
 * The core of every adapter, for frameworks without one: classify, serialize, pick the request id,
 * log. Options are checked here, once.
 *
 * @example
 * import { createResponder } from 'http-triage'
 * const respond = createResponder({ log: console })
 * const { status, headers, body } = respond(error, { method: 'GET', path: '/x', header: (n) => req.headers[n] })
 */
export function createResponder(options: ResponderOptions = {}): Responder {
  return responderFor(options, 'createResponder()')
}

/** The names of `ResponderOptions`. */
const RESPONDER_OPTIONS: readonly string[] = [
  ...SERIALIZE_OPTIONS,
  ...LOG_OPTIONS,
  'requestIdHeader',
  'generateRequestId',
  'instance',
  'report',
] satisfies readonly (keyof ResponderOptions)[]

/** `createResponder` for an adapter: `where` names the adapter's function in setup errors. */
export function responderFor(options: ResponderOptions, where: string): Responder {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`http-triage: the options of ${where} must be an object`)
  }
  checkOptionNames(options, RESPONDER_OPTIONS, where)
  const {
    classify: classifyOption,
    requestIdHeader = 'x-request-id',
    generateRequestId,
    instance = false,
    log,
    clientErrorLevel,
    serverErrorLevel,
    redact,
    report: reportOption,
    ...serializeOptions
  } = options
  const classifier: Classify =
    classifyOption === undefined
      ? defaultClassify
      : typeof classifyOption === 'function'
        ? classifyOption
        : createClassifier(classifyOption)
  const serialize = createSerializer({ ...serializeOptions, classify: classifier })
  const hasOwnLog = log !== undefined
  const redactor = redactorOf(redact)
  const hooks = hooksOf(reportOption)
  const report = createReporter({
    ...(log === undefined ? {} : { log }),
    ...(clientErrorLevel === undefined ? {} : { clientErrorLevel }),
    ...(serverErrorLevel === undefined ? {} : { serverErrorLevel }),
  })
  if (
    requestIdHeader !== false &&
    (typeof requestIdHeader !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(requestIdHeader))
  ) {
    throw new TypeError('http-triage: `requestIdHeader` must be a header name or false')
  }
  if (generateRequestId !== undefined && typeof generateRequestId !== 'function') {
    throw new TypeError('http-triage: `generateRequestId` must be a function')
  }
  if (typeof instance !== 'boolean') throw new TypeError('http-triage: `instance` must be a boolean')
  const headerName = requestIdHeader === false ? undefined : requestIdHeader.toLowerCase()
  const generate = generateRequestId ?? createRequestIdGenerator()

  return function respond(error, request = {}) {
    try {
      return build(error, request)
    } catch {
      // Unreachable with the built-in pieces; kept so that an adapter always has an answer.
      return lastResort(error, generate, request, redactor)
    }
  }

  function build(error: unknown, request: RequestInfo): ErrorResponse {
    const incoming = headerName === undefined ? undefined : readHeader(request, headerName)
    const requestId = resolveRequestId([request.id, incoming], generate)
    const path = typeof request.path === 'string' ? request.path : undefined
    const context = instance && path !== undefined ? { requestId, instance: path } : { requestId }
    let out = serialize(error, context)
    if (out.status === CLIENT_CLOSED && abortedOf(request) === false) {
      out = serialize(ours(out.classification, classifier), context)
    }
    const preset = request.status
    if (out.classification.rule === 'fallback' && isErrorStatus(preset) && preset !== out.status) {
      out = serialize(presetStatus(preset, out.classification, classifier), context)
    }
    const sent = request.headersSent === true
    const method = typeof request.method === 'string' ? request.method : undefined
    const make = () => makeReport(error, out, request, method, path, sent, redactor)
    const logger = hasOwnLog ? log : request.log
    // With no hook and no logger, the report is made only if the adapter asks for it.
    if (hooks.length === 0 && (logger === undefined || logger === false)) {
      return new Answer(out, method === 'HEAD' ? null : JSON.stringify(out.body), make)
    }
    const entry = make()
    for (const hook of hooks) runHook(hook, entry)
    report(entry, hasOwnLog ? undefined : request.log)
    return new Answer(out, method === 'HEAD' ? null : JSON.stringify(out.body), entry)
  }
}

/** A response to write; its log report is made on first use when nothing needed it before. */
class Answer implements ErrorResponse {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string | null
  readonly requestId: string
  readonly classification: Classification
  #report: LogReport | (() => LogReport)

  constructor(out: SerializedError, body: string | null, report: LogReport | (() => LogReport)) {
    this.status = out.status
    this.headers = out.headers
    this.body = body
    this.requestId = out.requestId
    this.classification = out.classification
    this.#report = report
  }

  get report(): LogReport {
    if (typeof this.#report === 'function') this.#report = this.#report()
    return this.#report
  }
}

/**
 * The log report of one error response. It holds redacted copies (its `err`, the cause of its
 * classification), made when something reads them: with no logger and no hook, never.
 */
function makeReport(
  error: unknown,
  out: SerializedError,
  request: RequestInfo,
  method: string | undefined,
  path: string | undefined,
  sent: boolean,
  redactor: Redactor | undefined,
): LogReport {
  const classification = out.classification
  const preset = request.status
  // The redacted copies, made now: whatever takes a report (a logger, a hook) reads them, and a
  // literal with getters is a slow object for V8 (about half a microsecond to make).
  const copy = redactor?.()
  const cause = copy ? copy(classification.cause) : classification.cause
  const entry: { -readonly [K in keyof LogReport]: LogReport[K] } = {
    err: copy ? copy(error) : error,
    req: requestOf(method, path),
    res: { statusCode: sent && typeof preset === 'number' ? preset : out.status },
    status: out.status,
    code: classification.code,
    rule: classification.rule,
    retryable: classification.retryable,
    request_id: out.requestId,
    classification: cause === classification.cause ? classification : withCause(classification, cause),
  }
  if (sent) entry.headers_sent = true
  const route = typeof request.route === 'string' && request.route !== '' ? request.route : undefined
  if (route !== undefined) entry.route = route.slice(0, 256)
  if (typeof request.startedAt === 'number') entry.duration_ms = Math.max(0, Date.now() - request.startedAt)
  return entry
}

const CLIENT_CLOSED = 499

/** Whether the request was aborted, asking a function form only now; `undefined` if unknown. */
function abortedOf(request: RequestInfo): boolean | undefined {
  const { aborted } = request
  if (typeof aborted !== 'function') return aborted
  try {
    const answer = aborted()
    return typeof answer === 'boolean' ? answer : undefined
  } catch {
    return undefined
  }
}

function hooksOf(option: ResponderOptions['report']): readonly ReportHook[] {
  if (option === undefined) return []
  const hooks = typeof option === 'function' ? [option] : option
  if (!Array.isArray(hooks) || !hooks.every((hook) => typeof hook === 'function')) {
    throw new TypeError('http-triage: `report` must be a function or an array of functions')
  }
  return [...hooks]
}

/** Calls a hook; one that throws, or returns a promise that rejects, changes nothing. */
function runHook(hook: ReportHook, report: LogReport): void {
  try {
    settle(hook(report, report.classification))
  } catch {
    // A hook that throws must never change the response.
  }
}

/**
 * A cancellation while the client is still connected was the server's own doing: our 500, with
 * the rule that recognised it (`fetch:abort`, `upstream:axios:ERR_CANCELED` …) and the same cause.
 */
function ours(c: Classification, classifier: Classify): Made {
  let fallback = classifyGuarded(classifier, undefined)
  if (fallback.status !== 500) fallback = defaultClassify(undefined) as Made
  return withRule(fallback, c.rule, c.cause)
}

/**
 * The app's classifier on a value of the library's own making (its answer checked as `serialize`
 * checks it); the default one's if it throws or answers no classification.
 */
function classifyGuarded(classifier: Classify, value: unknown): Made {
  try {
    const answer = classifier(value)
    const made = Made.is(answer) ? answer : adoptClassification(answer)
    if (made) return made
  } catch {
    // the default classifier answers
  }
  return defaultClassify(value) as Made
}

function isErrorStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599
}

/**
 * The status the app chose before the error, for an error no rule recognised (finalhandler and
 * Fastify answer with it too): that status's code and title, for a 4xx the error's message, through
 * the app's classifier (its overrides of codes apply), rule `response-status`, the same cause.
 */
function presetStatus(status: number, c: Classification, classifier: Classify): Made {
  // A 4xx the app chose for this error shows its message, as a status carried by the error would.
  const chosen = httpError(status, (status < 500 && messageOf(c.cause)) || undefined)
  return withRule(classifyGuarded(classifier, chosen), 'response-status', c.cause)
}

/** Whether the request is a HEAD, read without trusting the request info. */
function isHead(request: RequestInfo): boolean {
  try {
    return request.method === 'HEAD'
  } catch {
    return false
  }
}

function requestOf(method: string | undefined, url: string | undefined): LogReport['req'] {
  const req: { method?: string; url?: string } = {}
  if (method !== undefined) req.method = method
  if (url !== undefined) req.url = url
  return req
}

function readHeader(request: RequestInfo, name: string): string | undefined {
  try {
    const value = request.header?.(name)
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

function lastResort(
  error: unknown,
  generate: () => string,
  request: RequestInfo,
  redactor: Redactor | undefined,
): ErrorResponse {
  const classification = defaultClassify(undefined)
  const requestId = resolveRequestId([], generate)
  const body = {
    type: 'about:blank',
    title: classification.title,
    status: 500,
    detail: classification.message,
    code: classification.code,
    request_id: requestId,
  }
  return {
    status: 500,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'x-request-id': requestId,
    },
    body: isHead(request) ? null : JSON.stringify(body),
    requestId,
    classification,
    report: {
      err: redactor ? redactor()(error) : error,
      req: {},
      res: { statusCode: 500 },
      status: 500,
      code: classification.code,
      rule: 'fallback',
      retryable: false,
      request_id: requestId,
      classification,
    },
  }
}

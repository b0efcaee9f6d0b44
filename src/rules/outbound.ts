import { isReasonPhrase, statusOfReasonPhrase } from '../codes.js'
import { family } from '../internal/family.js'
import { endsAsClass, isErrorKey, nameWords } from '../internal/name-words.js'
import type { Probe } from '../internal/probe.js'
import { keepsApiErrors, whoMade } from '../internal/provenance.js'
import { get, getString, isObjectLike, toArray } from '../internal/safe.js'
import { statusOfName } from '../internal/status-names.js'
import { contentionOf, meaningOf, messageMeaningOf } from '../internal/transient.js'
import { headersOf, isUpstreamHeaders, upstreamStatusVerdict } from '../internal/upstream-status.js'
import { BAD_GATEWAY } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

/**
 * Where clients keep the upstream's response (a `Response`, axios-like or Node-like objects); and
 * `raw`, when it is a response with a status.
 */
const RESPONSE_KEYS = ['response', 'res', 'meta', 'rawResponse', 'httpResponse'] as const
/** Where clients may keep the upstream's response, among other things. */
const LOOSE_RESPONSE_KEYS = ['raw', 'context'] as const
/** Where clients keep the request they sent: its URL says the call was ours. */
const REQUEST_KEYS = ['request', 'config', 'options', 'requestOptions', 'request_options'] as const
/** Where clients keep the body an upstream answered with (beside a status of the error itself). */
const BODY_KEYS = ['httpBody', 'responseBody', 'rawBody'] as const
/** Where an API's body keeps its error object, or the status beside its code and words. */
const API_ERROR_KEYS = ['error', 'data'] as const
/** Where API clients keep the link to the remote API's documentation of the error. */
const DOC_KEYS = ['moreInfo', 'more_info', 'documentation_url', 'doc_url', 'docUrl'] as const
const ABSOLUTE_URL = /^https?:\/\//i

const WEAK: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'outbound', weak: true })

/**
 * Errors of calls our server made, whatever client or SDK made them, recognised by their evidence:
 * a response with a status, the request or its absolute URL, an upstream's response headers, the
 * body it answered (`httpBody`, or a `body` still to be read: a stream), or a link to the remote
 * API's documentation of the error.
 * They follow the upstream policy: the upstream's status is never passed through (a 4xx is 500,
 * 408 504, 429 503, a 5xx 502, 503 and 529 503, 504 504), and without a status the failure's
 * meaning decides (refused 503, timed out 504), or the cause does.
 */
export const outboundRule = family({
  name: 'outbound',
  triggers: {
    keys: [
      ...RESPONSE_KEYS,
      ...REQUEST_KEYS,
      ...BODY_KEYS,
      ...DOC_KEYS,
      'url',
      'headers',
      'isBoom',
      'raw',
      'context',
      'success',
      'ok',
      'data',
    ],
    lateAlways: true,
    // An answer a client keeps under a key named for an error (`oauthError: { statusCode, data }`).
    keySuffixes: ['Error'],
    // A status of the error's own, for the evidence that sits beside it (an API's error number, a
    // record of the attempts).
    present: ['response', 'request', 'status', 'statusCode'],
  },
  read(value) {
    // A Boom made by an HTTP client keeps the response it got in its `data`.
    const boomData = value.ownKeys.includes('isBoom') ? value.at('data') : undefined
    if (boomData === undefined ? isAppMade(value) : findResponse(boomData).response === undefined) {
      return undefined
    }
    const found = findResponse(boomData ?? value)
    const { answered, hasResponseKey } = found
    const response = hasResponseKey ? found.response : (lastAttempt(value) ?? keptAnswer(value))
    const ownHeaders = answered ? answered.get('headers') : headersOf(value)
    const evidence =
      response !== undefined ||
      isEnvelope(value) ||
      sentRequest(value) ||
      isAbsoluteUrl(value.get('url')) ||
      isUpstreamHeaders(ownHeaders) ||
      BODY_KEYS.some((key) => value.ownKeys.includes(key)) ||
      DOC_KEYS.some((key) => value.ownKeys.includes(key) && isAbsoluteUrl(value.get(key))) ||
      answered !== undefined ||
      hasErrorNumber(value) ||
      isExchangeRecord(value) ||
      answersWithApiErrors(value) ||
      (value.ownKeys.includes('body') && isStream(value.at('body')))
    if (!evidence) return undefined
    // The response decides where there is one; a status of the error itself (an SDK's `status`,
    // or a numeric `code` in 400–599) counts only where the client keeps no response, never the
    // status a client made up for a call that got none; a class named for a status (`ForbiddenError`)
    // was named for the answer it got.
    const status = response
      ? statusOf(response)
      : hasResponseKey && answered === undefined
        ? statusOfClass(value)
        : (statusOf(value) ?? statusInCode(value) ?? statusOfApiError(value) ?? statusOfClass(value))
    if (status !== undefined && (status < 200 || status >= 300)) {
      // A 409 whose words say a transaction lost to a concurrent one: contention, not our mistake.
      const contention = status === 409 ? contentionOf(value, 'outbound') : undefined
      if (contention !== undefined) return contention
      const headers = response ? response.get('headers') : ownHeaders
      const verdict = upstreamStatusVerdict(status, headers, 'outbound')
      return verdict.retryable === true && verdict.retryAfter === undefined
        ? (withOwnWait(verdict, value) ?? withCausesWait(verdict, value, status))
        : verdict
    }
    // A GraphQL upstream answers its errors with a 200: the first error's `extensions.code` names
    // the status it means (`UNAUTHENTICATED`: our credentials were refused).
    const named = graphQLStatus(response ?? value, value)
    if (named !== undefined) {
      return upstreamStatusVerdict(named, response ? response.get('headers') : ownHeaders, 'outbound:graphql')
    }
    // A 2xx the client received and then rejected (its check of the answer's shape failed): the
    // answer was unusable, whatever the client's own check says in a cause.
    if (status !== undefined) return meaningOf(value, 'outbound') ?? UNUSABLE_ANSWER
    return meaningOf(value, 'outbound') ?? messageMeaningOf(value, 'outbound') ?? WEAK
  },
  // Late, for an error nothing recognised: the answer a client keeps under a hidden `res`, which
  // no trigger sees (the index lists enumerable keys only), or only its status line's words.
  late: (value) => hiddenAnswer(value) ?? statusLine(value),
})

/**
 * An error whose whole message is an error status's reason phrase ("Too Many Requests", "Internal
 * Server Error"), made by a dependency on its own after waiting: a client's
 * `Error(res.statusMessage)`, the status line of the answer it got (the upstream policy). The
 * application's own `Error('Not Found')` has a frame of the application.
 */
function statusLine(value: Probe): Verdict | undefined {
  const message = value.message
  if (message === undefined || message.length < 6 || message.length > 40) return undefined
  const first = message.charCodeAt(0)
  if (first < 65 || first > 90) return undefined
  const status = statusOfReasonPhrase(message)
  if (status === undefined || status < 400) return undefined
  return whoMade(value.get('stack'), message) === 'dependency'
    ? upstreamStatusVerdict(status, headersOf(value), 'outbound')
    : undefined
}

/**
 * An answer received over Node's `http` (an `IncomingMessage`: a status and the HTTP version it
 * came in) that a client keeps under a non-enumerable `res`, beside an error it made reading it
 * ("Unknown tag 'TITLE'", a proxy's HTML error page read as XML): the upstream policy. A 2xx
 * answer that could not be read is a bad reply (502); one that was read and reported a fault with a
 * code says no more than its code. Our own `ServerResponse` has no version.
 */
function hiddenAnswer(value: Probe): Verdict | undefined {
  if (value.ownKeys.includes('res')) return undefined // enumerable: the family's `read` had it
  const res = value.get('res')
  if (res === undefined || typeof get(res, 'httpVersion') !== 'string') {
    return value.constructorName === 'Object' ? hiddenMetadata(value) : undefined
  }
  const status = get(res, 'statusCode')
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599)
    return undefined
  if (status >= 300) return upstreamStatusVerdict(status, get(res, 'headers'), 'outbound')
  // A 2xx answer the client read, and found a fault in (a remote call's fault with its code): not a bad reply.
  return value.get('code') === undefined ? UNUSABLE_ANSWER : undefined
}

const UNUSABLE_ANSWER: Verdict = Object.freeze({ ...BAD_GATEWAY, rule: 'outbound:2xx' })

/** How many hidden keys of a plain object are looked into for an answer's record. */
const MAX_HIDDEN_KEYS = 8

/**
 * An answer's body rejected as it was parsed (a plain object), with the answer's status and
 * headers kept under a key that is not enumerable (`$ResponseMetadata: { statusCode, headers }`):
 * the upstream policy. The headers must be an upstream's, so a status alone says nothing.
 */
function hiddenMetadata(value: Probe): Verdict | undefined {
  const keys = value.hiddenKeys
  for (let i = 0; i < keys.length && i < MAX_HIDDEN_KEYS; i++) {
    const held = value.at(keys[i] as string)
    if (!held.isObject) continue
    const status = statusOf(held)
    const headers = held.get('headers')
    if (status !== undefined && status >= 300 && isUpstreamHeaders(headers))
      return upstreamStatusVerdict(status, headers, 'outbound')
  }
  return undefined
}

/** The wait in seconds a client kept of the answer's `Retry-After` (`retryAfter: 7`), where it dropped the headers. */
function withOwnWait(verdict: Verdict, value: Probe): Verdict | undefined {
  const seconds = value.get('retryAfter')
  return typeof seconds === 'number' && seconds > 0 && seconds <= 3600
    ? { ...verdict, retryAfter: Math.ceil(seconds) }
    : undefined
}

/**
 * A wrapper that restates its client error's status without its headers (`{ status: 429, cause:
 * AxiosError }`): the `Retry-After` of the cause's response, when it answered the same status.
 */
function withCausesWait(verdict: Verdict, value: Probe, status: number): Verdict {
  const cause = value.at('cause')
  if (!cause.isObject) return verdict
  const { response } = findResponse(cause)
  if (response === undefined || statusOf(response) !== status) return verdict
  const waited = upstreamStatusVerdict(status, response.get('headers'), 'outbound')
  return waited.retryAfter === undefined ? verdict : { ...verdict, retryAfter: waited.retryAfter }
}

/**
 * The status named by the `extensions.code` of the first GraphQL error an upstream answered: in
 * the response's `errors` (GraphQL over HTTP), or the client's `graphQLErrors`.
 */
function graphQLStatus(response: Probe, value: Probe): number | undefined {
  const first = toArray(response.get('errors'), 1)?.[0] ?? toArray(value.get('graphQLErrors'), 1)?.[0]
  const code = get(get(first, 'extensions'), 'code')
  return typeof code === 'string' ? statusOfName(code) : undefined
}

/** Errors an application made for its own answer: they carry a status for us, not an upstream's. */
function isAppMade(value: Probe): boolean {
  return (
    typeof value.get('expose') === 'boolean' ||
    typeof value.get('getStatus') === 'function' ||
    typeof value.get('getResponse') === 'function'
  )
}

/**
 * The response a value holds under one of `RESPONSE_KEYS`: one with a status, or one with only an
 * upstream's headers (`answered`: the error's own status is its), and whether such a key is there.
 */
function findResponse(holder: Probe): { response?: Probe; answered?: Probe; hasResponseKey: boolean } {
  if (!holder.isObject) return { hasResponseKey: false }
  for (const key of RESPONSE_KEYS) {
    if (!carries(holder, key)) continue
    let candidate = holder.at(key)
    // A client's record of the exchange that keeps the response itself (`meta: { response }`).
    if (key !== 'response' && candidate.isObject && !isResponse(candidate)) {
      const inner = candidate.at('response')
      if (isResponse(inner)) candidate = inner
    }
    if (isResponse(candidate)) {
      if (statusOf(candidate) !== undefined) return { response: candidate, hasResponseKey: true }
      if (isUpstreamHeaders(candidate.get('headers'))) return { answered: candidate, hasResponseKey: true }
    }
    return { hasResponseKey: true }
  }
  // `raw` and `context` are a client's response only when they are one, with a status (they also
  // hold raw bodies, the call's data and wrapped errors).
  for (const key of LOOSE_RESPONSE_KEYS) {
    if (!holder.ownKeys.includes(key)) continue
    const held = holder.at(key)
    if (isResponse(held) && statusOf(held) !== undefined) return { response: held, hasResponseKey: true }
  }
  return { hasResponseKey: false }
}

/** Whether the value has `key`: an own key (even `undefined`), or a value read (clients hide theirs). */
function carries(value: Probe, key: string): boolean {
  return value.ownKeys.includes(key) || value.get(key) !== undefined
}

/** Where clients keep a status: a response's, or an error's own copy of its upstream's. */
const STATUS_KEYS = [
  'status',
  'statusCode',
  'status_code',
  'httpStatus',
  'httpStatusCode',
  'http_status_code',
  'http_code',
  // An API envelope's own copy of the status (`{ success: false, errorCode: 429 }`).
  'errorCode',
  'error_code',
]

function statusOf(value: Probe): number | undefined {
  for (const key of STATUS_KEYS) {
    const status = value.get(key)
    if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599)
      return status
  }
  return undefined
}

/**
 * The response of the last attempt a client recorded: an own list (at most the first 16 own keys
 * are looked at) whose last item holds the `request` made and the `response` it got.
 */
function lastAttempt(value: Probe): Probe | undefined {
  const keys = value.ownKeys
  for (let i = 0; i < keys.length && i < 16; i++) {
    const list = value.at(keys[i] as string)
    if (!list.isArray) continue
    const length = list.get('length')
    if (typeof length !== 'number' || length < 1) continue
    const attempt = list.at(length - 1)
    if (attempt.get('request') === undefined) continue
    const response = attempt.at('response')
    if (response.isObject && isResponse(response)) return response
  }
  return undefined
}

/**
 * An answer a client keeps under a key named for an error: not an error (no message) but a status
 * with the body it came with (`oauthError: { statusCode: 503, data: 'Service Unavailable' }`, as the
 * OAuth client under many login strategies reports a token endpoint's answer). At most the first
 * 16 own keys are looked at.
 */
function keptAnswer(value: Probe): Probe | undefined {
  const keys = value.ownKeys
  for (let i = 0; i < keys.length && i < 16; i++) {
    const key = keys[i] as string
    if (!isErrorKey(key)) continue
    const kept = value.at(key)
    if (!kept.isObject || kept.get('message') !== undefined) continue
    const status = statusOf(kept)
    if (status === undefined || status < 400) continue
    if (kept.ownKeys.includes('data') || kept.ownKeys.includes('body')) return kept
  }
  return undefined
}

/**
 * Whether a value is a body still to be read (a Web `ReadableStream`, a Node `Readable`): only a
 * response has one; an application's error carries what it means to say.
 */
function isStream(value: Probe): boolean {
  if (!value.isObject) return false
  return (
    typeof value.get('getReader') === 'function' ||
    (typeof value.get('pipe') === 'function' && typeof value.get('on') === 'function')
  )
}

/**
 * An API's own error number beside the HTTP status (`{ statusCode: 401, code: 10 }`; in an answer's
 * body thrown as it was parsed, also `errorCode` or `error_code`): the status is that API's answer
 * to us. An app's HTTP errors carry no number, or the status itself.
 */
function hasErrorNumber(value: Probe): boolean {
  const status = statusOf(value)
  if (status === undefined) return false
  if (isErrorNumber(value.get('code'), status)) return true
  if (value.constructorName !== 'Object') return false
  const keys = value.ownKeys
  return (
    (keys.includes('errorCode') && isErrorNumber(value.get('errorCode'), status)) ||
    (keys.includes('error_code') && isErrorNumber(value.get('error_code'), status))
  )
}

const isErrorNumber = (code: unknown, status: number): boolean =>
  typeof code === 'number' && Number.isInteger(code) && code !== status

/**
 * The status of the API's own error that a client keeps under `error` (`{ error: { message,
 * http_code: 429 } }`, the error object an API answered with) or `data` (`{ code, message, data:
 * { status } }`), beside the evidence of the call.
 */
function statusOfApiError(value: Probe): number | undefined {
  for (const key of API_ERROR_KEYS) {
    if (!value.ownKeys.includes(key)) continue
    const error = value.at(key)
    const status = error.isObject ? statusOf(error) : undefined
    if (status !== undefined) return status
  }
  return undefined
}

/**
 * The status a client's class is named for (`ForbiddenError`, `RepositoryNotFoundError`,
 * `TooManyRequestsException`), where it keeps no status: the answer it was made for.
 */
function statusOfClass(value: Probe): number | undefined {
  return statusOfClassName(value.name) ?? statusOfClassName(value.constructorName)
}

function statusOfClassName(name: string | undefined): number | undefined {
  const words = nameWords(name)
  if (words === undefined || !endsAsClass(words)) return undefined
  // The longest status name the words end with, the class's ending kept (`INTERNAL_SERVER_ERROR`)
  // or left out (`NOT_FOUND` of `REPOSITORY_NOT_FOUND_ERROR`). A client's `ParseError` is its own
  // failure to read an answer, not the JSON-RPC code for a request the upstream could not parse.
  const all = words.split('_')
  for (const parts of [all, all.slice(0, -1)]) {
    for (let i = 0; i < parts.length; i++) {
      const named = parts.slice(i).join('_')
      const status = named === 'PARSE_ERROR' ? undefined : statusOfName(named)
      if (status !== undefined) return status
    }
  }
  return undefined
}

/**
 * A client's record of an exchange, thrown as it is: not an error (no message of its own) but a
 * status beside the `exception` the exchange ended in (the API's error body, or the client's
 * error). An answer made for our client carries what to say, never an exception.
 */
function isExchangeRecord(value: Probe): boolean {
  return (
    value.ownKeys.includes('exception') &&
    typeof value.get('message') !== 'string' &&
    statusOf(value) !== undefined
  )
}

/**
 * An error that says no more than a status line (its message is the status's reason phrase) and
 * keeps the API's own errors that came with it (`errors: [{ message, code, description }]`, no
 * path: not a validator's issues): an answer our call got.
 */
function answersWithApiErrors(value: Probe): boolean {
  const status = statusOf(value)
  return status !== undefined && isReasonPhrase(value.get('message'), status) && keepsApiErrors(value, false)
}

/** A numeric `code` that is an error status (4xx, 5xx): some clients keep the upstream's there. */
function statusInCode(value: Probe): number | undefined {
  const code = value.get('code')
  return typeof code === 'number' && Number.isInteger(code) && code >= 400 && code <= 599 ? code : undefined
}

/**
 * An answer's body thrown as it was parsed: a plain object in an API's envelope that says the call
 * failed (`{ success: false, error, errorCode: 429 }`, `{ ok: false, error_code: 503 }`, `{ status:
 * 'error', httpStatus: 400 }` with a status beside the word), a token endpoint's OAuth 2.0 error
 * beside the status (`{ error: 'invalid_client', status: 401, statusText: 'Unauthorized' }`), that
 * keeps the status under `data` beside its code and words (`{ code, message, data: { status: 500 } }`,
 * a WordPress-style error), or that
 * keeps the API's error object beside the status (`{ statusCode: 400, error: { code, description } }`).
 * The application's own `throw { status: 404 }` has no such envelope, and a framework's answer
 * names its error in words (`{ statusCode: 404, error: 'Not Found', message }`).
 */
function isEnvelope(value: Probe): boolean {
  if (value.constructorName !== 'Object') return false
  const keys = value.ownKeys
  return (
    (keys.includes('success') && value.get('success') === false) ||
    (keys.includes('ok') && value.get('ok') === false) ||
    (isFailedStatus(value.get('status')) && statusOf(value) !== undefined) ||
    (keys.includes('error') && isOAuthError(value.get('error')) && statusOf(value) !== undefined) ||
    (keys.includes('data') &&
      typeof value.get('code') === 'string' &&
      statusOfApiError(value) !== undefined) ||
    (keys.includes('error') && isApiError(value.at('error')))
  )
}

/**
 * The error codes of an OAuth 2.0 token endpoint's answer (RFC 6749 §5.2, RFC 8628 §3.5): our server
 * is the client of an authorization server there (an application answers with its own words).
 */
const OAUTH_ERRORS: ReadonlySet<unknown> = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'access_denied',
  'server_error',
  'temporarily_unavailable',
  'authorization_pending',
  'slow_down',
  'expired_token',
])
const isOAuthError = (error: unknown): boolean => OAUTH_ERRORS.has(error)

/** An envelope's word for a call that failed, in place of a number (`{ status: 'error', httpStatus: 400 }`). */
const isFailedStatus = (status: unknown): boolean => status === 'error' || status === 'fail'

/**
 * An API's error object, as its body holds it: a plain object with a code or type of the API's own
 * and the words for it (`{ code: 'BAD_REQUEST_ERROR', description }`, `{ type, message }`).
 */
function isApiError(error: Probe): boolean {
  return (
    error.constructorName === 'Object' &&
    (typeof error.get('code') === 'string' || typeof error.get('type') === 'string') &&
    (typeof error.get('description') === 'string' || typeof error.get('message') === 'string')
  )
}

/** A response object: one with headers or a body, or a `Response` (`ok`, `statusText`). */
function isResponse(value: Probe): boolean {
  if (!value.isObject) return false
  return ['headers', 'header', 'body', 'data', 'text', 'statusText', 'ok'].some(
    (key) => value.get(key) !== undefined,
  )
}

/**
 * The request we sent: an absolute URL, as a string or in a request, config or options object, or
 * the options of Node's `http.request` (a host to call and the path or method to call it with).
 */
function sentRequest(value: Probe): boolean {
  for (const key of REQUEST_KEYS) {
    if (!carries(value, key)) continue
    const request = value.get(key)
    if (isAbsoluteUrl(request)) return true
    if (!isObjectLike(request)) continue
    for (const field of ['url', 'baseURL', 'baseUrl', 'href', 'origin']) {
      if (isAbsoluteUrl(getString(request, field))) return true
    }
    if (isNodeRequestOptions(request)) return true
  }
  return false
}

function isNodeRequestOptions(request: object): boolean {
  const host = getString(request, 'hostname') ?? getString(request, 'host')
  return (
    host !== undefined &&
    host !== '' &&
    (getString(request, 'path')?.startsWith('/') === true || getString(request, 'method') !== undefined)
  )
}

function isAbsoluteUrl(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 4096 && ABSOLUTE_URL.test(value)
}

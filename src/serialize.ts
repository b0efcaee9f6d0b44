import { classify as defaultClassify } from './classify.js'
import { CODE_PATTERN, messageForStatus, titleForStatus } from './codes.js'
import { CLASSIFICATION_BRAND, type Classify, isTrustedClassifier } from './create-classifier.js'
import { type DebugInfo, type FormatContext, type Formatter, jsonBody, problemBody } from './formats.js'
import { isSafeHeaderValue } from './internal/headers.js'
import { checkOptionNames } from './internal/options.js'
import { get, getString, isObjectLike, messageOf, nameOf } from './internal/safe.js'
import { DEFAULT_MAX_TEXT, sanitizeText } from './internal/text.js'
import { withoutCause } from './internal/without-cause.js'
import { createRequestIdGenerator, isValidRequestId } from './request-id.js'
import type { Classification } from './types.js'

/** Options of `serialize` and `createSerializer`. */
export interface SerializeOptions {
  /** The body shape: RFC 9457 Problem Details, plain JSON, or a function of your own. @default 'problem' */
  readonly format?: 'problem' | 'json' | Formatter
  /** A base URI for the Problem Details `type`: `${typeBase}${code in kebab-case}`. @default 'about:blank' for every type */
  readonly typeBase?: string
  /** Adds the stack and cause chain to the body. For local development only; never read from the environment. @default false */
  readonly debug?: boolean
  /** The cap on the message in the body, in characters. @default 1024 */
  readonly maxMessageLength?: number
  /** The classifier to use for thrown values. @default classify */
  readonly classify?: Classify
}

/** The names of `SerializeOptions`. */
export const SERIALIZE_OPTIONS = [
  'format',
  'typeBase',
  'debug',
  'maxMessageLength',
  'classify',
] as const satisfies readonly (keyof SerializeOptions)[]

/** What varies per response. */
export interface SerializeContext {
  /** The request id; a new ULID when missing or invalid. */
  readonly requestId?: string
  /** RFC 9457 `instance`: a URI reference for this occurrence, e.g. the request path. */
  readonly instance?: string
}

/** A response, ready to write: lower-case header names, a JSON-safe body. */
export interface SerializedError {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: unknown
  readonly classification: Classification
  readonly requestId: string
}

/** Serializes a thrown value (or a classification) with the options given once. */
export type Serializer = (errorOrClassification: unknown, context?: SerializeContext) => SerializedError

const CONTENT_TYPES = { problem: 'application/problem+json', json: 'application/json' } as const

/**
 * Creates a serializer; the options are checked here, once, so a mistake fails at start-up.
 *
 * @example
 * import { createSerializer } from 'http-triage'
 * const toBody = createSerializer({ format: 'json' })
 * const { status, headers, body } = toBody(error, { requestId })
 */
export function createSerializer(options: SerializeOptions = {}): Serializer {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('http-triage: serialize options must be an object')
  }
  checkOptionNames(options, SERIALIZE_OPTIONS, 'createSerializer()')
  const format = options.format ?? 'problem'
  if (format !== 'problem' && format !== 'json' && typeof format !== 'function') {
    throw new TypeError(
      `http-triage: \`format\` must be 'problem', 'json' or a function, got ${String(format)}`,
    )
  }
  const typeBase = options.typeBase
  if (typeBase !== undefined && (typeof typeBase !== 'string' || !isSafeHeaderValue(typeBase))) {
    throw new TypeError('http-triage: `typeBase` must be a URI string, e.g. "https://example.com/problems/"')
  }
  const maxMessageLength = options.maxMessageLength ?? DEFAULT_MAX_TEXT
  if (!Number.isInteger(maxMessageLength) || maxMessageLength < 1) {
    throw new RangeError('http-triage: `maxMessageLength` must be a positive integer')
  }
  if (options.debug !== undefined && typeof options.debug !== 'boolean') {
    throw new TypeError('http-triage: `debug` must be a boolean')
  }
  const classifier = options.classify ?? defaultClassify
  if (typeof classifier !== 'function') throw new TypeError('http-triage: `classify` must be a function')
  const debug = options.debug === true
  const formatter: Formatter = format === 'problem' ? problemBody : format === 'json' ? jsonBody : format
  const contentType = format === 'problem' ? CONTENT_TYPES.problem : CONTENT_TYPES.json
  const trusted = classifier === defaultClassify || isTrustedClassifier(classifier)
  let nextId: (() => string) | undefined

  return function serialize(value, context = {}) {
    const classification = toClassification(value, classifier, trusted)
    let requestId = context.requestId
    if (!isValidRequestId(requestId)) {
      nextId ??= createRequestIdGenerator()
      requestId = nextId()
    }
    const ctx: { -readonly [K in keyof FormatContext]: FormatContext[K] } = {
      requestId,
      // The classifier's own messages are clean already; only a shorter cap cuts them again.
      message:
        trusted && classification.message.length <= maxMessageLength
          ? classification.message
          : sanitizeText(classification.message, maxMessageLength),
      type:
        typeBase === undefined
          ? 'about:blank'
          : `${typeBase}${classification.code.toLowerCase().replaceAll('_', '-')}`,
    }
    if (typeof context.instance === 'string') ctx.instance = sanitizeText(context.instance, 512)

    let body: unknown
    let type = contentType
    try {
      if (formatter === problemBody || formatter === jsonBody) body = formatter(classification, ctx)
      else {
        // A custom formatter gets the classification without `cause` (the thrown value), so that
        // spreading it into a body cannot copy the error.
        body = formatter(withoutCause(classification), ctx)
        body = JSON.parse(JSON.stringify(body) ?? 'null')
      }
    } catch {
      // A custom formatter that throws, or returns what JSON cannot hold, gets the default body.
      body = problemBody(classification, ctx)
      type = CONTENT_TYPES.problem
    }
    if (debug && isObjectLike(body) && !Array.isArray(body)) {
      ;(body as { debug?: DebugInfo }).debug = debugInfo(
        value === classification ? classification.cause : value,
      )
    }

    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'x-request-id': requestId,
    }
    const extra = classification.headers
    for (const name in extra) {
      if (!Object.hasOwn(extra, name)) continue
      const headerValue = extra[name]
      if (typeof headerValue === 'string' && isSafeHeaderValue(headerValue) && !(name in headers)) {
        headers[name] = headerValue
      }
    }
    return { status: classification.status, headers, body, classification, requestId }
  }
}

/**
 * Serializes a thrown value (or the result of `classify`) into a status, headers and a safe body.
 * A 5xx body holds the generic title and message, the code and the request id: nothing of the error.
 *
 * @example
 * import { serialize } from 'http-triage'
 * const { status, headers, body } = serialize(error, { requestId: 'req-1', format: 'problem' })
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export function serialize(errorOrClassification: unknown, options: SerializeOptions & SerializeContext = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('http-triage: serialize options must be an object')
  }
  checkOptionNames(options, SERIALIZE_CALL_OPTIONS, 'serialize()')
  const { requestId, instance, ...rest } = options
  const context: { requestId?: string; instance?: string } = {}
  if (requestId !== undefined) context.requestId = requestId
  if (instance !== undefined) context.instance = instance
  // Without serializer options, the one default serializer (built once, on first use) serves.
  let hasOptions = false
  for (const key in rest)
    if (Object.hasOwn(rest, key) && rest[key as keyof typeof rest] !== undefined) hasOptions = true
  if (hasOptions) return createSerializer(rest)(errorOrClassification, context)
  defaultSerializer ??= createSerializer()
  return defaultSerializer(errorOrClassification, context)
}

let defaultSerializer: Serializer | undefined

const SERIALIZE_CALL_OPTIONS = [...SERIALIZE_OPTIONS, 'requestId', 'instance']

/** A classification made by a classifier is used as it is (after a check); anything else is classified. */
function toClassification(value: unknown, classifier: Classify, trusted: boolean): Classification {
  if (get(value, CLASSIFICATION_BRAND) === true && isSound(value)) return value as Classification
  try {
    const c = classifier(value)
    if (trusted || isSound(c)) return c
  } catch {
    // a user-supplied classifier that throws falls through to the safe answer
  }
  return defaultClassify(value)
}

/** Whether a classification holds what the serializer writes, with the types it expects. */
function isSound(c: unknown): c is Classification {
  const status = get(c, 'status')
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) return false
  const code = getString(c, 'code')
  if (code === undefined || !CODE_PATTERN.test(code)) return false
  if (getString(c, 'title') !== titleForStatus(status)) return false
  const message = getString(c, 'message')
  if (message === undefined || (status >= 500 && message !== messageForStatus(status))) return false
  return isObjectLike(get(c, 'headers'))
}

const MAX_DEBUG_CAUSES = 8

function debugInfo(value: unknown): DebugInfo {
  const info: DebugInfo = {
    name: nameOf(value) ?? typeof value,
    message: sanitizeText(messageOf(value) ?? safeString(value), 4096),
    causes: [],
  }
  const stack = getString(value, 'stack')
  if (stack !== undefined) info.stack = stack.slice(0, 16_384)
  const seen = new Set<unknown>([value])
  let cause = get(value, 'cause')
  while (cause !== undefined && info.causes.length < MAX_DEBUG_CAUSES && !seen.has(cause)) {
    seen.add(cause)
    info.causes.push({
      name: nameOf(cause) ?? typeof cause,
      message: sanitizeText(messageOf(cause) ?? safeString(cause), 4096),
    })
    cause = get(cause, 'cause')
  }
  return info
}

function safeString(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return ''
}

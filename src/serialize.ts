import { classify as defaultClassify } from './classify.js'
import type { Classify } from './create-classifier.js'
import { type DebugInfo, type FormatContext, type Formatter, jsonBody, problemBody } from './formats.js'
import { adoptClassification } from './internal/build.js'
import { Made } from './internal/classification.js'
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
  const typeOf = problemType(options.typeBase)
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
  let nextId: (() => string) | undefined

  return function serialize(value, context = {}) {
    const classification = toClassification(value, classifier)
    let requestId = context.requestId
    if (!isValidRequestId(requestId)) {
      nextId ??= createRequestIdGenerator()
      requestId = nextId()
    }
    const ctx: { -readonly [K in keyof FormatContext]: FormatContext[K] } = {
      requestId,
      // A classification's message is clean already; only a shorter cap cuts it again.
      message:
        classification.message.length <= maxMessageLength
          ? classification.message
          : sanitizeText(classification.message, maxMessageLength),
      type: typeOf(classification.code),
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
        const text = JSON.stringify(body) ?? 'null'
        if (utf8Length(text) > MAX_BODY_BYTES) throw new RangeError('body too large')
        body = JSON.parse(text)
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
    // Made by the one door for headers (allowlisted names, valid values): copied as they are.
    const extra = classification.headers
    for (const name in extra) headers[name] = extra[name] as string
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
export function serialize(
  errorOrClassification: unknown,
  options: SerializeOptions & SerializeContext = {},
): SerializedError {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('http-triage: serialize options must be an object')
  }
  // One pass over the names: the per-response ones are the context, any other known one asks
  // for a serializer of its own, an unknown one fails as `createSerializer` would.
  let hasOptions = false
  for (const key of Object.keys(options)) {
    if (key === 'requestId' || key === 'instance') continue
    if (!SERIALIZE_OPTIONS.includes(key as (typeof SERIALIZE_OPTIONS)[number])) {
      checkOptionNames(options, SERIALIZE_CALL_OPTIONS, 'serialize()')
    }
    if (options[key as keyof typeof options] !== undefined) hasOptions = true
  }
  // Without serializer options, the one default serializer (built once, on first use) serves;
  // it reads only `requestId` and `instance` of its context.
  if (!hasOptions) {
    defaultSerializer ??= createSerializer()
    return defaultSerializer(errorOrClassification, options)
  }
  const { requestId, instance, ...rest } = options
  const context: { requestId?: string; instance?: string } = {}
  if (requestId !== undefined) context.requestId = requestId
  if (instance !== undefined) context.instance = instance
  return createSerializer(rest)(errorOrClassification, context)
}

let defaultSerializer: Serializer | undefined

const SERIALIZE_CALL_OPTIONS = [...SERIALIZE_OPTIONS, 'requestId', 'instance']

/**
 * A classification made here is used as it is (it is frozen); a thrown value is classified. What
 * another classifier answers is read once into plain values and rebuilt through the same door as a
 * rule's verdict (allowlisted headers, capped details, a 5xx's generic message); an answer that is
 * not a classification gives the default classifier's.
 */
function toClassification(value: unknown, classifier: Classify): Made {
  if (Made.is(value)) return value
  let answer: unknown
  try {
    answer = classifier(value)
  } catch {
    return defaultClassify(value) as Made
  }
  if (Made.is(answer)) return answer
  return adoptClassification(answer) ?? (defaultClassify(value) as Made)
}

/** The largest body `serialize` returns, in UTF-8 bytes. */
const MAX_BODY_BYTES = 128 * 1024

/** The UTF-8 length of a string, without encoding it. */
function utf8Length(text: string): number {
  let bytes = text.length
  if (bytes * 3 <= MAX_BODY_BYTES) return bytes
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0x80) bytes += unit >= 0x800 && (unit < 0xd800 || unit > 0xdfff) ? 2 : 1
  }
  return bytes
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

/**
 * The Problem Details `type` of a code: `about:blank`, or the code in kebab-case resolved against
 * `typeBase` as a URL reference (RFC 3986 §5), so `https://x/problems/` gives
 * `https://x/problems/not-found` and `https://x/p` gives `https://x/not-found`. A base that is not
 * an absolute URL fails here, at setup. Each code's type is resolved once.
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3.1.1
 */
function problemType(typeBase: unknown): (code: string) => string {
  if (typeBase === undefined) return () => 'about:blank'
  const fix = 'give an absolute URL, e.g. "https://example.com/problems/"'
  if (typeof typeBase !== 'string' || !isSafeHeaderValue(typeBase)) {
    throw new TypeError(`http-triage: \`typeBase\` must be a URL string; ${fix}`)
  }
  try {
    new URL('x', new URL(typeBase))
  } catch {
    throw new TypeError(
      `http-triage: \`typeBase\` ${JSON.stringify(typeBase.slice(0, 80))} is not an absolute URL a code can be resolved against; ${fix}`,
    )
  }
  const types = new Map<string, string>()
  return (code) => {
    let type = types.get(code)
    if (type === undefined) {
      type = new URL(code.toLowerCase().replaceAll('_', '-'), typeBase).href
      // Codes are a bounded set (the table's and the app's), but never let the cache grow unbounded.
      if (types.size < 256) types.set(code, type)
    }
    return type
  }
}

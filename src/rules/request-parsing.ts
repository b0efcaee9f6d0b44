import { family } from '../internal/family.js'
import type { Probe } from '../internal/probe.js'
import { asErrorStatus, codeOf, get, getString, messageOf, nameOf } from '../internal/safe.js'
import { nameVerdicts } from '../internal/verdicts.js'
import type { Verdict } from '../types.js'

/** body-parser / raw-body error `type`s (they are http-errors with a `status`) and their answers. */
const BODY_PARSER: Readonly<Record<string, Verdict>> = {
  // body-parser raises it from its JSON parser (the urlencoded parser does not fail on syntax).
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON.' },
  'entity.too.large': { code: 'PAYLOAD_TOO_LARGE' },
  'entity.verify.failed': { status: 403, message: 'The request body failed verification.' },
  'charset.unsupported': {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The charset of the request is not supported.',
  },
  'encoding.unsupported': {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The content encoding of the request is not supported.',
  },
  'parameters.too.many': { code: 'PAYLOAD_TOO_LARGE', message: 'The request has too many parameters.' },
  'querystring.parse.rangeError': { status: 400, message: 'The request body is nested too deeply.' },
  'request.size.invalid': { status: 400, message: 'The request body length does not match its header.' },
  'request.aborted': { code: 'CLIENT_CLOSED_REQUEST', retryable: false },
  'stream.encoding.set': { status: 500 },
  'stream.not.readable': { status: 500 },
}

/** Fastify's content-type parser and routing errors, by `code`. */
const FASTIFY: Readonly<Record<string, Verdict>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'The request body is empty.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    message: 'The request body length does not match its header.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  // Thrown by `addContentTypeParser` at setup, for a type that is neither a string nor a RegExp.
  FST_ERR_CTP_INVALID_TYPE: { status: 500 },
  FST_ERR_NOT_FOUND: { code: 'NOT_FOUND' },
}

const BODY_PARSER_NAMED = nameVerdicts(BODY_PARSER, (type) => `request-parsing:body-parser:${type}`)
const FASTIFY_NAMED = nameVerdicts(FASTIFY, (code) => `request-parsing:fastify:${code}`)

/** multer's limit codes: those that are about size are 413, the others are malformed input (400). */
const MULTER: Readonly<Record<string, number>> = {
  LIMIT_FILE_SIZE: 413,
  LIMIT_PART_COUNT: 413,
  LIMIT_FILE_COUNT: 413,
  LIMIT_FIELD_COUNT: 413,
  LIMIT_FIELD_VALUE: 413,
  LIMIT_FIELD_KEY: 413,
  LIMIT_UNEXPECTED_FILE: 400,
  MISSING_FIELD_NAME: 400,
  INVALID_FIELD_NAME: 400,
  LIMIT_FIELD_NESTING: 400,
  LIMIT_FIELD_ARRAY_INDEX: 400,
  STREAM_DESTROYED: 400,
}

/**
 * busboy's malformed-body messages, and those of its older multipart parser (dicer's "Unexpected
 * end of multipart data"), which upload middleware passes on as they are: they carry no code, and
 * matching the text is the only way. A multipart parser reads what a client sends.
 */
const BUSBOY_MESSAGES = [
  'Unexpected end of form',
  'Unexpected end of multipart data',
  'Multipart: Boundary not found',
  'Malformed part header',
  'Malformed urlencoded form',
]
const MALFORMED_MULTIPART: Verdict = Object.freeze({
  status: 400,
  rule: 'request-parsing:multipart',
  message: 'The multipart body is malformed.',
})
const MALFORMED_MULTER: Verdict = Object.freeze({
  ...MALFORMED_MULTIPART,
  rule: 'request-parsing:multer:malformed',
})

/**
 * A body or an upload over a limit, in the words of a 413 or of a multipart limit ("Payload too
 * large. Limit: 1024 bytes", "File too large", "Too many files"), said by a parser that gives no
 * code. A system error's words (`EFBIG: file too large`, `EMFILE: too many open files`) begin with
 * their code.
 */
const TOO_LARGE =
  /^(?:payload|request entity|request body|body|content|file) too large\b|^too many (?:files|parts|fields)\b/i
const TOO_LARGE_PREFIXES = [
  'Payload too',
  'Payload Too',
  'payload too',
  'Request entity too',
  'Request Entity Too',
  'request entity too',
  'Request body too',
  'request body too',
  'Body too',
  'Content too',
  'Content Too',
  'File too',
  'Too many f',
  'Too many p',
]
const TOO_LARGE_VERDICT: Verdict = Object.freeze({
  code: 'PAYLOAD_TOO_LARGE',
  rule: 'request-parsing:too-large',
})
/**
 * A class named for a limit on what a request carries, exceeded (`MaxFileSizeExceededError`,
 * `MaxPartsExceededError`, `MaxTotalSizeExceededError`, `MaxHeaderSizeExceededError`) or too large
 * (`UploadTooLargeError`): 413, as the limit's words are. A limit of retries, listeners or a
 * resolution is none of a request's.
 */
const LIMIT_NAME =
  /^(?:Max(?:Total|File|Files|Part|Parts|Field|Fields|Header|Headers|Body|Payload|Upload|Content)(?:Size|Count|Length|Bytes)?Exceeded|(?:Payload|Body|File|Upload|Content|Entity|Part)TooLarge)(?:Error|Exception)$/

/**
 * A parser of a format that clients send (YAML, CSV, XML, TOML, a date, a duration, a phone number,
 * a query string, a cookie, a media type …) that rejected its input, as its class names it
 * (`YAMLParseError`, `DateTimeParseException`, `CsvParserError`, `InvalidDateTimeError`): malformed
 * request syntax (400), as a JSON body's is, and a malformed value that reached the database. A
 * class named for its library (`VendorJSONParseError`) is a client's, which read an upstream's
 * answer; JSON is left out, the format of most upstreams' answers. An `InvalidQueryException` is a
 * database's or a search engine's about the query our server sent, not a query string's. The
 * parser's words may quote the text: they are not shown.
 */
const FORMAT =
  '(?:YAML|Yaml|CSV|Csv|TSV|Tsv|XML|Xml|TOML|Toml|INI|Ini|Query|QueryString|Cookie|Header|MediaType|ContentType|Mime|Multipart|Form|Date|DateTime|Time|Duration|Interval|Number|Phone|PhoneNumber|Email|Address)'
const FORMAT_PARSE_ERROR = new RegExp(
  `^(?:${FORMAT}(?:Parse|Parser|Parsing|Syntax)|Invalid(?!Query)${FORMAT})(?:Error|Exception)$`,
)
const MALFORMED: Verdict = Object.freeze({
  status: 400,
  rule: 'request-parsing:malformed',
  message: 'A value in the request could not be parsed.',
})

/**
 * A format parser's words for a request of another media type than its own ("Request is not a
 * multipart request", "Unsupported content type"): 415, as the size/type row says.
 */
const NOT_THIS_TYPE =
  /\bis not an? (?:multipart|form|urlencoded|XML|YAML|CSV)\b.{0,20}\brequest\b|\b(?:unsupported|wrong) (?:content|media)[- ]type\b/i
const WRONG_TYPE: Verdict = Object.freeze({
  code: 'UNSUPPORTED_MEDIA_TYPE',
  rule: 'request-parsing:media-type',
})

/**
 * Errors from reading and parsing the request: body-parser's `type`s (`entity.parse.failed` → 400,
 * `entity.too.large` → 413, `request.aborted` → 499 …), Fastify's `FST_ERR_CTP_*`, multer limits,
 * a body over a limit in the words of a 413, and a format parser's rejection (400). A bare
 * `SyntaxError` is not among them: nothing says it came from the request.
 */
export const requestParsingRule = family({
  name: 'request-parsing',
  triggers: {
    keys: ['type', 'storageErrors'],
    names: ['SyntaxError', 'MulterError'],
    nameTest: (name) => FORMAT_PARSE_ERROR.test(name) || LIMIT_NAME.test(name),
    codes: Object.keys(FASTIFY),
    messagePrefixes: TOO_LARGE_PREFIXES,
    messages: BUSBOY_MESSAGES,
  },
  read(value) {
    if (FORMAT_PARSE_ERROR.test(value.name ?? '') || FORMAT_PARSE_ERROR.test(value.constructorName ?? '')) {
      return NOT_THIS_TYPE.test(value.message?.slice(0, 256) ?? '') ? WRONG_TYPE : MALFORMED
    }
    if (
      (LIMIT_NAME.test(value.name ?? '') || LIMIT_NAME.test(value.constructorName ?? '')) &&
      saysOnlyWords(value, value.message ?? '')
    ) {
      return TOO_LARGE_VERDICT
    }
    const type = getString(value, 'type')
    if (
      type !== undefined &&
      Object.hasOwn(BODY_PARSER, type) &&
      asErrorStatus(get(value, 'status') ?? get(value, 'statusCode')) !== undefined
    ) {
      return BODY_PARSER_NAMED[type]
    }
    // Fastify 4's JSON parser passes the SyntaxError itself, tagged with statusCode 400.
    if (
      nameOf(value) === 'SyntaxError' &&
      asErrorStatus(get(value, 'statusCode') ?? get(value, 'status')) === 400
    ) {
      return { status: 400, rule: 'request-parsing:json', message: 'The request body is not valid JSON.' }
    }
    const code = codeOf(value)
    if (code === undefined) {
      const message = messageOf(value)
      if (message !== undefined && TOO_LARGE.test(message) && saysOnlyWords(value, message)) {
        return TOO_LARGE_VERDICT
      }
      if (message !== undefined && BUSBOY_MESSAGES.includes(message)) {
        return Array.isArray(get(value, 'storageErrors')) ? MALFORMED_MULTER : MALFORMED_MULTIPART
      }
      return undefined
    }
    if (Object.hasOwn(FASTIFY_NAMED, code)) return FASTIFY_NAMED[code]
    if (nameOf(value) === 'MulterError' && Object.hasOwn(MULTER, code)) {
      return { status: MULTER[code] as number, rule: `request-parsing:multer:${code}`, expose: true }
    }
    return undefined
  },
})

/**
 * Whether a limit's words are all an error says: no status (an upstream's 413, reported by its
 * client, is no limit of ours), and more than a reason phrase as a status line spells it (a client's
 * `Error(res.statusText)`).
 */
function saysOnlyWords(value: Probe, message: string): boolean {
  if (value.get('status') !== undefined || value.get('statusCode') !== undefined) return false
  return !REASON_PHRASES.test(message)
}

const REASON_PHRASES = /^(?:Payload|Content|Request Entity) Too Large$/

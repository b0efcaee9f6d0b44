import { chosenHeaders } from '../internal/chosen-headers.js'
import { reportedVerdict } from '../internal/dependency-report.js'
import { family } from '../internal/family.js'
import { nameWords } from '../internal/name-words.js'
import type { Probe } from '../internal/probe.js'
import { dependencyVerdict, isDependencysReport, whoMade } from '../internal/provenance.js'
import { asErrorStatus, get, getPath, isObjectLike } from '../internal/safe.js'
import { STATUS_NAMES, statusOfName, VALIDATION_FAILED } from '../internal/status-names.js'
import type { Verdict } from '../types.js'

/** An RPC framework's error (named `…RPCError`), whose `TIMEOUT` is its 408 by RPC frameworks' tables. */
const RPC_ERROR = /RPC(?:Error|Exception)$/i
const RPC_TIMEOUT = 408
/**
 * An error class whose name says what `ALREADY_EXISTS` says (`AlreadyExistsError`,
 * `UserAlreadyExistsException`): the one status name specific enough to be read from a name, where
 * `NotFound` or `Conflict` alone are too common. A file that exists is no resource of the client's:
 * a runtime's bare `AlreadyExists` (Deno's, a path) is not read here.
 */
const ALREADY_EXISTS = /(?:^|_)ALREADY_EXISTS_(?:ERROR|EXCEPTION)$/
const alreadyExists = (name: string | undefined) => ALREADY_EXISTS.test(nameWords(name) ?? '')
/**
 * An error class named for a client error's status and nothing more (`ForbiddenError`,
 * `NotFoundException`, `UnauthorizedError`): that status, when application code made it, or a library
 * it called on the way (an authorization library's denial). Made by a dependency after waiting, such
 * a name (and one after the SDK's own words, `BlobPreconditionFailedError`) is an SDK's for its
 * upstream's answer: a 412 or a 429 follows the upstream policy (409, 503), any other is left to
 * the families after (an ORM's `EntityNotFoundError`) or the fallback; on a path no frame of ours
 * is on, it is middleware's: not read here.
 */
const STATUS_CLASS = /^([A-Z_]{3,40})_(?:ERROR|EXCEPTION)$/
/**
 * The statuses such a class may be named for: HTTP's reason phrases, not an RPC framework's names
 * (an `InvalidArgumentError` is a programmer's error, a `ResourceExhaustedError` a dependency's).
 */
const REASON_PHRASES: ReadonlySet<string> = new Set([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'PAYMENT_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'CONFLICT',
  'GONE',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'CONTENT_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNPROCESSABLE_ENTITY',
  'UNPROCESSABLE_CONTENT',
  'PRECONDITION_REQUIRED',
  'TOO_MANY_REQUESTS',
])
function statusOfClassName(name: string | undefined, prefixed = false): number | undefined {
  const named = STATUS_CLASS.exec(nameWords(name) ?? '')?.[1]
  if (named === undefined) return undefined
  if (REASON_PHRASES.has(named)) return statusOfName(named)
  // An SDK names its classes for its own service first (`BlobPreconditionFailedError`).
  if (prefixed)
    for (const phrase of REASON_PHRASES) if (named.endsWith(`_${phrase}`)) return statusOfName(phrase)
  return undefined
}
const namedForStatus = (name: string) => statusOfClassName(name, true) !== undefined
/**
 * A code that says what thing already exists (`DOCUMENT_ALREADY_EXISTS`, `email-already-exists`):
 * `ALREADY_EXISTS` of a named resource, 409 as the bare code is.
 */
const THING_ALREADY_EXISTS = /^[A-Za-z][\w/-]{0,40}[_/-]already[_-]exists$/i

const VALIDATION: Verdict = Object.freeze({ code: 'VALIDATION_FAILED', rule: 'carrier:validation-failed' })

const EXTENSIONS = 'carrier:extensions'
/** Where a status may be carried, and the rule named after that place. */
const CARRIERS: readonly (readonly [(value: Probe) => number | undefined, string])[] = [
  [(value) => asErrorStatus(value.get('httpCode')), 'carrier:httpCode'],
  [(value) => asErrorStatus(value.get('httpStatus')), 'carrier:httpStatus'],
  [(value) => asErrorStatus(value.get('status_code')), 'carrier:status_code'],
  [(value) => asErrorStatus(value.get('http_code')), 'carrier:http_code'],
  [numericCode, 'carrier:code'],
  [
    (value) => (isMade(value) ? asErrorStatus(getPath(value, 'extensions', 'http', 'status')) : undefined),
    EXTENSIONS,
  ],
]

/**
 * Whether a value was made by code (an instance of a class), not parsed from an answer: a GraphQL
 * error's `extensions` are ours on an error a resolver threw, and an upstream's on the plain object
 * a client parsed from its response (and keeps in a list of the response's errors).
 */
function isMade(value: Probe): boolean {
  const made = value.constructorName
  return made !== undefined && made !== 'Object'
}

/**
 * Statuses carried where the status rule does not look: `httpCode` (upload parsers, routing-controllers),
 * `httpStatus`, `status_code`, `http_code`, `getStatus()`, a numeric `code` in 400–599 (service frameworks), an error's
 * `extensions.http.status` and `extensions.code`, and string codes that name a status
 * (`NOT_FOUND`, `UNAUTHORIZED`, `TOO_MANY_REQUESTS` …, and an RPC error's `TIMEOUT` 408), and a
 * class name or a code that says the resource already exists (409), and a code that says the input
 * failed validation (422).
 */
export const carrierRule = family({
  name: 'carrier',
  triggers: {
    keys: ['httpCode', 'httpStatus', 'status_code', 'http_code', 'extensions'],
    // Only a code that names a status, or a numeric one in 400–599: most codes (ECONNREFUSED,
    // 23505 …) are other families' business, and this family need not run for them.
    codes: [...Object.keys(STATUS_NAMES), 'TIMEOUT'],
    // …and an API's code that names one in lower case, for a dependency's own report.
    codePatterns: [
      /^[45]\d\d$/,
      new RegExp(`^(?:${Object.keys(STATUS_NAMES).join('|')})$`, 'i'),
      THING_ALREADY_EXISTS,
      VALIDATION_FAILED,
    ],
    nameTest: (name) => alreadyExists(name) || namedForStatus(name),
  },
  read(value) {
    for (const [read, rule] of CARRIERS) {
      const carried = read(value)
      if (carried === undefined) continue
      // `httpStatus`, `status_code`, `http_code` and a numeric `code` are a client's way to keep an
      // upstream's status as often as an app's: a dependency's own report follows the upstream
      // policy (see `status`), whatever code of its own it has, since no framework answers with
      // a status kept there.
      if (rule !== 'carrier:httpCode' && rule !== EXTENSIONS && isDependencysReport(value, carried, false)) {
        return reportedVerdict(value, carried, 'carrier')
      }
      return verdict(value, carried, rule)
    }
    const code = value.code ?? (isMade(value) ? stringAt(value, 'extensions', 'code') : undefined)
    // A name is no promise that the message is fit for a client (a directory's or store's may
    // name its internals): the message is the code's own unless the error says `expose`.
    if (alreadyExists(value.name) || alreadyExists(value.constructorName)) {
      return { status: 409, rule: 'carrier:AlreadyExists', expose: get(value, 'expose') === true }
    }
    if (code === undefined || code.length > 40) return statusClass(value)
    if (code === 'TIMEOUT') {
      const rpc = RPC_ERROR.test(value.name ?? '') || RPC_ERROR.test(value.constructorName ?? '')
      return rpc ? verdict(value, RPC_TIMEOUT, 'carrier:TIMEOUT') : undefined
    }
    const status = statusOfName(code)
    // An API's error code names the status an upstream answered, in any case (`too_many_requests`):
    // a dependency's own report follows the upstream policy; a lower-case code is read for no other.
    const named = status ?? (code !== code.toUpperCase() ? statusOfName(code.toUpperCase()) : undefined)
    if (named === undefined) {
      if (VALIDATION_FAILED.test(code)) return validationFailed(value)
      return THING_ALREADY_EXISTS.test(code) ? thingExists(value) : undefined
    }
    if (isDependencysReport(value, named)) return reportedVerdict(value, named, 'carrier')
    return status === undefined ? undefined : verdict(value, status, `carrier:${code}`)
  },
})

/**
 * A class named for a client error's status: made on the application's own path, that status (see
 * `STATUS_CLASS`); made by a dependency on its own after waiting, its upstream's answer.
 */
function statusClass(value: Probe): Verdict | undefined {
  const prefixed = statusOfClassName(value.name, true) ?? statusOfClassName(value.constructorName, true)
  if (prefixed === undefined) return undefined
  const made = whoMade(value.get('stack'), value.message)
  // An SDK's class for its upstream's answer (`BlobPreconditionFailedError` of a conditional
  // write): the upstream policy where it says more than the fallback (a 412 is a conflict, a 429
  // an overloaded dependency). Any other 4xx would be ours (500), and a database's or an ORM's
  // `EntityNotFoundError` is its own family's 404.
  if (made === 'dependency') {
    return prefixed === 412 || prefixed === 429 ? dependencyVerdict(value, prefixed, 'carrier') : undefined
  }
  const status = statusOfClassName(value.name) ?? statusOfClassName(value.constructorName)
  if (status === undefined || made !== 'application') return undefined
  return { status, rule: 'carrier:class-name', expose: get(value, 'expose') === true }
}

/** A code that says a named thing already exists: 409 as the name says, a dependency's report aside. */
function thingExists(value: Probe): Verdict {
  if (isDependencysReport(value, 409)) return reportedVerdict(value, 409, 'carrier')
  return { status: 409, rule: 'carrier:AlreadyExists', expose: get(value, 'expose') === true }
}

/** A code that says validation failed: 422, a dependency's report aside (our request failed its checks). */
function validationFailed(value: Probe): Verdict {
  return isDependencysReport(value, 422) ? dependencyVerdict(value, 422, 'carrier') : VALIDATION
}

function verdict(value: Probe, status: number, rule: string): Verdict {
  const expose = get(value, 'expose')
  const answer: Verdict = { status, rule, expose: typeof expose === 'boolean' ? expose : status < 500 }
  // A GraphQL server's error keeps its answer's headers beside the status, in `extensions.http`.
  const headers = chosenHeaders(rule === EXTENSIONS ? value.at('extensions').at('http') : value)
  return headers === undefined ? answer : { ...answer, headers: headers as never }
}

/**
 * A numeric `code` that is an HTTP status: some service frameworks carry theirs there. A code the
 * message begins with is a protocol's reply code (FTP's `530 Login incorrect.`, SMTP's `421 …`),
 * whose numbers are no HTTP statuses.
 */
function numericCode(value: Probe): number | undefined {
  const code = value.get('code')
  if (typeof code !== 'number' || value.message?.trimStart().startsWith(String(code)) === true)
    return undefined
  // A number beside a SQLSTATE is a database engine's error number (a 414 that says a password
  // must be changed), not a status.
  if (SQLSTATE_KEYS.some((key) => value.ownKeys.includes(key))) return undefined
  return asErrorStatus(code)
}

const SQLSTATE_KEYS = ['sqlState', 'sqlstate', 'sql_state', 'SQLSTATE']

function stringAt(value: Probe, key: string, inner: string): string | undefined {
  const holder = value.get(key)
  if (!isObjectLike(holder)) return undefined
  const text = get(holder, inner)
  return typeof text === 'string' ? text : undefined
}

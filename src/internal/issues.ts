import type { ValidationIssue, Verdict } from '../types.js'
import type { Probe } from './probe.js'
import { get, isObjectLike, toArray } from './safe.js'

/**
 * What every validation reader shares: the caps, the verdict, and the door an issue goes through
 * (a message that repeats the rejected value is replaced; a key the client made up is shown only
 * if it is plain; a path is joined as `items.0.qty`).
 */

/** How many issues a verdict carries at most: enough to fix a form, not a way to amplify a body. */
export const MAX_ISSUES = 50
/** How many path segments are kept. */
export const MAX_PATH_SEGMENTS = 32
/** What an issue says when the library's own message would repeat the rejected value. */
export const REDACTED_MESSAGE = 'Invalid value.'
/** A longer "message" is not one a client should read. */
const MAX_MESSAGE = 512

export type Issues = readonly ValidationIssue[]

/**
 * Issues all found in an answer we received (every path begins at `response`, as an SDK's check of
 * a reply names them): the upstream answered badly (502), no input of our client's.
 */
const IN_RESPONSE: Verdict = Object.freeze({
  code: 'BAD_GATEWAY',
  retryable: true,
  rule: 'validation:response',
})

function isInResponse(issue: ValidationIssue): boolean {
  const { path } = issue
  return path === 'response' || path.startsWith('response.') || path.startsWith('response[')
}

/**
 * A validator's report on a program's own settings, as its message says before anything it quotes:
 * "Invalid options provided to …", "Invalid cache policy configuration", "Invalid configuration
 * object", ajv's `env/PORT must be integer` (an environment checked under the name `env`). A
 * library checked the options, configuration or environment our server gave it: our server is
 * misconfigured (500), and the issues, which name our settings, are not the client's to read.
 */
const OWN_SETTINGS =
  /^(?:[Ii]nvalid [^"'`:]{0,40}?\b(?:options|config|configuration|settings|environment)\b|env(?:\/| must\b))/
const OWN_SETTINGS_FAILED: Verdict = Object.freeze({ status: 500, rule: 'validation:configuration' })

/**
 * A class named for the check of a response (`ResponseValidationError`, a fetch client's schema
 * check of an answer): what failed was the upstream's answer.
 */
const RESPONSE_CHECK = /Response(?:Schema)?Validation(?:Error|Exception)$/

/**
 * The verdict of a validator's failure: 422 `VALIDATION_FAILED`, `validation:<name>`, its issues;
 * when every issue lies in a response we received, or the class says it checked a response, the
 * upstream's bad answer (502); when the validator's message says it checked our own settings, our
 * misconfiguration (500).
 */
export function validationVerdict(rule: string, issues: Issues, value?: Probe): Verdict {
  const message = value?.message
  if (message !== undefined && OWN_SETTINGS.test(message)) return OWN_SETTINGS_FAILED
  if (value !== undefined && (checksResponse(value.name) || checksResponse(value.constructorName))) {
    return IN_RESPONSE
  }
  if (issues.length === 0) return { code: 'VALIDATION_FAILED', rule }
  return issues.every(isInResponse) ? IN_RESPONSE : { code: 'VALIDATION_FAILED', rule, details: issues }
}

const checksResponse = (name: string | undefined) =>
  name !== undefined && name.length <= 64 && RESPONSE_CHECK.test(name)

/**
 * An issue whose message is replaced when it repeats one of the rejected values it was given
 * (mongoose, valibot, superstruct, yup and joi defaults do), or is too long to be a message.
 */
export function makeIssue(
  path: string,
  message: string | undefined,
  code: string | undefined,
  rejected: readonly unknown[],
): ValidationIssue {
  const safe =
    message !== undefined &&
    message !== '' &&
    message.length <= MAX_MESSAGE &&
    !rejected.some((v) => mentions(message, v))
  return { path, message: safe ? message : REDACTED_MESSAGE, code: code ?? 'invalid' }
}

/** Whether `message` contains a primitive rejected value (a string as is or JSON-escaped, a number as a token). */
function mentions(message: string, value: unknown): boolean {
  if (typeof value === 'string') {
    if (value === '') return false
    return message.includes(value) || message.includes(JSON.stringify(value).slice(1, -1))
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    const text = String(value)
    let at = message.indexOf(text)
    while (at !== -1) {
      const before = message[at - 1] ?? ''
      const after = message.slice(at + text.length, at + text.length + 2)
      // `[0]` is an index in a label such as "items[0].qty", not the value.
      const isIndex = before === '[' && after.startsWith(']')
      if (!isIndex && !/[\w.-]/.test(before) && !/^(\w|\.\d)/.test(after)) return true
      at = message.indexOf(text, at + 1)
    }
  }
  return false
}

/**
 * Keys of the schema are plain names; a key the client made up (an unknown key, a record's key) may be
 * anything. A key is shown only if it is plain (see `isPlainKey`); any other is `*`, and a message
 * naming it is replaced (see `unsafeKeys`).
 */
const PLAIN_KEY = /^[\x20-\x7e]{1,64}$/
const MARKUP = /["'<>`\\]/

/** Printable ASCII without quotes, angle brackets, backticks or backslashes, 1–64 characters. */
export function isPlainKey(key: string): boolean {
  return PLAIN_KEY.test(key) && !MARKUP.test(key)
}

/** The keys of `keys` that are not plain names: a message that repeats one is not shown. */
export function unsafeKeys(keys: unknown): unknown[] {
  const list = toArray(keys, MAX_ISSUES) ?? (keys === undefined ? [] : [keys])
  return list.filter((key) => typeof key === 'string' && !isPlainKey(key))
}

/** Joins path segments (keys, indexes, or Standard Schema `{ key }` items) as `items.0.qty`. */
export function joinPath(segments: readonly unknown[] | undefined): string {
  if (!segments) return ''
  const parts: string[] = []
  for (const segment of segments.slice(0, MAX_PATH_SEGMENTS)) {
    const key = isObjectLike(segment) ? get(segment, 'key') : segment
    if (typeof key === 'string') parts.push(isPlainKey(key) ? key : '*')
    else if (typeof key === 'number' && Number.isFinite(key)) parts.push(String(key))
    else if (typeof key === 'symbol') parts.push(key.description ?? '')
  }
  return parts.join('.')
}

/** A JSON Pointer (RFC 6901) such as `/items/0/qty` as its segments. */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .split('/', MAX_PATH_SEGMENTS + 1)
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** The own enumerable keys of an object, at most MAX_ISSUES, or none if a Proxy refuses. */
export function ownKeys(value: object): string[] {
  try {
    return Object.keys(value).slice(0, MAX_ISSUES)
  } catch {
    return []
  }
}

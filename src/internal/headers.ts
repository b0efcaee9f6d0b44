import { headerReader } from './read-header.js'
import { parseRetryAfter } from './retry-after.js'

/**
 * The one door through which a header from an error (its `headers`, Boom's `output.headers`, a
 * verdict's, a foreign classification's) reaches a response: the name must be in the allowlist, and
 * the value must parse by that header's grammar (RFC 9110), or it is dropped, never repaired.
 * Values are looked up by name, never by iterating the error's headers, so the work is a fixed
 * number of reads whatever the error carries.
 */

// RFC 9110 §5.6: tokens, quoted strings, optional white space, lists.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+"
const QUOTED = '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\t \\x21-\\x7e])*"'
const OWS = '[ \\t]*'
const LIST = (element: string) => new RegExp(`^${element}(?:${OWS},${OWS}${element})*$`)
const PARAMETER = `${TOKEN}${OWS}=${OWS}(?:${TOKEN}|${QUOTED})`
const PARAMETERS = `(?:${OWS};${OWS}${PARAMETER})*`
// §11.3: a challenge is a scheme, then a token68 or auth-params; the list mixes both.
const AUTH_PARAM = PARAMETER
const CHALLENGE = `${TOKEN}(?: +(?:[A-Za-z0-9._~+/-]+=*|${AUTH_PARAM}))?`
const CHALLENGES = new RegExp(`^${CHALLENGE}(?:${OWS},${OWS}(?:${CHALLENGE}|${AUTH_PARAM}))*$`)
// Structured fields (RFC 9651) as the RateLimit headers use them: a list of items with parameters.
const SF_BARE =
  '(?:-?\\d{1,15}(?:\\.\\d{1,3})?|"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\["\\\\])*"|[A-Za-z*][!#$%&\'*+.^_`|~0-9A-Za-z:/-]*|\\?[01])'
const SF_KEY = '[a-z*][a-z0-9_.*-]*'
const SF_ITEM = `${SF_BARE}(?:;${SF_KEY}(?:=${SF_BARE})?)*`

const TOKENS = LIST(TOKEN)
const MEDIA_RANGES = LIST(`${TOKEN}(?:/${TOKEN})?${PARAMETERS}`)
const SF_LIST = LIST(SF_ITEM)
// §14.4: `bytes 0-99/1234`, `bytes */1234`.
const CONTENT_RANGE = new RegExp(`^${TOKEN} (?:\\d{1,19}-\\d{1,19}/(?:\\d{1,19}|\\*)|\\*/\\d{1,19})$`)

/** The longest header value copied from an error. */
const MAX_VALUE = 1024

/**
 * The response headers an error may ask for, each with its grammar. Anything else an error carries
 * (`Set-Cookie`, `Location`, `Content-Type` …) is never copied to a response.
 */
const GRAMMARS: ReadonlyMap<string, RegExp | 'delay'> = new Map<string, RegExp | 'delay'>([
  ['retry-after', 'delay'], // delay-seconds or an HTTP-date, written as seconds
  ['www-authenticate', CHALLENGES],
  ['proxy-authenticate', CHALLENGES],
  ['allow', TOKENS],
  ['accept', MEDIA_RANGES],
  ['accept-encoding', MEDIA_RANGES],
  ['accept-patch', MEDIA_RANGES],
  ['accept-post', MEDIA_RANGES],
  ['accept-ranges', TOKENS],
  ['content-range', CONTENT_RANGE],
  ['ratelimit', SF_LIST],
  ['ratelimit-policy', SF_LIST],
])

/** The names of the headers an error may ask for. */
export const ERROR_HEADERS: readonly string[] = [...GRAMMARS.keys()]

const ONLY_RETRY_AFTER: readonly string[] = ['retry-after']

/** The names a response of `status` may take from an error: a 5xx only `Retry-After`. */
function namesFor(status: number): readonly string[] {
  if (status >= 500) return ONLY_RETRY_AFTER
  return status === 416 ? ERROR_HEADERS : ERROR_HEADERS.filter((name) => name !== 'content-range')
}
const CLIENT_NAMES = namesFor(400)

// RFC 9110 §5.5: field values are visible ASCII, space and tab; nothing else is ever written.
const SAFE_HEADER_VALUE = /^[\t\x20-\x7e]{1,1024}$/

/** Whether a string may be written as a header value as it is. */
export function isSafeHeaderValue(value: string): boolean {
  return SAFE_HEADER_VALUE.test(value)
}

/** The value to write for header `name` (lower case), or `undefined` where it breaks the grammar. */
export function validHeaderValue(name: string, value: unknown): string | undefined {
  const grammar = GRAMMARS.get(name)
  if (grammar === undefined) return undefined
  if (grammar === 'delay') {
    const seconds = parseRetryAfter(value)
    return seconds === undefined ? undefined : String(seconds)
  }
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  if (text.length === 0 || text.length > MAX_VALUE || !SAFE_HEADER_VALUE.test(text)) return undefined
  return grammar.test(text) ? text : undefined
}

/**
 * The headers a response of `status` takes from an error's `headers` (a plain object, `Headers`,
 * `Map`, `AxiosHeaders` …): allowlisted names with valid values, lower-case names. A 5xx takes only
 * `Retry-After`; `Content-Range` goes only on a 416.
 */
export function pickErrorHeaders(headers: unknown, status: number): Record<string, string> {
  const out: Record<string, string> = {}
  if ((typeof headers !== 'object' && typeof headers !== 'function') || headers === null) return out
  const read = headerReader(headers)
  for (const name of status < 500 && status !== 416 ? CLIENT_NAMES : namesFor(status)) {
    const value = validHeaderValue(name, read(name))
    if (value !== undefined) out[name] = value
  }
  return out
}

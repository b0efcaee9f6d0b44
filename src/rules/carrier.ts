import { family } from '../internal/family.js'
import type { Probe } from '../internal/probe.js'
import { asErrorStatus, get, getPath, isObjectLike } from '../internal/safe.js'
import type { Verdict } from '../types.js'

/**
 * String codes that name a status, as RPC frameworks and API conventions use them (JSON-RPC
 * frameworks' code keys, Google's API status names, GraphQL servers' `extensions.code`). `TIMEOUT` is not here: it names a status only in an RPC framework's table
 * (see `RPC_TIMEOUT`); elsewhere it means a dependency was too slow.
 */
const STATUS_NAMES: Readonly<Record<string, number>> = {
  BAD_REQUEST: 400,
  PARSE_ERROR: 400,
  INVALID_ARGUMENT: 400,
  BAD_USER_INPUT: 400,
  UNAUTHORIZED: 401,
  UNAUTHENTICATED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  METHOD_NOT_SUPPORTED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  GONE: 410,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  CONTENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE_ENTITY: 422,
  UNPROCESSABLE_CONTENT: 422,
  PRECONDITION_REQUIRED: 428,
  TOO_MANY_REQUESTS: 429,
  RESOURCE_EXHAUSTED: 429,
  CLIENT_CLOSED_REQUEST: 499,
  INTERNAL_SERVER_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
}

/** An RPC framework's error (named `…RPCError`), whose `TIMEOUT` is its 408 by RPC frameworks' tables. */
const RPC_ERROR = /RPC(?:Error|Exception)$/i
const RPC_TIMEOUT = 408

/** Where a status may be carried, and the rule named after that place. */
const CARRIERS: readonly (readonly [(value: Probe) => number | undefined, string])[] = [
  [(value) => asErrorStatus(value.get('httpCode')), 'carrier:httpCode'],
  [(value) => asErrorStatus(value.get('status_code')), 'carrier:status_code'],
  [numericCode, 'carrier:code'],
  [(value) => asErrorStatus(getPath(value, 'extensions', 'http', 'status')), 'carrier:extensions'],
]

/**
 * Statuses carried where the status rule does not look: `httpCode` (upload parsers, routing-controllers),
 * `status_code`, `getStatus()`, a numeric `code` in 400–599 (service frameworks), an error's
 * `extensions.http.status` and `extensions.code`, and string codes that name a status
 * (`NOT_FOUND`, `UNAUTHORIZED`, `TOO_MANY_REQUESTS` …, and an RPC error's `TIMEOUT` 408).
 */
export const carrierRule = family({
  name: 'carrier',
  triggers: {
    keys: ['httpCode', 'status_code', 'extensions'],
    // Only a code that names a status, or a numeric one in 400–599: most codes (ECONNREFUSED,
    // 23505 …) are other families' business, and this family need not run for them.
    codes: [...Object.keys(STATUS_NAMES), 'TIMEOUT'],
    codePatterns: [/^[45]\d\d$/],
  },
  read(value) {
    for (const [read, rule] of CARRIERS) {
      const carried = read(value)
      if (carried !== undefined) return verdict(value, carried, rule)
    }
    const code = value.code ?? stringAt(value, 'extensions', 'code')
    if (code === undefined || code.length > 40) return undefined
    if (code === 'TIMEOUT') {
      const rpc = RPC_ERROR.test(value.name ?? '') || RPC_ERROR.test(value.constructorName ?? '')
      return rpc ? verdict(value, RPC_TIMEOUT, 'carrier:TIMEOUT') : undefined
    }
    const status = Object.hasOwn(STATUS_NAMES, code) ? STATUS_NAMES[code] : undefined
    return status === undefined ? undefined : verdict(value, status, `carrier:${code}`)
  },
})

function verdict(value: Probe, status: number, rule: string): Verdict {
  const expose = get(value, 'expose')
  return { status, rule, expose: typeof expose === 'boolean' ? expose : status < 500 }
}

/** A numeric `code` that is an HTTP status: some service frameworks carry theirs there. */
function numericCode(value: Probe): number | undefined {
  const code = value.get('code')
  return typeof code === 'number' ? asErrorStatus(code) : undefined
}

function stringAt(value: Probe, key: string, inner: string): string | undefined {
  const holder = value.get(key)
  if (!isObjectLike(holder)) return undefined
  const text = get(holder, inner)
  return typeof text === 'string' ? text : undefined
}

import { family } from '../internal/family.js'
import type { Probe } from '../internal/probe.js'
import { asErrorStatus, get, getPath, isObjectLike } from '../internal/safe.js'
import { STATUS_NAMES, statusOfName } from '../internal/status-names.js'
import type { Verdict } from '../types.js'

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
    const status = statusOfName(code)
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

import { upstreamStatusVerdict } from '../internal/upstream-status.js'
import { codeOf, get, getNumber, getPath, isObjectLike, lookup, nameOf } from '../internal/safe.js'
import type { Rule, Verdict } from '../types.js'
import { SYSTEM_CODES } from './node-system.js'

const GAXIOS_BRAND = Symbol.for('gaxios-gaxios-error')

/** Error codes of the HTTP clients that mean the same thing in all of them. */
const CLIENT_CODES: Readonly<Record<string, Verdict>> = {
  // axios: its default timeout code is ECONNABORTED, not ETIMEDOUT.
  ECONNABORTED: { code: 'GATEWAY_TIMEOUT' },
  ERR_CANCELED: { code: 'CLIENT_CLOSED_REQUEST', retryable: false },
  ERR_NETWORK: { code: 'BAD_GATEWAY', weak: true },
  ERR_FR_TOO_MANY_REDIRECTS: { code: 'BAD_GATEWAY', retryable: false },
  ERR_BAD_RESPONSE: { code: 'BAD_GATEWAY' },
  // axios says ERR_BAD_REQUEST without a response for an unsupported protocol: our bug.
  ERR_BAD_REQUEST: { status: 500 },
  ERR_BAD_OPTION_VALUE: { status: 500 },
  ERR_BAD_OPTION: { status: 500 },
  ERR_INVALID_URL: { status: 500 },
  ERR_NOT_SUPPORT: { status: 500 },
  ERR_DEPRECATED: { status: 500 },
  // got
  ERR_BODY_PARSE_FAILURE: { code: 'BAD_GATEWAY', retryable: false },
  ERR_READING_RESPONSE_STREAM: { code: 'BAD_GATEWAY' },
  ERR_TOO_MANY_REDIRECTS: { code: 'BAD_GATEWAY', retryable: false },
  ERR_GOT_REQUEST_ERROR: { code: 'BAD_GATEWAY', weak: true },
  ERR_ABORTED: { code: 'CLIENT_CLOSED_REQUEST', retryable: false },
  ERR_UPLOAD: { status: 500 },
  ERR_CACHE_ACCESS: { status: 500 },
  ERR_RETRYING: { status: 500 },
}

/** undici's errors that carry the upstream's status (`throwOnError`, the response and retry interceptors). */
const UNDICI_STATUS_CODES = new Set(['UND_ERR_RESPONSE_STATUS_CODE', 'UND_ERR_RESPONSE', 'UND_ERR_REQ_RETRY'])

/**
 * Errors of the HTTP clients our server uses to call upstreams: axios, got, ky, undici and gaxios.
 * They put the upstream's status where generic handlers look (`status`, `statusCode`), so this rule
 * runs before the status rule: an upstream 5xx is 502, 429 and 503 are 503, 408 is 504, another 4xx
 * is 500. Without a response, their codes decide (timeouts 504, connection failures per system code).
 */
export const upstreamRule: Rule = {
  name: 'upstream',
  match(value) {
    if (get(value, 'isAxiosError') === true) return clientVerdict(value, 'axios', getPath(value, 'response'), 'status')
    if (get(value, GAXIOS_BRAND) !== undefined && isObjectLike(get(value, 'config'))) {
      const verdict = clientVerdict(value, 'gaxios', get(value, 'response'), 'status')
      // gaxios aborts its own request on timeout: 'The operation was aborted.' with an AbortError cause.
      if (verdict.weak && nameOf(get(value, 'cause')) === 'AbortError') return { code: 'GATEWAY_TIMEOUT', rule: 'upstream:gaxios' }
      return verdict
    }
    const code = codeOf(value)
    if (code !== undefined && UNDICI_STATUS_CODES.has(code)) {
      return upstreamStatusVerdict(get(value, 'statusCode'), get(value, 'headers'), 'upstream:undici')
    }
    if (code === 'ERR_NON_2XX_3XX_RESPONSE' && isObjectLike(get(value, 'options'))) {
      return clientVerdict(value, 'got', get(value, 'response'), 'statusCode')
    }
    if (isObjectLike(get(value, 'options')) && isObjectLike(get(value, 'timings')) && code !== undefined) {
      return clientVerdict(value, 'got', undefined, 'statusCode')
    }
    const name = nameOf(value)
    if (name === 'HTTPError' && isObjectLike(get(value, 'request'))) {
      const response = get(value, 'response')
      if (getNumber(response, 'status') !== undefined) return clientVerdict(value, 'ky', response, 'status')
    }
    return undefined
  },
}

function clientVerdict(value: unknown, client: string, response: unknown, statusKey: string): Verdict {
  const rule = `upstream:${client}`
  if (isObjectLike(response)) {
    return upstreamStatusVerdict(get(response, statusKey), get(response, 'headers'), rule)
  }
  const code = codeOf(value)
  if (code !== undefined) {
    const known = lookup(CLIENT_CODES, code) ?? lookup(SYSTEM_CODES, code)
    if (known) return { ...known, rule: `${rule}:${code}` }
  }
  if (nameOf(value) === 'TimeoutError') return { code: 'GATEWAY_TIMEOUT', rule: `${rule}:timeout` }
  return { code: 'BAD_GATEWAY', rule, weak: true }
}

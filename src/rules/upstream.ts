import { family } from '../internal/family.js'
import {
  asErrorStatus,
  codeOf,
  get,
  getNumber,
  getPath,
  isObjectLike,
  lookup,
  messageOf,
  nameOf,
} from '../internal/safe.js'
import { SYSTEM_CODES } from '../internal/system-codes.js'
import { upstreamStatusVerdict } from '../internal/upstream-status.js'
import type { Verdict } from '../types.js'

// googleapis/gaxios src/common.ts: `GAXIOS_ERROR_SYMBOL = Symbol.for(`${pkg.name}-gaxios-error`)`.
const GAXIOS_BRAND = Symbol.for('gaxios-gaxios-error')

/** axios' error codes without a response (axios/axios lib/core/AxiosError.js). */
const AXIOS_CODES: Readonly<Record<string, Verdict>> = {
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
}

/** got's error codes (sindresorhus/got source/core/errors.ts); others are copied from the cause. */
const GOT_CODES: Readonly<Record<string, Verdict>> = {
  ERR_BODY_PARSE_FAILURE: { code: 'BAD_GATEWAY', retryable: false },
  ERR_READING_RESPONSE_STREAM: { code: 'BAD_GATEWAY' },
  ERR_TOO_MANY_REDIRECTS: { code: 'BAD_GATEWAY', retryable: false },
  ERR_GOT_REQUEST_ERROR: { code: 'BAD_GATEWAY', weak: true },
  ERR_ABORTED: { code: 'CLIENT_CLOSED_REQUEST', retryable: false },
  ERR_UPLOAD: { status: 500 },
  ERR_CACHE_ACCESS: { status: 500 },
  ERR_RETRYING: { status: 500 },
}

/** The codes of both, by which any of the clients is read (got's CancelError is ERR_CANCELED too). */
const CLIENT_CODES: Readonly<Record<string, Verdict>> = { ...AXIOS_CODES, ...GOT_CODES }

/** undici's errors that carry the upstream's status (`throwOnError`, the response and retry interceptors). */
const UNDICI_STATUS_CODES = new Set(['UND_ERR_RESPONSE_STATUS_CODE', 'UND_ERR_RESPONSE', 'UND_ERR_REQ_RETRY'])

/**
 * Errors of the HTTP clients our server uses to call upstreams: axios, got, ky, undici and gaxios.
 * They put the upstream's status where generic handlers look (`status`, `statusCode`), so this rule
 * runs before the status rule: an upstream 5xx is 502, 429 and 503 are 503, 408 is 504, another 4xx
 * is 500. Without a response, their codes decide (timeouts 504, connection failures per system code).
 */
export const upstreamRule = family({
  name: 'upstream',
  triggers: {
    names: [
      'AxiosError',
      'CanceledError',
      'HTTPError',
      'TimeoutError',
      'GaxiosError',
      // got's classes (sindresorhus/got source/core/errors.ts and as-promise/types.ts)
      'RequestError',
      'ReadError',
      'ParseError',
      'MaxRedirectsError',
      'CacheError',
      'UploadError',
      'CancelError',
      'RetryError',
    ],
    keys: ['isAxiosError', 'config', 'options', 'timings', 'request'],
    codes: [...UNDICI_STATUS_CODES, 'ERR_NON_2XX_3XX_RESPONSE'],
  },
  read(value) {
    if (get(value, 'isAxiosError') === true) return axiosVerdict(value)
    if (get(value, GAXIOS_BRAND) !== undefined && isObjectLike(get(value, 'config')))
      return gaxiosVerdict(value)
    const code = codeOf(value)
    if (code !== undefined && UNDICI_STATUS_CODES.has(code)) {
      return upstreamStatusVerdict(get(value, 'statusCode'), get(value, 'headers'), 'upstream:undici')
    }
    // got (sindresorhus/got source/core/errors.ts): every RequestError has `options` and an own
    // `timings` field (undefined until the request exists: a cache error, a failing hook);
    // `response` is non-enumerable and carries `statusCode`.
    if (code === 'ERR_NON_2XX_3XX_RESPONSE' && isObjectLike(get(value, 'options'))) {
      return clientVerdict(value, 'got', get(value, 'response'), 'statusCode')
    }
    if (code !== undefined && value.ownKeys.includes('timings') && isObjectLike(get(value, 'options'))) {
      return clientVerdict(value, 'got', undefined, 'statusCode')
    }
    // ky (npm:ky distribution/errors/*.js): HTTPError and TimeoutError carry the `request`.
    const name = nameOf(value)
    if (name !== 'HTTPError' && name !== 'TimeoutError') return undefined
    if (!isObjectLike(get(value, 'request'))) return undefined
    if (name === 'TimeoutError') return { code: 'GATEWAY_TIMEOUT', rule: 'upstream:ky:timeout' }
    const response = get(value, 'response')
    return getNumber(response, 'status') === undefined
      ? undefined
      : clientVerdict(value, 'ky', response, 'status')
  },
})

function axiosVerdict(value: unknown): Verdict {
  // An `AbortSignal.timeout()` passed to axios comes back as a bare ERR_CANCELED; the signal kept
  // in `config` still says it was a timeout.
  if (codeOf(value) === 'ERR_CANCELED') return abortVerdict(value, 'upstream:axios')
  return clientVerdict(value, 'axios', get(value, 'response'), 'status')
}

function gaxiosVerdict(value: unknown): Verdict {
  const verdict = clientVerdict(value, 'gaxios', get(value, 'response'), 'status')
  if (!verdict.weak) return verdict
  // gaxios aborts its own request on timeout (`AbortSignal.timeout` in `config.signal`): the error
  // is 'The operation was aborted.' with an AbortError cause, as for a caller's abort.
  const cause = get(value, 'cause')
  const abort = [nameOf(cause), codeOf(value)].some((n) => n === 'AbortError' || n === 'TimeoutError')
  return abort ? abortVerdict(value, 'upstream:gaxios') : verdict
}

/** A cancelled upstream call: a timeout if the signal's reason says so (504), else the caller went away (499). */
function abortVerdict(value: unknown, rule: string): Verdict {
  if (nameOf(getPath(value, 'config', 'signal', 'reason')) === 'TimeoutError') {
    return { code: 'GATEWAY_TIMEOUT', rule: `${rule}:timeout` }
  }
  return { code: 'CLIENT_CLOSED_REQUEST', retryable: false, rule: `${rule}:aborted` }
}

/**
 * The Fetch standard's and the URL parser's refusals of a request before it was sent ("Failed to
 * parse URL from /v1/orders", "Request with GET/HEAD method cannot have body.", "Invalid URL",
 * node-fetch's "Only absolute URLs are supported"), as a client that wraps `fetch` copies them:
 * our own bug (500), no upstream's.
 */
const REQUEST_REFUSED =
  /^(?:Failed to parse URL from |Request with (?:GET\/HEAD|a GET or HEAD) method cannot have (?:a )?body|Invalid URL\b|Only absolute URLs are supported\b)/

function clientVerdict(value: unknown, client: string, response: unknown, statusKey: string): Verdict {
  const rule = `upstream:${client}`
  // Only an error status decides: axios reports a body cut mid-stream with the response's 200.
  const status = asErrorStatus(get(response, statusKey))
  if (status !== undefined) return upstreamStatusVerdict(status, get(response, 'headers'), rule)
  const code = codeOf(value)
  if (code !== undefined) {
    const known = lookup(CLIENT_CODES, code) ?? lookup(SYSTEM_CODES, code)
    if (known) return { ...known, rule: `${rule}:${code}` }
  }
  if (nameOf(value) === 'TimeoutError') return { code: 'GATEWAY_TIMEOUT', rule: `${rule}:timeout` }
  if (isObjectLike(response)) return upstreamStatusVerdict(get(response, statusKey), undefined, rule)
  if (REQUEST_REFUSED.test(messageOf(value) ?? '')) return { status: 500, rule: `${rule}:request-invalid` }
  return { code: 'BAD_GATEWAY', rule, weak: true }
}

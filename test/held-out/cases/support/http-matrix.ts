/**
 * The outbound-failure matrix that batch W runs against each AI / vector-database SDK: the
 * scripted upstream answers 400, 401, 403, 404, 409/422, 429 (Retry-After: 7), 500, 502, 503
 * (Retry-After: 7), an HTML page instead of JSON, resets the connection; then a closed port and a
 * silent upstream with the SDK's own short timeout. Each SDK's collector supplies the call, the
 * error body its API answers with, and whether the caught error still carries Retry-After.
 */
import { type Expected, type HeldOutCase, rejectionOf } from '../../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_429_BARE,
  UPSTREAM_503,
  UPSTREAM_503_BARE,
  WHY,
} from './http-expect.js'
import { RETRY_AFTER, type Reply, type Upstream } from './http-upstream.js'

export interface Matrix {
  readonly library: string
  readonly up: Upstream
  /** The SDK call against `up` (retries off). */
  readonly call: () => unknown
  /** The same call from a client whose base URL is a closed port. */
  readonly refused: () => unknown
  /** The same call from a client with a 250 ms timeout while `up` never answers (absent: the SDK has no timeout). */
  readonly timeout?: () => unknown
  /** The timeout setting, for `what` (default: the SDK's own 250 ms timeout). */
  readonly timeoutNote?: string
  /** The JSON error body the service answers with. */
  readonly body: (status: number, message: string) => unknown
  /** The client status besides 400/401/403/404 (409 or 422), with its message. */
  readonly conflict: readonly [409 | 422, string]
  /** Whether the caught 429 / 503 error still carries the Retry-After value (checked by hand). */
  readonly keepsRetryAfter: { readonly 429: boolean; readonly 503: boolean }
  /** What the SDK does with retries and timeouts, for `what`. */
  readonly settings: string
  /** Leave out some statuses (an SDK that swallows them). */
  readonly skip?: readonly (number | 'html' | 'reset')[]
  /** Statuses whose caught error does not report the upstream's status (no `upstreamStatus` then). */
  readonly silentStatuses?: readonly number[] | 'all'
  /** An HTML page: status and content type (default 200 text/html). */
  readonly html?: { readonly status: number; readonly contentType: string }
}

/**
 * A collector's `add(what, why, expect, error, upstreamStatus?)`: one case of `library` into
 * `cases`, the caught error described after `what` (then `note`, the client's settings).
 */
export function caseAdder(library: string, cases: HeldOutCase[], note = '') {
  return (what: string, why: string, expect: Expected, error: unknown, upstreamStatus?: number): void => {
    cases.push({
      library,
      what: `${what} (${describe(error)})${note}`,
      why,
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
      expect,
      error,
    })
  }
}

/** The class name, and the status or code, of a caught error, for `what`. */
export function describe(error: unknown): string {
  if (error === null || typeof error !== 'object') return `a thrown ${typeof error}`
  const e = error as Record<string, unknown>
  const parts = [String((error as object).constructor?.name ?? 'Object')]
  if (typeof e.name === 'string' && e.name !== parts[0]) parts.push(`name ${e.name}`)
  for (const key of ['status', 'statusCode', 'code']) {
    if (typeof e[key] === 'string' || typeof e[key] === 'number') parts.push(`${key} ${String(e[key])}`)
  }
  const cause = e.cause as Record<string, unknown> | undefined
  if (cause !== null && typeof cause === 'object') {
    const code = typeof cause.code === 'string' ? ` ${cause.code}` : ''
    parts.push(`cause ${String((cause as object).constructor?.name)}${code}`)
  }
  return parts.join(', ')
}

const MESSAGES: Record<number, string> = {
  400: 'Invalid request: field "input" is required',
  401: 'Invalid API key provided',
  403: 'Your plan does not include access to this resource',
  404: 'Resource not found',
  409: 'A resource with this name already exists',
  422: 'Unprocessable request: "top_k" must be between 1 and 100',
  429: 'Rate limit exceeded, please retry later',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service temporarily unavailable',
}

const HTML =
  '<!DOCTYPE html>\n<html><head><title>Sign in - Corporate Proxy</title></head>' +
  '<body><h1>Authentication required</h1><p>Please log in to continue.</p></body></html>\n'

export async function runMatrix(m: Matrix): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const skip = new Set(m.skip ?? [])
  const statuses: [number, Expected, string, Record<string, string>?][] = [
    [400, UPSTREAM_4XX, WHY.upstream4xx],
    [401, UPSTREAM_401, WHY.upstream401, { 'www-authenticate': 'Bearer realm="api"' }],
    [403, UPSTREAM_4XX, WHY.upstream4xx],
    [404, UPSTREAM_4XX, WHY.upstream4xx],
    [m.conflict[0], UPSTREAM_4XX, WHY.upstream4xx],
    [429, m.keepsRetryAfter[429] ? UPSTREAM_429 : UPSTREAM_429_BARE, WHY.upstream429, RETRY_AFTER],
    [500, UPSTREAM_5XX, WHY.upstream5xx],
    [502, UPSTREAM_5XX, WHY.upstream5xx],
    [503, m.keepsRetryAfter[503] ? UPSTREAM_503 : UPSTREAM_503_BARE, WHY.upstream503, RETRY_AFTER],
  ]
  for (const [status, expect, why, headers] of statuses) {
    if (skip.has(status)) continue
    const message = status === m.conflict[0] ? m.conflict[1] : (MESSAGES[status] ?? 'error')
    const reply: Reply = { status, body: m.body(status, message), ...(headers ? { headers } : {}) }
    m.up.reply(reply)
    const error = await rejectionOf(m.call)
    const ra = status === 429 || status === 503
    const note = ra
      ? m.keepsRetryAfter[status as 429 | 503]
        ? ' with Retry-After: 7, which the error keeps'
        : ' with Retry-After: 7, which the error drops (no header expected)'
      : ''
    cases.push({
      library: m.library,
      what: `upstream answered ${status}${note} (${describe(error)}); ${m.settings}`,
      why: ra && !m.keepsRetryAfter[status as 429 | 503] ? `${why}; the value is lost in the error` : why,
      ...(m.silentStatuses === 'all' || m.silentStatuses?.includes(status) ? {} : { upstreamStatus: status }),
      expect,
      error,
    })
  }
  if (!skip.has('html')) {
    const html = m.html ?? { status: 200, contentType: 'text/html; charset=utf-8' }
    m.up.reply({ status: html.status, headers: { 'content-type': html.contentType }, body: HTML })
    let note = ''
    let error: unknown
    try {
      await m.call()
      // The SDK handed the page back as text: a proxy that labels it JSON makes it fail.
      note = ` (as text/html the SDK returned the page as a string without an error; this one is labelled application/json)`
      m.up.reply({ status: html.status, headers: { 'content-type': 'application/json' }, body: HTML })
      error = await rejectionOf(m.call)
    } catch (caught) {
      error = caught
    }
    cases.push({
      library: m.library,
      what: `upstream answered ${html.status} with an HTML login page instead of JSON${note} (${describe(error)}); ${m.settings}`,
      why: 'upstream answered badly (not the protocol): 502',
      ...(html.status !== 200 ? { upstreamStatus: html.status } : {}),
      expect: RESET,
      error,
    })
  }
  if (!skip.has('reset')) {
    m.up.reply('reset')
    const error = await rejectionOf(m.call)
    cases.push({
      library: m.library,
      what: `upstream reset the connection (TCP RST) after reading the request (${describe(error)}); ${m.settings}`,
      why: WHY.reset,
      expect: RESET,
      error,
    })
  }
  {
    const error = await rejectionOf(m.refused)
    cases.push({
      library: m.library,
      what: `connection refused by a closed loopback port (${describe(error)}); ${m.settings}`,
      why: WHY.refused,
      expect: REFUSED,
      error,
    })
  }
  if (m.timeout !== undefined) {
    m.up.reply('hang')
    const error = await rejectionOf(m.timeout)
    cases.push({
      library: m.library,
      what: `${m.timeoutNote ?? "the SDK's own 250 ms timeout"} fired on an upstream that never answers (${describe(error)}); ${m.settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })
  }
  return cases
}

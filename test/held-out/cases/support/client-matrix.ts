/**
 * Batch AH: the outbound-failure scenarios for a generic HTTP client or fetch wrapper that our
 * server calls an upstream with. The scripted loopback upstream answers one status (with a JSON
 * error body, `WWW-Authenticate` on 401, `Retry-After: 7` on 429 and 503), an HTML page where JSON
 * was due, resets the connection, or answers bytes that are not HTTP. Each collector picks the
 * scenarios its client throws for, and says by hand whether its caught error keeps the upstream's
 * response headers (checked in out.txt).
 */
import { type Expected, type HeldOutCase, rejectionOf } from '../../case.js'
import {
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_429_BARE,
  UPSTREAM_503,
  UPSTREAM_503_BARE,
  UPSTREAM_504,
  WHY,
} from './http-expect.js'
import { describe } from './http-matrix.js'
import { RETRY_AFTER, type Reply, type Upstream } from './http-upstream.js'

export { describe }

export type Scenario =
  | 400
  | 401
  | 404
  | 409
  | 422
  | 429
  | 500
  | 502
  | 503
  | 504
  | 'html'
  | 'reset'
  | 'garbage'

const BODIES: Record<number, { code: string; message: string }> = {
  400: { code: 'invalid_request', message: 'field "sku" is required' },
  401: { code: 'unauthorized', message: 'invalid API key' },
  404: { code: 'not_found', message: 'no such order: ord_42' },
  409: { code: 'conflict', message: 'order ord_42 was modified concurrently' },
  422: { code: 'unprocessable', message: '"quantity" must be a positive integer' },
  429: { code: 'rate_limited', message: 'too many requests, slow down' },
  500: { code: 'internal', message: 'unexpected error' },
  502: { code: 'bad_gateway', message: 'bad gateway' },
  503: { code: 'unavailable', message: 'maintenance in progress' },
  504: { code: 'gateway_timeout', message: 'the origin did not answer in time' },
}

const HTML =
  '<!DOCTYPE html>\n<html><head><title>Sign in - Corporate Proxy</title></head>' +
  '<body><h1>Authentication required</h1><p>Please log in to continue.</p></body></html>\n'

/** The reply the upstream gives for a scenario. */
export function replyFor(s: Scenario): Reply {
  if (s === 'reset' || s === 'garbage') return s
  if (s === 'html')
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML }
  const headers: Record<string, string> =
    s === 401
      ? { 'www-authenticate': 'Bearer realm="orders-api"' }
      : s === 429 || s === 503
        ? { ...RETRY_AFTER }
        : {}
  return { status: s, headers, body: { error: BODIES[s] } }
}

export interface ClientMatrix {
  readonly library: string
  readonly up: Upstream
  /** The client call against `up`, retries off. */
  readonly call: () => unknown
  readonly scenarios: readonly Scenario[]
  /** Whether the caught 429 / 503 error keeps the upstream's Retry-After (checked by hand). */
  readonly keepsRetryAfter: boolean
  /** What the client does with statuses, retries and timeouts, for `what`. */
  readonly settings: string
  /** Statuses whose caught error does not report the upstream's status. */
  readonly silent?: boolean
}

/** Runs the scripted scenarios and labels each by the policy. */
export async function runScenarios(m: ClientMatrix): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  for (const s of m.scenarios) {
    m.up.reply(replyFor(s))
    const error = await rejectionOf(m.call)
    const d = describe(error)
    if (s === 'html') {
      cases.push({
        library: m.library,
        what: `upstream answered 200 with an HTML login page where JSON was due (${d}); ${m.settings}`,
        why: 'upstream answered badly (not the protocol): 502',
        expect: RESET,
        error,
      })
      continue
    }
    if (s === 'reset') {
      cases.push({
        library: m.library,
        what: `upstream reset the connection (TCP RST) after reading the request (${d}); ${m.settings}`,
        why: WHY.reset,
        expect: RESET,
        error,
      })
      continue
    }
    if (s === 'garbage') {
      cases.push({
        library: m.library,
        what: `upstream answered bytes that are not HTTP, then closed (${d}); ${m.settings}`,
        why: WHY.reset,
        expect: RESET,
        error,
      })
      continue
    }
    let expect: Expected = UPSTREAM_4XX
    let why: string = WHY.upstream4xx
    let note = ''
    if (s === 401) {
      expect = UPSTREAM_401
      why = WHY.upstream401
      note = ' with WWW-Authenticate: Bearer'
    } else if (s === 429 || s === 503) {
      expect =
        s === 429
          ? m.keepsRetryAfter
            ? UPSTREAM_429
            : UPSTREAM_429_BARE
          : m.keepsRetryAfter
            ? UPSTREAM_503
            : UPSTREAM_503_BARE
      why = s === 429 ? WHY.upstream429 : WHY.upstream503
      note = m.keepsRetryAfter
        ? ' with Retry-After: 7, which the error keeps'
        : ' with Retry-After: 7, which the error drops (no header expected)'
      if (!m.keepsRetryAfter) why = `${why}; the value is lost in the error`
    } else if (s === 504) {
      expect = UPSTREAM_504
      why = WHY.upstream504
    } else if (s >= 500) {
      expect = UPSTREAM_5XX
      why = WHY.upstream5xx
    }
    cases.push({
      library: m.library,
      what: `upstream answered ${s}${note} (${d}); ${m.settings}`,
      why,
      ...(m.silent ? {} : { upstreamStatus: s }),
      expect,
      error,
    })
  }
  return cases
}

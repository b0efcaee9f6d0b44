/**
 * The statuses the SaaS-SDK matrix (`saas-matrix.ts`) leaves out, for batch AJ: the scripted
 * upstream answers 403 and 502, 504 (a gateway in front of the service timed out), and resets the
 * connection once the request arrived. Each collector supplies the call and the service's error body.
 */
import { type HeldOutCase, rejectionOf } from '../../case.js'
import { RESET, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_504, WHY } from './http-expect.js'
import type { Upstream } from './http-upstream.js'
import { describe } from './saas-matrix.js'

export interface Extras {
  readonly library: string
  readonly up: Upstream
  /** The SDK call against `up` (retries off where the SDK allows). */
  readonly call: () => unknown
  /** The JSON error body the service answers with. */
  readonly body: (status: number, message: string) => unknown
  /** What the SDK does with retries and timeouts, for `what`. */
  readonly settings: string
  /** Statuses whose caught error does not report the upstream's status (no `upstreamStatus` then). */
  readonly silentStatuses?: readonly number[]
}

const GATEWAY_HTML =
  '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n' +
  '<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

export async function runExtras(m: Extras): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const scripted: [number, string, typeof UPSTREAM_4XX, string][] = [
    [403, 'Forbidden: this API key lacks the required scope', UPSTREAM_4XX, WHY.upstream4xx],
    [502, 'Bad gateway', UPSTREAM_5XX, WHY.upstream5xx],
  ]
  for (const [status, message, expect, why] of scripted) {
    m.up.reply({ status, body: m.body(status, message) })
    const error = await rejectionOf(m.call)
    cases.push({
      library: m.library,
      what: `upstream answered ${status} (${describe(error)}); ${m.settings}`,
      why,
      ...(m.silentStatuses?.includes(status) ? {} : { upstreamStatus: status }),
      expect,
      error,
    })
  }
  {
    // A gateway in front of the service gave up: nginx's own HTML page, not the service's JSON.
    m.up.reply({ status: 504, headers: { 'content-type': 'text/html' }, body: GATEWAY_HTML })
    const error = await rejectionOf(m.call)
    cases.push({
      library: m.library,
      what: `upstream gateway answered 504 with nginx's HTML page (${describe(error)}); ${m.settings}`,
      why: WHY.upstream504,
      ...(m.silentStatuses?.includes(504) ? {} : { upstreamStatus: 504 }),
      expect: UPSTREAM_504,
      error,
    })
  }
  {
    m.up.reply('reset')
    const error = await rejectionOf(m.call)
    cases.push({
      library: m.library,
      what: `the upstream reset the connection (TCP RST) once the request arrived (${describe(error)}); ${m.settings}`,
      why: WHY.reset,
      expect: RESET,
      error,
    })
  }
  return cases
}

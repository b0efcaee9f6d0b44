import { api } from '@pagerduty/pdjs'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@pagerduty/pdjs'

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // pdjs resolves every response it can parse as JSON (4xx included): only an unparsable body
  // rejects, with the fetch Response itself. Its 429 retries wait `retryTimeout` ms (10 here). Its
  // `requestTimeout` only arms an empty 30 s timer that a failed call never clears: 0 turns it off.
  const incidents = (base = up.url, extra: { signal?: AbortSignal } = {}) =>
    api({
      token: 'pd-token-not-real',
      url: `${base}/incidents`,
      retryTimeout: 10,
      requestTimeout: 0,
      ...extra,
    })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; pdjs api() with a full url')
  try {
    up.reply({ status: 502, headers: { 'content-type': 'text/html' }, body: HTML_502 })
    add(
      'the proxy in front of the PagerDuty API answered 502 with an HTML page; pdjs rejects with the fetch ' +
        'Response object itself',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => incidents()),
      502,
    )

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/plain' },
      body: 'Service Unavailable',
    })
    add(
      'the PagerDuty API answered 503 text/plain with Retry-After: 7; the rejected Response keeps its headers',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => incidents()),
      503,
    )

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Token realm="api"', 'content-type': 'text/plain' },
      body: 'Unauthorized',
    })
    add(
      'the PagerDuty API answered 401 text/plain with a WWW-Authenticate challenge to our token (Response rejected)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => incidents()),
      401,
    )

    up.reply({
      status: 429,
      headers: { ...RETRY_AFTER, 'content-type': 'text/plain' },
      body: 'Too Many Requests',
    })
    add(
      'the PagerDuty API answered 429 text/plain with Retry-After: 7 to all 4 attempts; the last Response is rejected',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => incidents()),
      429,
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"incidents":[{"id":"PT4KHLK",',
    })
    add(
      'the PagerDuty API answered 200 with a truncated JSON body; pdjs rejects with the Response',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => incidents()),
    )

    up.reply('reset')
    add(
      'the PagerDuty API reset the connection (TCP RST) after reading the request (node-fetch FetchError via ' +
        'cross-fetch)',
      WHY.reset,
      RESET,
      await rejectionOf(() => incidents()),
    )

    up.reply('hang')
    add(
      'our AbortSignal.timeout(250) passed to api() fired on an API that never answers (pdjs own requestTimeout ' +
        'does nothing); node-fetch rejects with its own AbortError',
      `${WHY.timeout}; the abort reason (a TimeoutError) is not on the error`,
      TIMED_OUT,
      await rejectionOf(() => incidents(up.url, { signal: AbortSignal.timeout(250) })),
    )

    const port = await closedPort()
    add(
      'connection refused by a closed loopback port (node-fetch FetchError)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => incidents(`http://127.0.0.1:${port}`)),
    )
    return cases
  } finally {
    await up.close()
  }
}

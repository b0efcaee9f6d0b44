import { HttpClient } from 'urllib'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { DNS_FAILURE, INVALID_HOST, WHY_DNS } from './support/dns.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'urllib'

const NGINX = (status: number, reason: string) =>
  `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1>` +
  '</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // urllib resolves every status; it throws only when the exchange fails or a dataType: 'json' body does not parse.
  const client = new HttpClient({ connect: { timeout: 1000 } })
  const getJson = (url = `${up.url}/v1/orders/ord_42`, extra: Record<string, unknown> = {}) =>
    client.request(url, { dataType: 'json', timeout: 2000, socketErrorRetry: 0, retry: 0, ...extra })
  const closed = await closedPort()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, "; urllib 4 HttpClient, dataType: 'json', retries off")
  try {
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getJson(`http://127.0.0.1:${closed}/v1/orders/ord_42`)),
    )

    add(
      `DNS lookup of the upstream host ${INVALID_HOST} failed (getaddrinfo ENOTFOUND)`,
      WHY_DNS,
      DNS_FAILURE,
      await rejectionOf(() => getJson(`http://${INVALID_HOST}/v1/orders/ord_42`)),
    )

    up.reply('hang')
    add(
      "urllib's own 250 ms timeout fired while waiting for the upstream's response headers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => getJson(undefined, { timeout: 250 })),
    )

    up.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"items": [')
    })
    add(
      "urllib's own body timeout (headers 1 s, body 250 ms) fired: the " +
        'upstream sent headers and part of the body, then stalled',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => getJson(undefined, { timeout: [1000, 250] })),
    )

    up.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' })
      res.write('{"items": [{"id": 1}, ')
      setTimeout(() => res.socket?.resetAndDestroy(), 20)
    })
    add(
      'the upstream reset the connection in the middle of the response body (content-length 5000, 22 bytes sent)',
      WHY.reset,
      RESET,
      await rejectionOf(() => getJson()),
    )

    up.reply('garbage')
    add(
      'the upstream answered bytes that are not HTTP, then closed',
      WHY.reset,
      RESET,
      await rejectionOf(() => getJson()),
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: NGINX(200, 'OK').replace('200 OK', 'Welcome'),
    })
    add(
      'the upstream answered 200 with an HTML page where JSON was due (the JSON parse error carries status 200)',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => getJson()),
    )

    up.reply({ status: 404, headers: { 'content-type': 'text/html' }, body: NGINX(404, 'Not Found') })
    add(
      "the upstream's nginx answered 404 with an HTML page for the order our server asked " +
        'for; the JSON parse error carries status 404 and the response headers',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getJson()),
      404,
    )

    up.reply({
      status: 429,
      headers: { 'content-type': 'text/html', ...RETRY_AFTER },
      body: NGINX(429, 'Too Many Requests'),
    })
    add(
      'the upstream answered 429 with an HTML page and Retry-After: 7; the ' +
        'JSON parse error keeps status 429 and the headers',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => getJson()),
      429,
    )

    up.reply({ status: 502, headers: { 'content-type': 'text/html' }, body: NGINX(502, 'Bad Gateway') })
    add(
      "the upstream's nginx answered 502 with its HTML page; the JSON parse error carries status 502",
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getJson()),
      502,
    )

    const controller = new AbortController()
    up.reply('hang')
    setTimeout(() => controller.abort(), 100)
    add(
      "our server's own AbortController aborted the call (shutdown) while our client was still connected",
      "an abort by the server's own controller, no timeout reason: ours, 500",
      { status: 500 },
      await rejectionOf(() => getJson(undefined, { signal: controller.signal })),
    )

    return cases
  } finally {
    await client.getDispatcher().close()
    await up.close()
  }
}

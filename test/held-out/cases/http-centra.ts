import centra from 'centra'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { DNS_FAILURE, INVALID_HOST, WHY_DNS } from './support/dns.js'
import { REFUSED, RESET, TIMED_OUT, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'centra'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const closed = await closedPort()
  // centra resolves every status (the caller reads res.statusCode); it rejects when the exchange fails.
  const get = (url = `${up.url}/v1/rates`, timeout = 2000) => centra(url).timeout(timeout).send()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; centra 2.7 request, timeout 2 s unless said')
  try {
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => get(`http://127.0.0.1:${closed}/v1/rates`)),
    )

    add(
      `DNS lookup of the upstream host ${INVALID_HOST} failed (getaddrinfo ENOTFOUND)`,
      WHY_DNS,
      DNS_FAILURE,
      await rejectionOf(() => get(`http://${INVALID_HOST}/v1/rates`)),
    )

    up.reply('hang')
    add(
      "centra's own 250 ms timeout fired on an upstream that never answers (a bare Error 'Timeout reached')",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => get(undefined, 250)),
    )

    up.reply('reset')
    add(
      'the upstream reset the connection (TCP RST) after reading the request',
      WHY.reset,
      RESET,
      await rejectionOf(() => get()),
    )

    up.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' })
      res.write('{"rates": [{"eur": 1.08}, ')
      setTimeout(() => res.socket?.resetAndDestroy(), 20)
    })
    add(
      'the upstream reset the connection in the middle of the response body (content-length 5000, 26 bytes sent)',
      WHY.reset,
      RESET,
      await rejectionOf(() => get()),
    )

    up.reply('garbage')
    add(
      'the upstream answered bytes that are not HTTP, then closed',
      WHY.reset,
      RESET,
      await rejectionOf(() => get()),
    )

    up.reply((req, res) => {
      const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? '0')
      res.writeHead(302, { location: `/v1/rates?n=${n + 1}` })
      res.end()
    })
    add(
      'the upstream redirected in a loop; centra (followRedirects(3), through follow-redirects) gave up after 3',
      'upstream answered badly (a redirect loop is no answer): 502',
      RESET,
      await rejectionOf(() => centra(`${up.url}/v1/rates`).followRedirects(3).timeout(2000).send()),
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<!DOCTYPE html><html><body>Sign in</body></html>',
    })
    add(
      "the upstream answered 200 with an HTML login page; centra's res.json() rejects with the JSON parse error",
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(async () => (await get()).json()),
    )

    add(
      'the upstream URL of our configuration has a scheme centra cannot speak ("ftp://…")',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => get('ftp://127.0.0.1/v1/rates')),
    )
    return cases
  } finally {
    await up.close()
  }
}

import superagent from 'superagent'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'superagent'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // superagent retries only when .retry(n) is called; it is not.
  const getInvoice = () =>
    superagent.get(`${up.url}/invoices/9`).set('authorization', 'Bearer test').timeout(2000)
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="billing"' },
      body: { error: 'unauthorized' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 with a Basic challenge to our credentials (superagent HTTP error)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getInvoice),
    })

    up.reply({ status: 400, body: { error: 'invalid currency' } })
    cases.push({
      library,
      what: 'upstream answered 400 to the body we posted (superagent HTTP error)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => superagent.post(`${up.url}/invoices`).send({ currency: 'XXX' })),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'too many requests' } })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (superagent HTTP error)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getInvoice),
    })

    up.reply({ status: 500, body: { error: 'boom' } })
    cases.push({
      library,
      what: 'upstream answered 500 (superagent HTTP error)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getInvoice),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'down for maintenance' })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 (superagent HTTP error)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(getInvoice),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "superagent's own 250 ms response timeout fired (ECONNABORTED, errno ETIMEDOUT, timeout: 250)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => superagent.get(`${up.url}/invoices/9`).timeout({ response: 250 })),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream reset the connection after our request (ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(getInvoice),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => superagent.get(`http://127.0.0.1:${port}/health`)),
    })
    return cases
  } finally {
    await up.close()
  }
}

import Mailgun from 'mailgun.js'
import { type Collect, type HeldOutCase, rejectionOf } from '../../held-out/case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from '../../held-out/cases/support/http-expect.js'
import { closedPort, startUpstream } from '../../held-out/cases/support/http-upstream.js'

const library = 'mailgun.js'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // mailgun.js never retries; timeout: 250 is its axios timeout.
  const mailgun = (url: string) =>
    new Mailgun(FormData).client({ username: 'api', key: 'key-test', url, timeout: 250 })
  const getDomain = () => mailgun(up.url).domains.get('mg.example.com')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="MG API"' },
      body: 'Forbidden',
    })
    cases.push({
      library,
      what: "upstream answered 401 'Forbidden' to our key (APIError, type MailgunAPIError, status 401)",
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getDomain),
    })

    up.reply({ status: 404, body: { message: 'Domain not found' } })
    cases.push({
      library,
      what: 'upstream answered 404 Domain not found (APIError, type MailgunAPIError, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getDomain),
    })

    up.reply({ status: 429, body: { message: 'Too many requests' } })
    cases.push({
      library,
      what: 'upstream answered 429 to a message send (APIError, status 429, no headers kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(() =>
        mailgun(up.url).messages.create('mg.example.com', {
          from: 'a@mg.example.com',
          to: ['b@example.com'],
          subject: 'hi',
          text: 'hi',
        }),
      ),
    })

    up.reply({ status: 500, body: { message: 'Internal Server Error' } })
    cases.push({
      library,
      what: 'upstream answered 500 (APIError, type MailgunAPIError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getDomain),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "mailgun's own 250 ms timeout fired (APIError, status 400, message ECONNABORTED)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getDomain),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (APIError, status 400, message ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => mailgun(`http://127.0.0.1:${port}`).domains.get('mg.example.com')),
    })
    return cases
  } finally {
    await up.close()
  }
}

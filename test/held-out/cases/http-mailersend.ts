import { EmailParams, MailerSend, Recipient, Sender } from 'mailersend'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'mailersend'

/** A client whose email module talks to `base` instead of api.mailersend.com (its base URL is fixed). */
function client(base: string): MailerSend {
  const ms = new MailerSend({ apiKey: 'mlsn.test' })
  ;(ms.email as unknown as { baseUrl: string }).baseUrl = `${base}/v1`
  return ms
}

const params = new EmailParams()
  .setFrom(new Sender('shop@example.com', 'Shop'))
  .setTo([new Recipient('ada@example.com', 'Ada')])
  .setSubject('Your order')
  .setText('Thanks!')

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const ms = client(up.url)
  const send = (c: MailerSend = ms) => c.email.send(params)
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="mailersend"' },
      body: { message: 'Unauthenticated.' },
    })
    cases.push({
      library,
      what: 'upstream 401 to our API token (a plain object {headers, body, statusCode: 401} is thrown, not an Error)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => send()),
    })
    up.reply({
      status: 422,
      body: {
        message: 'The from.email must be verified.',
        errors: { 'from.email': ['The from.email domain must be verified in your account.'] },
      },
    })
    cases.push({
      library,
      what: 'upstream 422 "from.email must be verified" (plain object {headers, body, statusCode: 422})',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => send()),
    })
    up.reply({ status: 429, headers: RETRY_AFTER, body: { message: 'Too Many Attempts.' } })
    cases.push({
      library,
      what: 'upstream 429 with Retry-After: 7 (plain object, headers a plain record with retry-after)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => send()),
    })
    up.reply({ status: 500, body: { message: 'Server Error' } })
    cases.push({
      library,
      what: 'upstream 500 (plain object {headers, body, statusCode: 500})',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => send()),
    })
    up.reply({ status: 503, headers: RETRY_AFTER, body: { message: 'Service Unavailable' } })
    cases.push({
      library,
      what: 'upstream 503 with Retry-After: 7 (plain object {headers, body, statusCode: 503})',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => send()),
    })
    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream resets the connection (GaxiosError "fetch failed" passed through, cause TypeError fetch failed)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(() => send()),
    })
    cases.push({
      library,
      what: 'the API port refuses (GaxiosError "fetch failed" passed through, cause TypeError fetch failed)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => send(client(`http://127.0.0.1:${refusedPort}`))),
    })
    return cases
  } finally {
    await up.close()
  }
}

import twilio from 'twilio'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { startUpstream } from './support/http-upstream.js'

const library = 'twilio'

/** Twilio's error body. */
function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }
}

// Twilio's timeouts and refusals reject with the raw AxiosError of the axios it uses, so only the
// answered statuses (its own RestException) are here.
// No Retry-After is sent with the 429 and 503: a RestException carries no response headers, so no
// Retry-After could be known from them.
export const collect: Collect = async () => {
  const up = await startUpstream()
  // autoRetry: false (the default, stated). Twilio has no base-URL option: the `api` domain's
  // baseUrl is pointed at the loopback server.
  const client = twilio('ACtest00000000000000000000000000', 'not-the-auth-token', {
    autoRetry: false,
    timeout: 2000,
  })
  client.api.baseUrl = up.url
  const send = () =>
    client.messages.create({ to: '+15005550006', from: '+15005550001', body: 'Your code is 123456' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Twilio API"' },
      body: twilioError(401, 20003, 'Authenticate'),
    })
    cases.push({
      library,
      what: 'Twilio answered 401 (20003 Authenticate) to our account credentials (RestException)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(send),
    })

    up.reply({
      status: 400,
      body: twilioError(400, 21211, "Invalid 'To' Phone Number: +1500555XXXX"),
    })
    cases.push({
      library,
      what: "Twilio answered 400 (21211 Invalid 'To' Phone Number) (RestException)",
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(send),
    })

    up.reply({
      status: 404,
      body: twilioError(
        404,
        20404,
        'The requested resource /2010-04-01/Accounts/AC…/Messages/SM….json was not found',
      ),
    })
    cases.push({
      library,
      what: 'Twilio answered 404 (20404) for a message we fetched (RestException)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.messages('SM00000000000000000000000000000000').fetch()),
    })

    up.reply({ status: 429, body: twilioError(429, 20429, 'Too Many Requests') })
    cases.push({
      library,
      what: 'Twilio answered 429 (20429 Too Many Requests) (RestException)',
      why: 'upstream 429: dependency unavailable, 503',
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(send),
    })

    up.reply({ status: 500, body: twilioError(500, 20500, 'Internal Server Error') })
    cases.push({
      library,
      what: 'Twilio answered 500 (20500 Internal Server Error) (RestException)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(send),
    })

    up.reply({ status: 503, body: twilioError(503, 20503, 'Service Unavailable') })
    cases.push({
      library,
      what: 'Twilio answered 503 (20503 Service Unavailable) (RestException)',
      why: 'upstream 503: dependency unavailable',
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(send),
    })
    return cases
  } finally {
    await up.close()
  }
}

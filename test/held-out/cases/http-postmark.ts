import { ServerClient } from 'postmark'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'postmark'

/** Postmark's error envelope. */
function postmarkError(code: number, message: string) {
  return { ErrorCode: code, Message: message }
}

const email = { From: 'billing@example.com', To: 'ada@example.com', Subject: 'Invoice', TextBody: 'Hi' }

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client never retries; timeout is in seconds.
  const client = new ServerClient('server-test-not-a-token', {
    useHttps: false,
    requestHost: `127.0.0.1:${up.port}`,
    timeout: 0.25,
  })
  const send = () => client.sendEmail(email)
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      body: postmarkError(
        10,
        'The Server Token you provided in the X-Postmark-Server-Token request header was invalid.',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 401 ErrorCode 10 to our server token (InvalidAPIKeyError, statusCode 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(send),
    })

    up.reply({ status: 422, body: postmarkError(300, "Invalid 'To' address: 'ada@'.") })
    cases.push({
      library,
      what: 'upstream answered 422 ErrorCode 300 to the email we sent (InvalidEmailRequestError, code 300)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(send),
    })

    up.reply({ status: 429, body: postmarkError(0, 'Rate limit exceeded') })
    cases.push({
      library,
      what: 'upstream answered 429 (RateLimitExceededError, statusCode 429, no headers kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(send),
    })

    up.reply({ status: 500, body: postmarkError(0, 'Internal server error') })
    cases.push({
      library,
      what: 'upstream answered 500 (InternalServerError, statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(send),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (PostmarkError, statusCode 0, the cause dropped)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(send),
    })

    const port = await closedPort()
    const offline = new ServerClient('server-test-not-a-token', {
      useHttps: false,
      requestHost: `127.0.0.1:${port}`,
    })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (PostmarkError "fetch failed", cause dropped)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.sendEmail(email)),
    })
    return cases
  } finally {
    await up.close()
  }
}

import { SMS } from '@vonage/sms'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { UPSTREAM_4XX, UPSTREAM_429_BARE, WHY } from './support/http-expect.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@vonage/sms'

const CREDENTIALS = { apiKey: 'a1b2c3d4', apiSecret: 'NotARealSecret123' }

function sms(restHost: string): SMS {
  return new SMS(CREDENTIALS, { restHost, timeout: 250 })
}

// No retries; timeout (ms) aborts the SDK's own AbortController.
const SETTINGS = "no retries; the SDK's timeout option 250 ms"

const message = { to: '447700900000', from: 'AcmeShop', text: 'Your code is 123456' }

/** The SMS API answers 200 and reports each message's status inside the body. */
function smsReply(...statuses: [string, string?][]) {
  return {
    'message-count': String(statuses.length),
    messages: statuses.map(([status, errorText], i) => ({
      to: `44770090000${i}`,
      status,
      ...(errorText
        ? { 'error-text': errorText }
        : { 'message-id': `0A000000${i}`, 'remaining-balance': '3.1' }),
    })),
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = sms(up.url)
  const send = () => client.send(message)
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runMatrix({
        library,
        up,
        call: send,
        refused: async () => sms(`http://127.0.0.1:${await closedPort()}`).send(message),
        timeout: send,
        timeoutNote: "the SDK's own 250 ms timeout (it aborts its AbortController without a reason)",
        body: (_status, text) => ({ type: 'https://developer.vonage.com/api-errors', title: text }),
        conflict: [422, 'Invalid sender'],
        keepsRetryAfter: { 429: false, 503: false },
        settings: SETTINGS,
        skip: [400, 403, 404, 422, 502, 'html'],
      })),
    )

    up.reply({ status: 200, body: smsReply(['4', 'Bad Credentials']) })
    cases.push({
      library,
      what: `the SMS API answered 200 with message status "4" "Bad Credentials" for our API key (MessageSendPartialFailure, not …AllFailure: the SDK compares its failure count with the reply's string "message-count"; it carries the parsed reply); ${SETTINGS}`,
      why: 'upstream refused our credentials (in a 200 body): 500',
      expect: UPSTREAM_4XX,
      error: await rejectionOf(send),
    })

    up.reply({
      status: 200,
      body: smsReply(['1', 'Throughput Rate Exceeded - please wait [ 250 ] and retry']),
    })
    cases.push({
      library,
      what: `the SMS API answered 200 with message status "1" "Throughput Rate Exceeded" (it throttled our account; MessageSendPartialFailure carrying the parsed reply); ${SETTINGS}`,
      why: `${WHY.upstream429} (the throttling is reported in a 200 body); no Retry-After header`,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(send),
    })

    up.reply({ status: 200, body: smsReply(['0'], ['29', 'Non-Whitelisted Destination']) })
    cases.push({
      library,
      what: `the SMS API sent one of two message parts and refused the other with status "29" "Non-Whitelisted Destination" (MessageSendPartialFailure); ${SETTINGS}`,
      why: 'upstream refused our request (our account is not allowed that destination): 500',
      expect: UPSTREAM_4XX,
      error: await rejectionOf(send),
    })

    {
      const error = await rejectionOf(() =>
        new SMS({ apiKey: '', apiSecret: '' }, { restHost: up.url }).send(message),
      )
      cases.push({
        library,
        what: 'our server built the client from unset credential variables (""): MissingApiKeyError, thrown before any request',
        why: 'our own misconfiguration (missing API key): 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    await up.close()
  }
}

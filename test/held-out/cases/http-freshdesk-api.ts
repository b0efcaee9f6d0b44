import Freshdesk from 'freshdesk-api'
import type { Collect, HeldOutCase } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'freshdesk-api'

type Callback = (error: unknown, data?: unknown) => void

/** What the SDK passes to a call's callback as its error (it has no promise API); throws if there is none. */
function callbackError(call: (cb: Callback) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    call((error) => (error ? resolve(error) : reject(new Error('expected an error'))))
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = new Freshdesk(up.url, 'not-a-real-freshdesk-key')
  const getTicket = (c = client) => callbackError((cb) => c.getTicket(20931, cb))
  const createContact = () =>
    callbackError((cb) => client.createContact({ name: 'Ada Lovelace', email: 'ada@example.com' }, cb))
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; undici 5 underneath, no retries, no timeout')
  try {
    up.reply({
      status: 401,
      body: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' },
    })
    add(
      'helpdesk answered 401 "invalid_credentials" to our API key',
      WHY.upstream401,
      UPSTREAM_401,
      await getTicket(),
      401,
    )

    up.reply({ status: 404, headers: { 'content-type': 'text/plain' }, body: '' })
    add(
      'helpdesk answered 404 with an empty text body for the ticket id; ' +
        'the SDK says "The requested entity was not found"',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await getTicket(),
      404,
    )

    up.reply({ status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '' })
    add(
      'helpdesk answered 404 with an empty body labelled JSON; ' +
        'the SDK parses it, and passes on the SyntaxError instead',
      `${WHY.upstream4xx}; the status is lost in the error`,
      UPSTREAM_4XX,
      await getTicket(),
      404,
    )

    up.reply({
      status: 409,
      body: {
        description: 'Validation failed',
        errors: [
          {
            field: 'email',
            additional_info: { user_id: 48003264521 },
            message: 'It should be a unique value',
            code: 'duplicate_value',
          },
        ],
      },
    })
    add(
      'helpdesk answered 409 "Validation failed" (email duplicate_value) when our server created a contact',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await createContact(),
      409,
    )

    up.reply({
      status: 400,
      body: {
        description: 'Validation failed',
        errors: [
          { field: 'email', message: 'It should be in the valid email format', code: 'invalid_value' },
        ],
      },
    })
    add(
      'helpdesk answered 400 "Validation failed" (email invalid_value) to the contact our server sent',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await createContact(),
      400,
    )

    up.reply({ status: 429, headers: { ...RETRY_AFTER, 'content-type': 'text/plain' }, body: '' })
    add(
      'helpdesk answered 429 with Retry-After: 7; the error keeps it as retryAfter: 7',
      WHY.upstream429,
      UPSTREAM_429,
      await getTicket(),
      429,
    )

    up.reply({ status: 500, body: { description: 'Unexpected error', errors: [] } })
    add('helpdesk answered 500 "Unexpected error"', WHY.upstream5xx, UPSTREAM_5XX, await getTicket(), 500)

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body:
        '<html><head><title>502 Bad Gateway</title></head>' +
        '<body><center><h1>502 Bad Gateway</h1></center></body></html>',
    })
    add(
      'the proxy answered 502 with an HTML page; the SDK falls back to its default message',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await getTicket(),
      502,
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '<html><body>Please sign in to continue</body></html>',
    })
    add(
      'helpdesk answered 200 labelled JSON with an HTML sign-in page; ' +
        "undici's body.json() throws and the SDK passes it on",
      'upstream answered badly (not the protocol): 502',
      RESET,
      await getTicket(),
    )

    up.reply('reset')
    add(
      'helpdesk reset the connection (TCP RST) after reading the request',
      WHY.reset,
      RESET,
      await getTicket(),
    )

    const refused = new Freshdesk(`http://127.0.0.1:${await closedPort()}`, 'not-a-real-freshdesk-key')
    add('connection refused by a closed loopback port', WHY.refused, REFUSED, await getTicket(refused))
    return cases
  } finally {
    await up.close()
  }
}

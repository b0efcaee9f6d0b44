import { Event, Suprsend, WorkflowTriggerRequest } from '@suprsend/node-sdk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@suprsend/node-sdk'
const KEY = 'Qw3rTy8uIoP1aSdFgHjK'
const SECRET = 'SS.WSS.notArealWorkspaceSecret00000000'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = new Suprsend(KEY, SECRET, { base_url: up.url })
  const getUser = (c = client) => c.users.get('user_42')
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const body = (code: number, message: string) => ({ code, error_code: 'error', type: 'error', message })
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Signature' },
      body: body(401, 'invalid signature'),
    })
    add(
      'SuprSend API answered 401 to our workspace signature; SuprsendApiError keeps only "401: message"',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => getUser()),
      401,
    )

    up.reply({ status: 404, body: body(404, "user 'user_42' not found") })
    add(
      'SuprSend API answered 404 for the user our server looked up (status only in the message)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getUser()),
      404,
    )

    up.reply({ status: 429, headers: RETRY_AFTER, body: body(429, 'rate limit exceeded') })
    add(
      'SuprSend API answered 429 with Retry-After: 7 (status only in the message, header lost)',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => getUser()),
      429,
    )

    up.reply({ status: 500, body: body(500, 'internal server error') })
    add(
      'SuprSend API answered 500 (status only in the message)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getUser()),
      500,
    )

    up.reply('reset')
    add(
      'SuprSend API reset the connection; SuprsendApiError keeps only the message "read ECONNRESET"',
      WHY.reset,
      RESET,
      await rejectionOf(() => getUser()),
    )

    const refused = new Suprsend(KEY, SECRET, { base_url: `http://127.0.0.1:${await closedPort()}` })
    add(
      'connection refused by a closed loopback port; SuprsendApiError keeps only the message',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getUser(refused)),
    )

    add(
      "workflows.trigger of a request our code built without a workflow slug: the SDK's JSON-schema check fails",
      'an event payload our code built wrong: 500',
      { status: 500 },
      await rejectionOf(() =>
        client.workflows.trigger(
          new WorkflowTriggerRequest({ workflow: '', recipients: [{ distinct_id: 'user_42' }] }),
        ),
      ),
    )

    add(
      'an Event our code named with the reserved "$" prefix: the SDK rejects it',
      'an event payload our code built wrong: 500',
      { status: 500 },
      await rejectionOf(() =>
        client.track_event(new Event('user_42', '$order_shipped', { orderId: 'ord_1' })),
      ),
    )

    add(
      'the client built without a workspace secret (environment variable unset)',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new Suprsend(KEY, '', { base_url: up.url })),
    )
    return cases
  } finally {
    await up.close()
  }
}

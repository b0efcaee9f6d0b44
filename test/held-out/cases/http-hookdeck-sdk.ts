import { HookdeckClient } from '@hookdeck/sdk'
import { verifyWebhookSignature } from '@hookdeck/sdk/webhooks/helpers.js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@hookdeck/sdk'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = new HookdeckClient({ token: 'not-a-real-hookdeck-key', environment: up.url })
  const opts = { maxRetries: 0, timeoutInSeconds: 2 }
  const retrieve = (c = client, o = opts) => c.event.retrieve('evt_Oy7m0K2hQ1', o)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; maxRetries 0')
  const local = caseAdder(library, cases)
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { handled: true, status: 401, message: 'Unauthorized' },
    })
    add(
      'Hookdeck API answered 401 to our API key on event.retrieve',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => retrieve()),
      401,
    )

    up.reply({ status: 404, body: { handled: true, status: 404, message: 'Event not found' } })
    add(
      'Hookdeck API answered 404 for the event id we asked for (the SDK raises its NotFoundError)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => retrieve()),
      404,
    )

    up.reply({
      status: 422,
      body: {
        handled: true,
        status: 422,
        code: 'UNPROCESSABLE_ENTITY',
        message: 'destination.url must be a valid URL',
      },
    })
    add(
      'Hookdeck API answered 422 to the connection our server upserted (destination URL it rejects)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() =>
        client.connection.upsert(
          { name: 'orders', source: { name: 'shopify' }, destination: { name: 'api', url: 'not a url' } },
          opts,
        ),
      ),
      422,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { handled: true, status: 429, message: 'Too many requests' },
    })
    add(
      'Hookdeck API answered 429 with Retry-After: 7; the error keeps only statusCode and body',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => retrieve()),
      429,
    )

    up.reply({ status: 500, body: { handled: false, status: 500, message: 'Internal Server Error' } })
    add('Hookdeck API answered 500', WHY.upstream5xx, UPSTREAM_5XX, await rejectionOf(() => retrieve()), 500)

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    add(
      'Hookdeck API answered 503 with Retry-After: 7 and a text body; the error drops the header',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => retrieve()),
      503,
    )

    up.reply('hang')
    add(
      "the SDK's own timeoutInSeconds 0.25 fired on an API that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => retrieve(client, { maxRetries: 0, timeoutInSeconds: 0.25 })),
    )

    up.reply('reset')
    add(
      'Hookdeck API reset the connection; node-fetch failure wrapped into a HookdeckError with only a message',
      WHY.reset,
      RESET,
      await rejectionOf(() => retrieve()),
    )

    const refused = new HookdeckClient({ token: 'k', environment: `http://127.0.0.1:${await closedPort()}` })
    add(
      'connection refused by a closed loopback port (HookdeckError with only a message)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => retrieve(refused)),
    )

    local(
      'incoming webhook without the x-hookdeck-signature header: verifyWebhookSignature throws',
      'auth: the sender of the incoming webhook presented no signature (401)',
      { status: 401 },
      await rejectionOf(() =>
        verifyWebhookSignature({
          headers: { 'content-type': 'application/json' },
          rawBody: '{"id":"ord_1"}',
          signingSecret: 'whsec_configured',
        }),
      ),
    )

    local(
      'verifyWebhookSignature called with an empty signing secret (the environment variable is unset)',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() =>
        verifyWebhookSignature({
          headers: { 'x-hookdeck-signature': 'dGhpcyBpcyBub3QgYSBzaWduYXR1cmU=' },
          rawBody: '{"id":"ord_1"}',
          signingSecret: '',
        }),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}

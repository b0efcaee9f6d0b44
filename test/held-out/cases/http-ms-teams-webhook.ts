import { IncomingWebhook } from 'ms-teams-webhook'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
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

const library = 'ms-teams-webhook'

const PATH = '/workflows/0a1b2c3d4e5f/triggers/manual/paths/invoke?api-version=2016-06-01&sig=not-a-real-sig'
const card = {
  type: 'AdaptiveCard' as const,
  version: '1.4',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an Adaptive Card's own template syntax
  body: [{ type: 'TextBlock' as const, text: 'Deploy ${name} finished' }],
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const hook = new IncomingWebhook(`${up.url}${PATH}`)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; axios under the hood, no retries')
  try {
    up.reply({
      status: 400,
      body: {
        error: {
          code: 'WorkflowTriggerIsNotEnabled',
          message: "Could not find a workflow trigger with the name 'manual' that is enabled.",
        },
      },
    })
    add(
      'the Power Automate endpoint answered 400 with { error: { code, message } }; the client throws its own ' +
        'MicrosoftTeamsError with only the message and the service code (no status, no response)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => hook.sendAdaptiveCard(card, { name: 'api' })),
      400,
    )

    up.reply({
      status: 401,
      body: {
        error: { code: 'DirectApiAuthorizationRequired', message: 'The request must be authenticated' },
      },
    })
    add(
      'the workflow endpoint answered 401 "DirectApiAuthorizationRequired" (not a 400: the AxiosError is rethrown)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => hook.sendText('Deploy finished')),
      401,
    )

    up.reply({
      status: 404,
      headers: { 'content-type': 'text/plain' },
      body: 'Webhook Bad Request - Null or empty event',
    })
    add(
      'the webhook answered 404 with a text body: the workflow in our config was deleted',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => hook.send({ text: 'Deploy finished' })),
      404,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { error: { code: 'TooManyRequests', message: 'Rate limit is exceeded' } },
    })
    add(
      'the workflow endpoint answered 429 with Retry-After: 7 (the AxiosError keeps the response headers)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => hook.sendRawAdaptiveCard({ type: 'message' })),
      429,
    )

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>502 Bad Gateway</body></html>',
    })
    add(
      'the workflow endpoint answered 502 with an HTML page',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => hook.sendText('Deploy finished')),
      502,
    )

    up.reply('reset')
    add(
      'the workflow endpoint reset the connection (TCP RST) after reading the request',
      WHY.reset,
      RESET,
      await rejectionOf(() => hook.sendText('Deploy finished')),
    )

    const refused = new IncomingWebhook(`http://127.0.0.1:${await closedPort()}${PATH}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.sendText('Deploy finished')),
    )

    add(
      'our code passed a JSON string to send(); the client throws before any request',
      'our bug (SDK argument check): 500',
      { status: 500 },
      await rejectionOf(() => hook.send('{"text":"Deploy finished"}' as unknown as object)),
    )

    add(
      "sendAdaptiveCard got a card whose type is not 'AdaptiveCard'; the client's assertion throws",
      'our bug (SDK argument check): 500',
      { status: 500 },
      await rejectionOf(() =>
        hook.sendAdaptiveCard({ ...card, type: 'MessageCard' } as unknown as typeof card),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}

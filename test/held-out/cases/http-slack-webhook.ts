import { IncomingWebhook } from '@slack/webhook'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@slack/webhook'

const PATH = '/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'
const text = 'Order #1042 was refunded'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // Retries are off by default (retryConfig { retries: 0 }); the timeout is off unless set.
  const hook = new IncomingWebhook(`${up.url}${PATH}`)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; global fetch, no retries')
  const plain = (status: number, body: string, headers: Record<string, string> = {}) =>
    up.reply({ status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body })
  try {
    plain(400, 'invalid_blocks')
    add(
      'Slack answered 400 "invalid_blocks" to the message our server built',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => hook.send({ text, blocks: [{ type: 'section' }] })),
      400,
    )

    plain(403, 'invalid_token')
    add(
      'Slack answered 403 "invalid_token": the webhook URL in our config was revoked',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => hook.send(text)),
      403,
    )

    plain(404, 'no_service')
    add(
      'Slack answered 404 "no_service": the webhook in our config was removed',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => hook.send(text)),
      404,
    )

    plain(410, 'channel_is_archived')
    add(
      'Slack answered 410 "channel_is_archived" for the channel of our webhook',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => hook.send(text)),
      410,
    )

    plain(429, 'rate_limited', RETRY_AFTER)
    add(
      'Slack answered 429 "rate_limited" with Retry-After: 7; the error keeps status and body, not the headers',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => hook.send(text)),
      429,
    )

    plain(500, 'internal_error')
    add(
      'Slack answered 500 "internal_error"',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => hook.send(text)),
      500,
    )

    plain(503, 'service_unavailable', RETRY_AFTER)
    add(
      'Slack answered 503 with Retry-After: 7; the error drops the headers',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => hook.send(text)),
      503,
    )

    up.reply('hang')
    add(
      "the client's own 250 ms timeout fired (AbortSignal.timeout inside the client, wrapped in its request error)",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => new IncomingWebhook(`${up.url}${PATH}`, { timeout: 250 }).send(text)),
    )

    const refused = new IncomingWebhook(`http://127.0.0.1:${await closedPort()}${PATH}`)
    add(
      'connection refused by a closed loopback port (fetch failed, wrapped in its request error)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.send(text)),
    )

    add(
      'the webhook was built without a URL (environment variable unset); the constructor throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new IncomingWebhook(process.env.SLACK_WEBHOOK_URL_THAT_IS_NOT_SET as string)),
    )
    return cases
  } finally {
    await up.close()
  }
}

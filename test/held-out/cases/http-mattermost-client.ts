import mattermost from '@mattermost/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const { Client4 } = mattermost
const library = '@mattermost/client'

const CHANNEL = 'ts4gjg8quf8ktcmbsxw6k3xyuh'

/** Mattermost's AppError body. */
const appError = (id: string, message: string, status: number) => ({
  id,
  message,
  detailed_error: '',
  request_id: 'k3fq9b1tc3rzdmx8oxaa1bkxay',
  status_code: status,
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = (url: string) => {
    const c = new Client4()
    c.setUrl(url)
    c.setToken('not-a-real-bot-token')
    return c
  }
  const mm = client(up.url)
  const post = (c = mm) => c.createPost({ channel_id: CHANNEL, message: 'Build #88 failed' })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; global fetch, no retries, no timeout option')
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="mattermost"' },
      body: appError(
        'api.context.session_expired.app_error',
        'Invalid or expired session, please login again.',
        401,
      ),
    })
    add(
      'Mattermost answered 401 "Invalid or expired session" to our bot token ' +
        '(ClientError with status_code from the body)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => post()),
      401,
    )

    up.reply({
      status: 403,
      body: appError(
        'api.context.permissions.app_error',
        'You do not have the appropriate permissions.',
        403,
      ),
    })
    add(
      'Mattermost answered 403 "You do not have the appropriate permissions" to our bot',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => post()),
      403,
    )

    up.reply({
      status: 404,
      body: appError('app.channel.get.existing.app_error', 'Unable to find the existing channel.', 404),
    })
    add(
      'Mattermost answered 404 "Unable to find the existing channel" for the channel id our server is configured with',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => mm.getChannel(CHANNEL)),
      404,
    )

    up.reply({
      status: 400,
      body: appError('model.post.is_valid.msg.app_error', 'Invalid message.', 400),
    })
    add(
      'Mattermost answered 400 "Invalid message." to the post our server built',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => post()),
      400,
    )

    // The server's rate limiter (throttled) answers in plain text, so the error has neither message nor status.
    up.reply({
      status: 429,
      headers: { ...RETRY_AFTER, 'content-type': 'text/plain; charset=utf-8', 'x-ratelimit-limit': '10' },
      body: 'limit exceeded\n',
    })
    add(
      'Mattermost\'s rate limiter answered 429 "limit exceeded" in plain text with Retry-After: 7; the ClientError ' +
        'has an empty message and no status_code',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => post()),
      429,
    )

    up.reply({
      status: 500,
      body: appError('app.post.save.app_error', 'Unable to save the Post.', 500),
    })
    add(
      'Mattermost answered 500 "Unable to save the Post."',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => post()),
      500,
    )

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/html' },
      body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body>nginx</body></html>',
    })
    add(
      'the nginx in front of Mattermost answered 503 with an HTML page and Retry-After: 7 (ClientError with an ' +
        'empty message; the headers are not kept)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => post()),
      503,
    )

    up.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"8xk3' })
    add(
      'Mattermost answered 200 with a truncated JSON body; ClientError "Received invalid response from the server." ' +
        'with the SyntaxError as cause',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => post()),
    )

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port (the raw fetch failure, not wrapped)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => post(refused)),
    )
    return cases
  } finally {
    await up.close()
  }
}

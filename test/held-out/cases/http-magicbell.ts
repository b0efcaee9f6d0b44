import { ProjectClient } from 'magicbell/project-client'
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

const library = 'magicbell'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // cacheTTL 0: the client otherwise hands back the same cached rejected promise for an identical request.
  const project = (host: string, timeout = 2000) =>
    new ProjectClient({
      host,
      apiKey: 'pk_notreal',
      apiSecret: 'sk_notreal',
      maxRetries: 0,
      timeout,
      telemetry: false,
      cacheTTL: 0,
    })
  const client = project(up.url)
  const broadcast = (c = client) =>
    c.broadcasts.create({ title: 'Your order shipped', recipients: [{ external_id: 'user_42' }] })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; maxRetries 0')
  const errors = (code: string, message: string) => ({
    errors: [{ code, message, suggestion: 'See the docs' }],
  })
  try {
    up.reply({
      status: 400,
      body: errors('invalid_request_error', 'recipients[0] must have an email or external_id'),
    })
    add(
      'MagicBell API answered 400 invalid_request_error to the broadcast our server built',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => broadcast()),
      400,
    )

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: errors('authentication_error', 'Invalid API key'),
    })
    add(
      'MagicBell API answered 401 authentication_error to our API key',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => broadcast()),
      401,
    )

    up.reply({ status: 404, body: errors('not_found', 'Broadcast not found') })
    add(
      'MagicBell API answered 404 for the broadcast id our server looked up',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => client.broadcasts.get('bc_0001')),
      404,
    )

    up.reply({
      status: 422,
      body: errors('unprocessable_entity', 'title is too long (maximum is 255 characters)'),
    })
    add(
      'MagicBell API answered 422; the SDK names it UserInputError although it judges our request',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => broadcast()),
      422,
    )

    up.reply({ status: 429, headers: RETRY_AFTER, body: errors('rate_limit_error', 'Too many requests') })
    add(
      'MagicBell API answered 429 rate_limit_error with Retry-After: 7; the error keeps no headers',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => broadcast()),
      429,
    )

    up.reply({ status: 500, body: errors('api_error', 'Something went wrong on our end') })
    add(
      'MagicBell API answered 500 api_error',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => broadcast()),
      500,
    )

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/html' },
      body: '<html>Service Unavailable</html>',
    })
    add(
      'MagicBell API answered 503 with an HTML page and Retry-After: 7; the error keeps no headers',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => broadcast()),
      503,
    )

    up.reply('hang')
    add(
      "the client's own 250 ms timeout fired (ky's TimeoutError folded into an UnknownError)",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => broadcast(project(up.url, 250))),
    )

    up.reply('reset')
    add(
      'MagicBell API reset the connection (an UnknownError "fetch failed" with no cause)',
      WHY.reset,
      RESET,
      await rejectionOf(() => broadcast()),
    )

    const refused = project(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port (an UnknownError "fetch failed" with no cause)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => broadcast(refused)),
    )

    add(
      'the project client built without an API secret (environment variable unset)',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new ProjectClient({ host: up.url, apiKey: 'pk_notreal', apiSecret: '' })),
    )
    return cases
  } finally {
    await up.close()
  }
}

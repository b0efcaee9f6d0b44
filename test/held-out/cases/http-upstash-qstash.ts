import { createHash, createHmac } from 'node:crypto'
import { Client, Receiver } from '@upstash/qstash'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@upstash/qstash'

const SIGNING_KEY = 'sig_4kSJg6bPjqHtT5xNRs7cUyq1'
const NEXT_KEY = 'sig_7hXbV2mWz9LqP3cRt8YkEaNd'

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url')

/** A QStash-style signature (HS256 JWT) for `body` sent to `url`, signed with `key`. */
function sign(key: string, url: string, body: string): string {
  const now = Math.floor(Date.now() / 1000)
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const claims = b64url(
    JSON.stringify({
      iss: 'Upstash',
      sub: url,
      exp: now + 300,
      nbf: now - 5,
      iat: now,
      jti: 'jwt_5aQnX4c2',
      body: createHash('sha256').update(body).digest('base64url'),
    }),
  )
  const signature = createHmac('sha256', key).update(`${header}.${claims}`).digest('base64url')
  return `${header}.${claims}.${signature}`
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // Retries off; the SDK logs every failure with console.error, silenced here.
  const client = (baseUrl: string) =>
    new Client({
      baseUrl,
      token: 'qstash-token-not-real',
      retry: false,
      devMode: false,
      enableTelemetry: false,
    })
  const qstash = client(up.url)
  const publish = (c = qstash) =>
    c.publishJSON({ url: 'https://hooks.example.test/jobs/resize', body: { imageId: 'img_8812' } })
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; QStash client, retry: false')
  const addIncoming = caseAdder(library, cases, '; QStash Receiver')
  const { error: logError, warn: logWarn } = console
  console.error = () => {}
  console.warn = () => {}
  try {
    up.reply({ status: 401, headers: { 'content-type': 'text/plain' }, body: 'Unauthorized' })
    add(
      'QStash answered 401 "Unauthorized" to our token when publishing a job (QstashError carrying only the ' +
        'status and the body text)',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => publish()),
      401,
    )

    up.reply({
      status: 400,
      body: { error: 'invalid destination url: hooks.example.test is not reachable from QStash' },
    })
    add(
      'QStash answered 400 with a JSON { error } to the destination url our server published to',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => publish()),
      400,
    )

    up.reply({ status: 404, body: { error: 'message not found' } })
    add(
      'QStash answered 404 "message not found" to messages.get of the id our server stored',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => qstash.messages.get('msg_26hZCxZCuWyyTWPmSVBrNB882AMRP1TsgzpygELRcLWep')),
      404,
    )

    up.reply({
      status: 429,
      headers: {
        ...RETRY_AFTER,
        'burst-ratelimit-limit': '100',
        'burst-ratelimit-remaining': '0',
        'burst-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 7),
      },
      body: { error: 'burst rate limit exceeded' },
    })
    add(
      'QStash answered 429 with Burst-RateLimit-* headers and Retry-After: 7 (QstashRatelimitError keeps ' +
        'limit/remaining/reset, not Retry-After)',
      `${WHY.upstream429}; the Retry-After value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => publish()),
      429,
    )

    up.reply({
      status: 429,
      headers: { 'ratelimit-limit': '500', 'ratelimit-remaining': '0', 'ratelimit-reset': '86400' },
      body: { error: 'daily rate limit exceeded' },
    })
    add(
      'QStash answered 429 with the daily RateLimit-* headers (QstashDailyRatelimitError)',
      WHY.upstream429,
      UPSTREAM_429_BARE,
      await rejectionOf(() => publish()),
      429,
    )

    up.reply({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal server error' })
    add(
      'QStash answered 500 with a text body (QstashError status 500)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => publish()),
      500,
    )

    up.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'service unavailable, please retry' } })
    add(
      'QStash answered 503 with Retry-After: 7 (QstashError keeps the status and body text, not the header)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => publish()),
      503,
    )

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port (the TypeError of fetch, rethrown as is)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => publish(refused)),
    )

    add(
      'our code asked dlq.delete for an empty dlqIds filter; the SDK refuses before any request',
      'our own bug (bad argument checked by the SDK): 500',
      { status: 500 },
      await rejectionOf(() => qstash.dlq.delete({ dlqIds: [] })),
    )

    const receiver = new Receiver({ currentSigningKey: SIGNING_KEY, nextSigningKey: NEXT_KEY })
    const webhook = 'https://api.example.test/webhooks/qstash'
    const body = JSON.stringify({ imageId: 'img_8812', status: 'done' })
    addIncoming(
      'an incoming QStash webhook whose Upstash-Signature is signed with a key we do not hold (SignatureError)',
      'auth: invalid signature of the incoming request (401)',
      { status: 401 },
      await rejectionOf(() =>
        receiver.verify({ signature: sign('sig_attacker', webhook, body), body, url: webhook }),
      ),
    )
    addIncoming(
      'an incoming QStash webhook with a valid signature but a body that was altered (SignatureError "body hash ' +
        'does not match")',
      'auth: the signature does not cover this request (401)',
      { status: 401 },
      await rejectionOf(() =>
        receiver.verify({
          signature: sign(SIGNING_KEY, webhook, body),
          body: body.replace('done', 'failed'),
          url: webhook,
        }),
      ),
    )
    const keyless = new Receiver({ devMode: false })
    addIncoming(
      'our Receiver was built without signing keys (the environment variables are unset); verify throws a plain Error',
      'our own misconfiguration: 500',
      { status: 500 },
      await rejectionOf(() => keyless.verify({ signature: sign(SIGNING_KEY, webhook, body), body })),
    )
    return cases
  } finally {
    console.error = logError
    console.warn = logWarn
    await up.close()
  }
}

/**
 * web-push: our server sends a Web Push message (VAPID, aes128gcm payload) to a subscription's
 * endpoint, here a scripted push service over HTTPS on 127.0.0.1 (web-push speaks HTTPS only; a
 * self-signed certificate for 127.0.0.1 is trusted through the `agent` option). web-push does not
 * retry; its `timeout` option is set to 250 ms for the timeout case.
 */
import { createECDH, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Agent } from 'node:https'
import webpush from 'web-push'
import { type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { describe } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'web-push'
const settings = 'web-push sendNotification (no retries), VAPID, HTTPS push service on 127.0.0.1'

export async function collect(): Promise<HeldOutCase[]> {
  const tls = {
    key: readFileSync(new URL('./support/loopback-key.pem', import.meta.url)),
    cert: readFileSync(new URL('./support/loopback-cert.pem', import.meta.url)),
  }
  const up = await startUpstream({ status: 201 }, tls)
  const agent = new Agent({ ca: tls.cert, keepAlive: false })
  const vapid = webpush.generateVAPIDKeys()
  const client = createECDH('prime256v1')
  client.generateKeys()
  const keys = {
    p256dh: client.getPublicKey().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  }
  const subscription = (base: string) => ({ endpoint: `${base}/wpush/v2/gAAAAABl-subscription-1`, keys })
  const options = {
    vapidDetails: {
      subject: 'mailto:ops@example.com',
      publicKey: vapid.publicKey,
      privateKey: vapid.privateKey,
    },
    agent,
    TTL: 60,
  }
  const send = (base = up.url, extra: Record<string, unknown> = {}) =>
    webpush.sendNotification(subscription(base), JSON.stringify({ title: 'Order shipped' }), {
      ...options,
      ...extra,
    })
  const cases: HeldOutCase[] = []
  try {
    const statuses: [
      number,
      string,
      Record<string, string> | undefined,
      (typeof cases)[number]['expect'],
      string,
    ][] = [
      [
        400,
        'UnauthorizedRegistration: malformed crypto-key header',
        undefined,
        UPSTREAM_4XX,
        WHY.upstream4xx,
      ],
      [
        401,
        'VAPID token rejected',
        { 'www-authenticate': 'vapid realm="push"' },
        UPSTREAM_401,
        `${WHY.upstream401} (our VAPID signature rejected)`,
      ],
      [
        404,
        'Subscription not found',
        undefined,
        UPSTREAM_4XX,
        `${WHY.upstream4xx} (an expired subscription: our server should drop it; not the client's 404)`,
      ],
      [
        410,
        'push subscription has unsubscribed or expired.',
        undefined,
        UPSTREAM_4XX,
        `${WHY.upstream4xx} (subscription gone: not the client's 410)`,
      ],
      [
        413,
        'Payload too large',
        undefined,
        UPSTREAM_4XX,
        `${WHY.upstream4xx} (our payload exceeded the push service's limit; the client's body was fine)`,
      ],
      [
        429,
        'Too many requests',
        RETRY_AFTER,
        UPSTREAM_429,
        `${WHY.upstream429}; WebPushError keeps the headers`,
      ],
      [500, 'Internal Server Error', undefined, UPSTREAM_5XX, WHY.upstream5xx],
      [
        503,
        'Service Unavailable',
        RETRY_AFTER,
        UPSTREAM_503,
        `${WHY.upstream503}; WebPushError keeps the headers`,
      ],
    ]
    for (const [status, text, headers, expect, why] of statuses) {
      up.reply({ status, headers: { 'content-type': 'text/plain', ...headers }, body: text })
      const error = await rejectionOf(() => send())
      cases.push({
        library,
        what: `push service answered ${status} "${text}"${headers ? ` with ${Object.keys(headers).join(', ')}` : ''} (${describe(error)}); ${settings}`,
        why,
        upstreamStatus: status,
        expect,
        error,
      })
    }
    up.reply('reset')
    {
      const error = await rejectionOf(() => send())
      cases.push({
        library,
        what: `push service closed the TLS connection after reading the request, without an answer (${describe(error)}); ${settings}`,
        why: WHY.reset,
        expect: RESET,
        error,
      })
    }
    {
      const port = await closedPort()
      const error = await rejectionOf(() => send(`https://127.0.0.1:${port}`))
      cases.push({
        library,
        what: `push endpoint on a closed loopback port refused the connection (${describe(error)}); ${settings}`,
        why: WHY.refused,
        expect: REFUSED,
        error,
      })
    }
    up.reply('hang')
    {
      const error = await rejectionOf(() => send(up.url, { timeout: 250 }))
      cases.push({
        library,
        what: `web-push's own 250 ms socket timeout fired on a push service that never answers (${describe(error)}: "Socket timeout"); ${settings}`,
        why: WHY.timeout,
        expect: TIMED_OUT,
        error,
      })
    }
    {
      const error = await rejectionOf(() =>
        webpush.sendNotification({ endpoint: '', keys }, 'hello', options as webpush.RequestOptions),
      )
      cases.push({
        library,
        what: `our code passed a subscription without an endpoint (a row our DB stored half-written) (${describe(error)})`,
        why: 'our own bug (bad argument to the SDK): everything else, 500',
        expect: { status: 500 },
        error,
      })
    }
    {
      const error = await rejectionOf(() =>
        webpush.sendNotification(
          { endpoint: `${up.url}/wpush/v2/x` } as webpush.PushSubscription,
          'hello',
          options,
        ),
      )
      cases.push({
        library,
        what: `our code sent a payload to a subscription stored without its p256dh/auth keys (${describe(error)})`,
        why: 'our own bug (bad argument to the SDK): everything else, 500',
        expect: { status: 500 },
        error,
      })
    }
    {
      const error = await rejectionOf(() =>
        send(up.url, {
          vapidDetails: {
            subject: 'ops@example.com',
            publicKey: vapid.publicKey,
            privateKey: vapid.privateKey,
          },
        }),
      )
      cases.push({
        library,
        what: `VAPID subject configured without mailto: (server misconfiguration) (${describe(error)})`,
        why: 'our misconfiguration: everything else, 500',
        expect: { status: 500 },
        error,
      })
    }
    {
      const error = await rejectionOf(() =>
        send(up.url, {
          vapidDetails: { subject: 'mailto:ops@example.com', publicKey: vapid.publicKey, privateKey: '' },
        }),
      )
      cases.push({
        library,
        what: `VAPID private key missing from the server's environment (${describe(error)})`,
        why: 'our misconfiguration (missing key): everything else, 500',
        expect: { status: 500 },
        error,
      })
    }
  } finally {
    agent.destroy()
    await up.close()
  }
  return cases
}

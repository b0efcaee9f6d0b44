import { createHmac } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { messagingApi, middleware } from '@line/bot-sdk'
import express from 'express'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { serveErrors } from './support/express-errors.js'
import { closedPort } from './support/local.js'

const library = '@line/bot-sdk'
const channelSecret = 'webhook-channel-secret'

/** The messaging API's answer to each path our server calls. */
const upstreamReplies: Record<string, { status: number; body: unknown }> = {
  '/v2/bot/message/push': {
    status: 401,
    body: {
      message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
    },
  },
  '/v2/bot/profile/U-rate': {
    status: 429,
    body: { message: 'The API rate limit has been exceeded. Try again later.' },
  },
  '/v2/bot/profile/U-down': { status: 500, body: { message: 'An error occurred in the internal server' } },
  '/v2/bot/profile/U-gone': { status: 404, body: { message: 'Not found' } },
}

export async function collect(): Promise<HeldOutCase[]> {
  const upstream = createServer((req, res) => {
    const reply = upstreamReplies[req.url ?? ''] ?? { status: 200, body: {} }
    req.resume()
    res.writeHead(reply.status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(reply.body))
  })
  upstream.listen(0, '127.0.0.1')
  await once(upstream, 'listening')
  const upstreamBase = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  const api = new messagingApi.MessagingApiClient({ channelAccessToken: 'our-token', baseURL: upstreamBase })
  const offline = new messagingApi.MessagingApiClient({
    channelAccessToken: 'our-token',
    baseURL: `http://127.0.0.1:${await closedPort()}`,
  })

  const app = express()
  app.post('/webhooks/line', middleware({ channelSecret }), (_req, res) => {
    res.json({ ok: true })
  })
  const server = await serveErrors(app)
  const hook = (body: string, signature?: string) =>
    server.rejection('/webhooks/line', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature === undefined ? {} : { 'x-line-signature': signature }),
      },
      body,
    })
  const sign = (body: string) => createHmac('sha256', channelSecret).update(body).digest('base64')
  const event = '{"destination":"U1","events":[]}'
  try {
    return [
      {
        library,
        what: 'a webhook POST without an X-Line-Signature header: SignatureValidationFailed "no signature"',
        why: "authentication of the client's request failed: 401",
        expect: { status: 401 },
        error: await hook(event),
      },
      {
        library,
        what: 'a webhook POST signed with another secret: SignatureValidationFailed "signature validation failed" (signature kept)',
        why: "authentication of the client's request failed: 401",
        expect: { status: 401 },
        error: await hook(event, createHmac('sha256', 'not-our-secret').update(event).digest('base64')),
      },
      {
        library,
        what: 'a correctly signed webhook POST whose body is not JSON: JSONParseError (message of the JSON.parse SyntaxError, raw body kept)',
        why: "client's malformed request body: 400",
        expect: { status: 400 },
        error: await hook('{"events":[', sign('{"events":[')),
      },
      {
        library,
        what: 'pushMessage answered 401 by the messaging API (our channel access token): HTTPFetchError status 401',
        why: 'upstream 4xx to our call: 500, never passed through',
        upstreamStatus: 401,
        expect: { status: 500, headers: { 'www-authenticate': null } },
        error: await rejectionOf(() =>
          api.pushMessage({ to: 'U1', messages: [{ type: 'text', text: 'hi' }] }),
        ),
      },
      {
        library,
        what: 'getProfile answered 429 "The API rate limit has been exceeded" (HTTPFetchError status 429)',
        why: 'upstream 429: dependency throttling, 503',
        upstreamStatus: 429,
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => api.getProfile('U-rate')),
      },
      {
        library,
        what: 'getProfile answered 500 by the messaging API (HTTPFetchError status 500)',
        why: 'upstream 5xx: 502',
        upstreamStatus: 500,
        expect: { status: 502, retryable: true },
        error: await rejectionOf(() => api.getProfile('U-down')),
      },
      {
        library,
        what: 'getProfile of a user id answered 404 "Not found" by the messaging API (HTTPFetchError status 404)',
        why: 'upstream 4xx to our call: 500, never passed through',
        upstreamStatus: 404,
        expect: { status: 500 },
        error: await rejectionOf(() => api.getProfile('U-gone')),
      },
      {
        library,
        what: 'getProfile with the messaging API on a closed port: the TypeError "fetch failed" (cause ECONNREFUSED) the client lets through',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => offline.getProfile('U1')),
      },
    ]
  } finally {
    await server.close()
    upstream.closeAllConnections()
    await new Promise<void>((resolve) => upstream.close(() => resolve()))
  }
}

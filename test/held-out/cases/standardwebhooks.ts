import express from 'express'
import { Webhook } from 'standardwebhooks'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'standardwebhooks'

export const collect: Collect = async () => {
  const secret = `whsec_${Buffer.from('a-webhook-secret-of-32-bytes-000').toString('base64')}`
  const sender = new Webhook(secret)
  const app = express()
  // A webhook receiver, as the README shows: the raw body and the webhook-* headers are verified.
  app.post('/webhooks/orders', express.text({ type: '*/*' }), (req, res, next) => {
    try {
      const event = new Webhook(secret).verify(req.body as string, req.headers as Record<string, string>)
      res.json({ received: event !== undefined })
    } catch (error) {
      next(error)
    }
  })
  // A second receiver whose secret was never set in the environment (our misconfiguration).
  app.post('/webhooks/billing', express.text({ type: '*/*' }), (req, res, next) => {
    try {
      const event = new Webhook(process.env.HELD_OUT_Q_UNSET_WEBHOOK_SECRET ?? '').verify(
        req.body as string,
        req.headers as Record<string, string>,
      )
      res.json({ received: event !== undefined })
    } catch (error) {
      next(error)
    }
  })
  const server = await serveErrors(app)
  const post = (path: string, body: string, headers: Record<string, string>) =>
    server.rejection(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    })
  const body = JSON.stringify({ type: 'order.paid', id: 'o1' })
  const signed = (payload: string, seconds: number) => {
    const timestamp = new Date(seconds * 1000)
    return {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(seconds),
      'webhook-signature': sender.sign('msg_1', timestamp, payload),
    }
  }
  const now = Math.floor(Date.now() / 1000)
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a delivery without the webhook-* headers: WebhookVerificationError "Missing required headers"',
        why: 'auth: the sender presented no credentials (401)',
        expect: { status: 401 },
        error: await post('/webhooks/orders', body, {}),
      },
      {
        library,
        what: 'a delivery whose body was altered after signing: WebhookVerificationError "No matching signature found"',
        why: 'auth: invalid signature (401)',
        expect: { status: 401 },
        error: await post('/webhooks/orders', body.replace('o1', 'o2'), signed(body, now)),
      },
      {
        library,
        what: 'a replayed delivery signed 10 minutes ago: WebhookVerificationError "Message timestamp too old"',
        why: 'auth: expired credentials (401)',
        expect: { status: 401 },
        error: await post('/webhooks/orders', body, signed(body, now - 600)),
      },
      {
        library,
        what: 'a delivery stamped 10 minutes in the future: WebhookVerificationError "Message timestamp too new"',
        why: 'auth: invalid credentials (401)',
        expect: { status: 401 },
        error: await post('/webhooks/orders', body, signed(body, now + 600)),
      },
      {
        library,
        what: 'a webhook-timestamp that is not a number: WebhookVerificationError "Invalid Signature Headers"',
        why: 'auth: malformed credentials (401)',
        expect: { status: 401 },
        error: await post('/webhooks/orders', body, {
          ...signed(body, now),
          'webhook-timestamp': 'yesterday',
        }),
      },
      {
        library,
        what: "a correctly signed delivery whose body is not JSON: the SyntaxError of verify()'s JSON.parse",
        why: 'malformed request syntax (JSON body parse error): 400',
        expect: { status: 400 },
        error: await post('/webhooks/orders', '{"type":"order.paid",', signed('{"type":"order.paid",', now)),
      },
      {
        library,
        what: 'a receiver built with an empty secret (unset environment variable): plain Error "Secret can\'t be empty."',
        why: 'our own misconfiguration: 500',
        expect: { status: 500 },
        error: await post('/webhooks/billing', body, signed(body, now)),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}

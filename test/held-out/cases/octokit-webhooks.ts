import { createHmac } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Webhooks } from '@octokit/webhooks'
import Koa from 'koa'
import type { HeldOutCase } from '../case.js'
import { closedPort } from './support/local.js'

const library = '@octokit/webhooks'
const secret = 'webhook-secret'

export async function collect(): Promise<HeldOutCase[]> {
  const refusedPort = await closedPort()
  const webhooks = new Webhooks({ secret })
  // Our handlers: one calls a dependency that refuses, one has a bug.
  webhooks.on('issues.opened', async ({ payload }) => {
    const res = await fetch(`http://127.0.0.1:${refusedPort}/tickets/${payload.issue.number}`, {
      method: 'POST',
    })
    await res.arrayBuffer()
  })
  webhooks.on('push', ({ payload }) => {
    const commits = (payload as unknown as { commit_list: string[] }).commit_list
    commits.forEach(() => {})
  })

  const app = new Koa()
  const errors: unknown[] = []
  // The app's first middleware is its error handler: it keeps what the rest of the chain threw.
  app.use(async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      errors.push(error)
      ctx.status = 599
    }
  })
  app.use(async (ctx) => {
    const chunks: Buffer[] = []
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer)
    await webhooks.verifyAndReceive({
      id: ctx.get('x-github-delivery'),
      name: ctx.get('x-github-event') as 'push',
      signature: ctx.get('x-hub-signature-256'),
      payload: Buffer.concat(chunks).toString('utf8'),
    })
    ctx.status = 202
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const sign = (body: string, key = secret) =>
    `sha256=${createHmac('sha256', key).update(body).digest('hex')}`
  const deliver = async (event: string, body: string, signature?: string) => {
    const before = errors.length
    const res = await fetch(`${base}/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
        'x-github-event': event,
        ...(signature === undefined ? {} : { 'x-hub-signature-256': signature }),
      },
      body,
    })
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${event} (${res.status})`)
    return errors[before]
  }
  const issue = JSON.stringify({ action: 'opened', issue: { number: 7 }, repository: { id: 1 } })
  const push = JSON.stringify({ ref: 'refs/heads/main', commits: [] })
  try {
    return [
      {
        library,
        what: 'a delivery signed with another secret: AggregateError "[@octokit/webhooks] signature does not match event payload and secret", its one error carries status 400',
        why: 'the library decided: a carried status 400 (inside the AggregateError)',
        expect: { status: 400 },
        error: await deliver('issues', issue, sign(issue, 'not-our-secret')),
      },
      {
        library,
        what: 'a delivery without an X-Hub-Signature-256 header: the same AggregateError (signature does not match), inner error status 400',
        why: 'the library decided: a carried status 400 (inside the AggregateError)',
        expect: { status: 400 },
        error: await deliver('issues', issue),
      },
      {
        library,
        what: 'a correctly signed delivery whose body is not JSON: AggregateError "Invalid JSON" around the JSON.parse SyntaxError given status 400',
        why: "client's malformed request body: 400 (also carried)",
        expect: { status: 400 },
        error: await deliver('issues', '{"action":', sign('{"action":')),
      },
      {
        library,
        what: 'an issues.opened handler whose ticket service refuses: AggregateError wrapping the handler\'s TypeError "fetch failed" (cause ECONNREFUSED)',
        why: 'dependency unavailable: the wrapper carries a refused outbound call, 503',
        expect: { status: 503, retryable: true },
        error: await deliver('issues', issue, sign(issue)),
      },
      {
        library,
        what: "a push handler with a bug: AggregateError wrapping the handler's TypeError \"Cannot read properties of undefined (reading 'forEach')\"",
        why: 'our own bug: 500',
        expect: { status: 500 },
        error: await deliver('push', push, sign(push)),
      },
    ]
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

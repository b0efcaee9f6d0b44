import { createServer } from 'node:http'
import { serve } from '@hono/node-server'
import express from 'express'
import fastify from 'fastify'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as expressAdapter from '../../src/adapters/express.js'
import * as fastifyAdapter from '../../src/adapters/fastify.js'
import * as fetchAdapter from '../../src/adapters/fetch.js'
import * as honoAdapter from '../../src/adapters/hono.js'
import { createResponder } from '../../src/index.js'
import { listen } from '../support/loopback.js'

// An upstream that never answers: the route gives up on it with its own AbortController.
const upstream = createServer(() => {})
let upstreamUrl = ''

beforeAll(async () => {
  upstreamUrl = `http://127.0.0.1:${await listen(upstream)}/`
})
afterAll(async () => {
  upstream.closeAllConnections()
  await new Promise((resolve) => upstream.close(resolve))
})

/** A route's call to the slow upstream, aborted by the server itself: an `AbortError`. */
async function giveUpOnUpstream(): Promise<never> {
  const controller = new AbortController()
  setTimeout(() => controller.abort(), 20)
  await fetch(upstreamUrl, { signal: controller.signal })
  throw new Error('the upstream answered')
}

async function expectOurs(response: Response) {
  expect(response.status).toBe(500)
  expect(await response.json()).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' })
}

describe('an AbortError from the server’s own controller, the client still connected', () => {
  it('is the server’s 500 under Express, not the client’s 499', async () => {
    const app = express()
    app.get('/call', (_req, _res, next) => {
      giveUpOnUpstream().catch(next)
    })
    app.use(expressAdapter.errorHandler({ log: false }))
    const server = createServer(app)
    const port = await listen(server)
    try {
      await expectOurs(await fetch(`http://127.0.0.1:${port}/call`))
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('is the server’s 500 under Fastify', async () => {
    const app = fastify()
    await app.register(fastifyAdapter.httpTriage, { log: false })
    app.get('/call', giveUpOnUpstream)
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      await expectOurs(await fetch(`${address}/call`))
    } finally {
      await app.close()
    }
  })

  it('is the server’s 500 under Hono on @hono/node-server', async () => {
    const app = new Hono()
    app.get('/call', giveUpOnUpstream)
    app.onError(honoAdapter.errorHandler({ log: false }))
    let server: ReturnType<typeof serve> | undefined
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
    })
    try {
      await expectOurs(await fetch(`http://127.0.0.1:${port}/call`))
    } finally {
      await new Promise((resolve) => server?.close(resolve))
    }
  })

  it('is 500 from the fetch adapter while the request’s signal is live, 499 once it aborted', async () => {
    const onError = fetchAdapter.errorHandler({ log: false })
    const error = await giveUpOnUpstream().catch((e: unknown) => e)
    expect(onError(error, new Request('http://127.0.0.1/call')).status).toBe(500)
    const gone = new AbortController()
    gone.abort()
    expect(onError(error, new Request('http://127.0.0.1/call', { signal: gone.signal })).status).toBe(499)
  })
})

describe('createResponder', () => {
  it('keeps the classification when the adapter does not know whether the client went away', async () => {
    const respond = createResponder({ log: false })
    const error = await giveUpOnUpstream().catch((e: unknown) => e)
    expect(respond(error).status).toBe(499)
    expect(respond(error, { aborted: true }).status).toBe(499)
    const ours = respond(error, { aborted: false })
    expect(ours.status).toBe(500)
    expect(ours.classification).toMatchObject({ rule: 'fetch:abort', code: 'INTERNAL_SERVER_ERROR' })
    expect(ours.classification.cause).toBe(error)
  })
})

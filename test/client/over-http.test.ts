import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { CLIENT_CASES, createClientHandler } from '../runtimes/consumer/client-suite.mjs'
import { closedPort } from '../support/loopback.js'

// The client suite against a loopback server built with our own fetch adapter; the same cases run
// on Node, Bun and Deno against the packed package in the runtime matrix.
let context: { url: string; closed: string }
let close: () => Promise<void>

beforeAll(async () => {
  const closed = `http://127.0.0.1:${await closedPort()}/`
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: createClientHandler(), port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    )
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  context = { url: `http://127.0.0.1:${address.port}`, closed }
  close = () =>
    new Promise((resolve) => {
      ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      server.close(() => resolve())
    })
})

afterAll(() => close())

describe('http-triage/client over real HTTP', () => {
  for (const [name, run] of Object.entries(CLIENT_CASES)) {
    it.concurrent(name, () => run(context))
  }
})

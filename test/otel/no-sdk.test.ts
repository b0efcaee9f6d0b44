// http-triage/otel with no OpenTelemetry SDK registered (this file runs in its own process, where
// nothing registers one): over real HTTP on 127.0.0.1, Express 5, Fastify 5 and Hono (on
// @hono/node-server, with the documented setup) answer exactly as they do without the hook, the
// hook throws nothing, and the reports carry no trace or span id.
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { LogReport, ResponderOptions } from '../../src/index.js'
import { openTelemetry } from '../../src/otel.js'

const User = z.object({ email: z.email() })

interface Running {
  url: string
  close: () => Promise<void>
}

type Start = (options: ResponderOptions) => Promise<Running>

function closing(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
}

const apps: ReadonlyArray<readonly [string, Start]> = [
  [
    'Express 5',
    async (options) => {
      const { default: express } = await import('express')
      const { createServer } = await import('node:http')
      const { errorHandler, notFoundHandler } = await import('../../src/adapters/express.js')
      const app = express()
      app.post('/users/:id', () => User.parse({ email: 'nope' }))
      app.get('/boom', () => {
        throw new Error('secret')
      })
      app.use(notFoundHandler(options))
      app.use(errorHandler(options))
      const server = createServer(app)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return {
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        close: closing(server),
      }
    },
  ],
  [
    'Fastify 5',
    async (options) => {
      const { default: Fastify } = await import('fastify')
      const { httpTriage } = await import('../../src/adapters/fastify.js')
      const app = Fastify()
      await app.register(httpTriage, options)
      app.post('/users/:id', async () => User.parse({ email: 'nope' }))
      app.get('/boom', async () => {
        throw new Error('secret')
      })
      return { url: await app.listen({ port: 0, host: '127.0.0.1' }), close: () => app.close() }
    },
  ],
  [
    'Hono (@hono/node-server)',
    async (options) => {
      const { Hono } = await import('hono')
      const { serve } = await import('@hono/node-server')
      const { catchThrown, errorHandler, notFoundHandler } = await import('../../src/adapters/hono.js')
      const app = new Hono()
      app.use(catchThrown())
      app.post('/users/:id', (c) => c.json(User.parse({ email: 'nope' })))
      app.get('/boom', () => {
        throw new Error('secret')
      })
      app.onError(errorHandler(options))
      app.notFound(notFoundHandler(options))
      const server = await new Promise<Server>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server))
      })
      return {
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        close: closing(server),
      }
    },
  ],
]

const REQUESTS = [
  ['POST', '/users/7', 422],
  ['GET', '/boom', 500],
  ['GET', '/nowhere', 404],
  ['HEAD', '/boom', 500],
] as const

/** What a client sees, with the per-request id and date taken out. */
async function seen(url: string, method: string): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { 'x-request-id': 'fixed-id-1' },
    ...(method === 'POST' ? { body: '{}' } : {}),
  })
  const headers = Object.fromEntries(
    [...response.headers].filter(([name]) => !['date', 'keep-alive'].includes(name)),
  )
  return { status: response.status, headers, body: await response.text() }
}

describe.each(apps)('%s', (_name, start) => {
  const reports: LogReport[] = []
  let plain: Running
  let hooked: Running
  beforeAll(async () => {
    plain = await start({ log: false })
    hooked = await start({ log: (report) => void reports.push(report), report: openTelemetry() })
  })
  afterAll(async () => {
    await plain.close()
    await hooked.close()
  })

  it.each(REQUESTS)('%s %s: the hook changes nothing in the %s answer', async (method, path, status) => {
    const before = reports.length
    const [a, b] = await Promise.all([
      seen(`${plain.url}${path}`, method),
      seen(`${hooked.url}${path}`, method),
    ])
    expect((b as { status: number }).status).toBe(status)
    expect(b).toEqual(a)
    await expect.poll(() => reports.length).toBe(before + 1)
    const report = reports.at(-1)
    expect(report?.trace_id).toBeUndefined()
    expect(report?.span_id).toBeUndefined()
    expect(report?.route).toBe(path === '/nowhere' ? undefined : path === '/boom' ? '/boom' : '/users/:id')
  })
})

// What the app did to the response before the error, and what stays of it, over real HTTP on
// 127.0.0.1: headers earlier middleware set for every response, a body left unread, a response
// already under way, an absolute-form request target (Express 4 and 5); an onSend hook that fails
// on every reply (Fastify 4 and 5); a middleware that throws
// after `await next()`, and a route that wrote to the raw Node response (Hono on @hono/node-server).
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import express5 from 'express'
import express4 from 'express4'
import fastify5 from 'fastify'
import fastify4 from 'fastify4'
import { Hono } from 'hono'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { errorHandler, notFoundHandler } from '../../src/adapters/express.js'
import { httpTriage } from '../../src/adapters/fastify.js'
import * as forHono from '../../src/adapters/hono.js'
import { httpError, isValidRequestId, type LogReport } from '../../src/index.js'
import { listen } from '../support/loopback.js'

type Express = typeof express5
type Middleware = (req: express5.Request, res: express5.Response, next: express5.NextFunction) => void

const running: Server[] = []
afterEach(async () => {
  await Promise.all(
    running.splice(0).map((server) => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    }),
  )
})

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  text: string
  /** Whether the response ended normally (false: the connection was cut). */
  complete: boolean
}

/**
 * One request on its own connection. `partialBody`: a Content-Length of 1,000 with 10 bytes sent,
 * the rest never (the server answers a request whose body it did not read).
 */
function send(
  port: number,
  { method = 'GET', path = '/', headers = {}, partialBody = false } = {} as {
    method?: string
    path?: string
    headers?: Record<string, string>
    partialBody?: boolean
  },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy()
      reject(new Error(`no answer to ${method} ${path} within 5 s`))
    }, 5000)
    // Keep-alive asked for, so that a `Connection: close` in the answer is the server's choice.
    const all = { connection: 'keep-alive', ...headers, ...(partialBody ? { 'content-length': '1000' } : {}) }
    const req = request({ host: '127.0.0.1', port, method, path, headers: all, agent: false }, (res) => {
      const data: Buffer[] = []
      res.on('data', (chunk: Buffer) => data.push(chunk))
      res.on('error', () => {})
      res.on('close', () => {
        clearTimeout(timer)
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(data).toString('utf8'),
          complete: res.complete,
        })
        req.destroy()
      })
    })
    // A connection cut before any response: no status, not complete.
    req.on('error', () => {
      clearTimeout(timer)
      resolve({ status: 0, headers: {}, text: '', complete: false })
    })
    if (partialBody) {
      req.flushHeaders()
      req.write('0123456789')
    } else req.end()
  })
}

async function expressApp(express: Express, route: Middleware, log: (r: LogReport) => void = () => {}) {
  const app = express()
  app.use(route)
  const options = { log, instance: true }
  app.use(notFoundHandler(options) as never)
  app.use(errorHandler(options) as never)
  const server = createServer(app)
  running.push(server)
  return listen(server)
}

describe.each([
  ['Express 4', express4 as Express],
  ['Express 5', express5],
])('%s', (_name, express) => {
  it('keeps the headers earlier middleware set for every response (CORS, Vary, helmet) and drops the content headers', async () => {
    const port = await expressApp(express, (_req, res, next) => {
      res.setHeader('Access-Control-Allow-Origin', 'https://app.example')
      res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id')
      res.setHeader('Vary', 'Origin')
      res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains')
      res.setHeader('X-Frame-Options', 'SAMEORIGIN')
      res.setHeader('Content-Length', '50')
      res.setHeader('Content-Encoding', 'gzip')
      res.setHeader('Content-Language', 'jp')
      res.setHeader('Content-Range', 'bytes 0-2/10')
      res.statusMessage = 'Custom'
      next(new Error('boom'))
    })
    const reply = await send(port)
    expect(reply.status).toBe(500)
    expect(reply.headers['access-control-allow-origin']).toBe('https://app.example')
    expect(reply.headers['access-control-expose-headers']).toBe('X-Request-Id')
    expect(reply.headers.vary).toBe('Origin')
    expect(reply.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains')
    expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(reply.headers['content-encoding']).toBeUndefined()
    expect(reply.headers['content-language']).toBeUndefined()
    expect(reply.headers['content-range']).toBeUndefined()
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(reply.text)))
    expect(JSON.parse(reply.text)).toMatchObject({ status: 500 })
  })

  it('closes the connection of a request whose body was left unread', async () => {
    const port = await expressApp(express, (_req, _res, next) => next(httpError(413, 'Too big')))
    const reply = await send(port, { method: 'POST', path: '/upload', partialBody: true })
    expect(reply.status).toBe(413)
    expect(reply.headers.connection).toBe('close')
  })

  it('keeps the connection of a request without a body, even for an error passed on synchronously', async () => {
    const port = await expressApp(express, (_req, _res, next) => next(httpError(409, 'Taken')))
    const reply = await send(port, { path: '/orders' })
    expect(reply.status).toBe(409)
    expect(reply.headers.connection).not.toBe('close')
  })

  it('logs an error after the headers were sent, with its request id, and cuts the response', async () => {
    const reports: LogReport[] = []
    const port = await expressApp(
      express,
      (_req, res, next) => {
        res.statusCode = 200
        res.write('partial')
        setImmediate(() => next(new Error('late')))
      },
      (report) => void reports.push(report),
    )
    const reply = await send(port, { headers: { 'x-request-id': 'stream-42' } })
    expect(reply.status).toBe(200)
    expect(reply.complete).toBe(false)
    await expect.poll(() => reports.length).toBe(1)
    expect(reports[0]).toMatchObject({ request_id: 'stream-42', headers_sent: true, status: 500 })
  })

  it('names the path of an absolute-form request target, never its host or query, in the body and the log', async () => {
    const reports: LogReport[] = []
    const port = await expressApp(
      express,
      (_req, _res, next) => next(httpError(404, 'No such order')),
      (report) => void reports.push(report),
    )
    const reply = await send(port, { path: 'http://internal.example/orders/7?token=s3cr3t' })
    expect(reply.status).toBe(404)
    const body = JSON.parse(reply.text) as { instance?: string }
    expect(body.instance).toBe('/orders/7')
    await expect.poll(() => reports.length).toBe(1)
    const logged = JSON.stringify(reports[0]?.req)
    expect(logged).toContain('/orders/7')
    expect(logged).not.toContain('internal.example')
    expect(logged).not.toContain('s3cr3t')
  })
})

describe('Hono on @hono/node-server', () => {
  async function start(app: Hono): Promise<number> {
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server))
    })
    running.push(server)
    return (server.address() as AddressInfo).port
  }

  it('a middleware that throws after await next(): the route’s cache policy and request id do not reach the 500', async () => {
    const app = new Hono()
    app.use(forHono.catchThrown())
    app.use(async (c, next) => {
      c.header('access-control-allow-origin', '*')
      await next()
      throw new Error('audit failed')
    })
    app.get('/report', (c) => {
      c.header('cache-control', 'public, max-age=600')
      c.header('x-request-id', 'from-the-route')
      return c.text('cached for ten minutes')
    })
    app.onError(forHono.errorHandler({ log: false }))
    app.notFound(forHono.notFoundHandler({ log: false }))
    const reply = await send(await start(app), { path: '/report' })
    expect(reply.status).toBe(500)
    expect(reply.headers['cache-control']).toBe('no-store')
    const body = JSON.parse(reply.text) as { request_id: string }
    expect(reply.headers['x-request-id']).toBe(body.request_id)
    expect(isValidRequestId(body.request_id)).toBe(true)
    expect(body.request_id).not.toBe('from-the-route')
    // Prepared for every response before the route ran: it stays.
    expect(reply.headers['access-control-allow-origin']).toBe('*')
  })

  it('a route that wrote to the raw Node response and then throws gets its connection closed, and the error is logged', async () => {
    const reports: LogReport[] = []
    const app = new Hono<{ Bindings: { outgoing: import('node:http').ServerResponse } }>()
    app.use(forHono.catchThrown())
    app.get('/raw', (c) => {
      c.env.outgoing.writeHead(200, { 'content-type': 'text/plain' })
      c.env.outgoing.write('partial')
      throw new Error('late')
    })
    app.onError(forHono.errorHandler({ log: (report) => void reports.push(report) }))
    // @hono/node-server prints its own failure to write the error response: expected, and captured.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const reply = await send(await start(app as unknown as Hono), { path: '/raw' })
      // The client sees a failure: a cut 200, or the connection closed before the head arrived.
      expect([0, 200]).toContain(reply.status)
      expect(reply.complete).toBe(false)
      expect(reply.text).not.toContain('Cannot write headers')
      await expect.poll(() => reports.length).toBe(1)
      expect(reports[0]).toMatchObject({ headers_sent: true, status: 500 })
      await vi.waitFor(() =>
        expect(printed).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_HTTP_HEADERS_SENT' })),
      )
    } finally {
      printed.mockRestore()
    }
  })
})

describe.each([
  ['Fastify 4', fastify4 as unknown as typeof fastify5],
  ['Fastify 5', fastify5],
])('%s', (_name, Fastify) => {
  it('an onSend hook that fails on every reply: the safe answer still goes out, with the headers the app set', async () => {
    const app = Fastify()
    await app.register(httpTriage, { log: false })
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('access-control-allow-origin', 'https://app.example')
    })
    app.addHook('onSend', async () => {
      throw new Error('hook-secret')
    })
    app.get('/boom', async () => {
      throw new Error('route-secret')
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const port = (app.server.address() as AddressInfo).port
      for (const method of ['GET', 'HEAD']) {
        const reply = await send(port, { method, path: '/boom' })
        expect(reply.status).toBe(500)
        expect(reply.headers['content-type']).toBe('application/problem+json')
        expect(reply.headers['access-control-allow-origin']).toBe('https://app.example')
        expect(reply.text).not.toMatch(/secret/)
        if (method === 'HEAD') expect(reply.text).toBe('')
        else expect(JSON.parse(reply.text)).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' })
      }
    } finally {
      await app.close()
    }
  })

  it('the same for a route declared before the plugin', async () => {
    const app = Fastify()
    app.get('/early', async () => {
      throw new Error('route-secret')
    })
    await app.register(httpTriage, { log: false })
    app.addHook('onSend', async () => {
      throw new Error('hook-secret')
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const port = (app.server.address() as AddressInfo).port
      const reply = await send(port, { method: 'GET', path: '/early' })
      expect(reply.status).toBe(500)
      expect(reply.headers['content-type']).toBe('application/problem+json')
      expect(reply.text).not.toMatch(/secret/)
      expect(JSON.parse(reply.text)).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' })
    } finally {
      await app.close()
    }
  })
})

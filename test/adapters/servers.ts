import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import express5 from 'express'
import express4 from 'express4'
import fastify5 from 'fastify'
import fastify4 from 'fastify4'
import { H3, toNodeHandler } from 'h3'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import createError from 'http-errors'
import Koa from 'koa'
import Koa2 from 'koa2'
import { Agent, fetch as undiciFetch } from 'undici'
import { expect, vi } from 'vitest'
import * as expressAdapter from '../../src/adapters/express.js'
import * as fastifyAdapter from '../../src/adapters/fastify.js'
import * as fetchAdapter from '../../src/adapters/fetch.js'
import * as h3Adapter from '../../src/adapters/h3.js'
import * as honoAdapter from '../../src/adapters/hono.js'
import * as koaAdapter from '../../src/adapters/koa.js'
import * as nextAdapter from '../../src/adapters/next.js'
import * as nodeAdapter from '../../src/adapters/node.js'
import { payloadTooLarge } from '../../src/index.js'
import type { ResponderOptions } from '../../src/respond.js'
import { listen } from '../support/loopback.js'
import { INTERMEDIATE_CA, LEAF, LEAF_KEY, ROOT_CA } from '../support/test-certificates.js'
import { startElysia } from './elysia-server.js'
import { startNest } from './nest-server.js'
import { type Actions, BODY_LIMIT, failingStream } from './routes.js'

export interface RunningServer {
  readonly url: string
  /** The client that speaks to this server (HTTP/2 over TLS for node:http2); else the global fetch. */
  readonly fetch?: typeof fetch
  close(): Promise<void>
}

export type ServerFactory = (actions: Actions, options: ResponderOptions) => Promise<RunningServer>

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.()
  return new Promise((resolve) => server.close(() => resolve()))
}

function expressApp(express: typeof express5): ServerFactory {
  return async (actions, options) => {
    const app = express()
    app.use(express.json({ limit: BODY_LIMIT }))
    // Express 4 does not catch rejected promises; forward them as Express 4 apps do.
    const route =
      (fn: (req: express5.Request) => unknown) =>
      (req: express5.Request, res: express5.Response, next: express5.NextFunction) =>
        Promise.resolve()
          .then(() => fn(req))
          .then((value) => res.json({ ok: true, value }), next)
    app.get('/ok', (_req, res) => {
      res.json({ ok: true })
    })
    app.get('/http-errors', () => actions.httpErrors())
    app.post(
      '/validate',
      route((req) => actions.validate(req.body)),
    )
    app.post(
      '/json',
      route((req) => req.body),
    )
    app.get(
      '/upstream-refused',
      route(() => actions.upstreamRefused()),
    )
    app.get(
      '/upstream-timeout',
      route(() => actions.upstreamTimeout()),
    )
    app.get('/plain', () => actions.plain())
    app.get('/string', () => {
      throw 'a thrown string'
    })
    // Express 5 turns a falsy rejection into Error('Rejected promise'); an Express 4 app's wrapper
    // has to do the same, since next(null) means "no error" to Express.
    app.get('/null', (_req, _res, next) => {
      Promise.reject(null).catch((error) => next(error ?? new Error('Rejected promise')))
    })
    app.get('/after-headers', (_req, res, next) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('partial')
      next(new Error('failed mid-response'))
    })
    app.use(expressAdapter.notFoundHandler(options) as never)
    app.use(expressAdapter.errorHandler(options) as never)
    const server = createServer(app)
    const port = await listen(server)
    return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) }
  }
}

function fastifyApp(fastify: typeof fastify5): ServerFactory {
  return async (actions, options) => {
    const app = fastify({ bodyLimit: BODY_LIMIT, logger: false })
    await app.register(fastifyAdapter.httpTriage, options)
    app.get('/ok', async () => ({ ok: true }))
    app.get('/http-errors', async () => actions.httpErrors())
    app.post('/validate', async (request) => ({ ok: true, value: actions.validate(request.body) }))
    app.post('/json', async (request) => ({ ok: true, value: request.body }))
    app.get('/upstream-refused', async () => actions.upstreamRefused())
    app.get('/upstream-timeout', async () => actions.upstreamTimeout())
    app.get('/plain', async () => actions.plain())
    app.get('/string', async () => {
      throw 'a thrown string'
    })
    app.get('/null', () => Promise.reject(null))
    app.get('/after-headers', async (_request, reply) => {
      reply.raw.writeHead(200, { 'content-type': 'text/plain' })
      reply.raw.write('partial')
      throw new Error('failed mid-response')
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = app.server.address() as AddressInfo
    return { url: `http://127.0.0.1:${port}`, close: () => app.close() }
  }
}

/** Routes for Web-standard runtimes, shared by the Hono and fetch servers. */
async function fetchRoutes(actions: Actions, request: Request): Promise<Response | undefined> {
  const { pathname } = new URL(request.url)
  switch (pathname) {
    case '/ok':
      return Response.json({ ok: true })
    case '/http-errors':
      return actions.httpErrors()
    case '/validate':
      return Response.json({ ok: true, value: actions.validate(await request.json()) })
    case '/json':
      return Response.json({ ok: true, value: await request.json() })
    case '/upstream-refused':
      return (await actions.upstreamRefused()) as Response
    case '/upstream-timeout':
      return (await actions.upstreamTimeout()) as Response
    case '/plain':
      return actions.plain()
    case '/string':
      throw 'a thrown string'
    case '/null':
      return Promise.reject(null)
    case '/after-headers':
      return failingStream()
    default:
      return undefined
  }
}

const honoApp: ServerFactory = async (actions, options) => {
  const app = new Hono()
  app.use(honoAdapter.catchThrown())
  app.use(requestId())
  app.use(
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: () => {
        throw payloadTooLarge()
      },
    }),
  )
  app.get('/ok', (c) => c.json({ ok: true }))
  app.get('/http-errors', () => actions.httpErrors())
  app.post('/validate', async (c) => c.json({ ok: true, value: actions.validate(await c.req.json()) }))
  app.post('/json', async (c) => c.json({ ok: true, value: await c.req.json() }))
  app.get('/upstream-refused', async () => (await actions.upstreamRefused()) as Response)
  app.get('/upstream-timeout', async () => (await actions.upstreamTimeout()) as Response)
  app.get('/plain', () => actions.plain())
  app.get('/string', () => {
    throw 'a thrown string'
  })
  app.get('/null', () => Promise.reject(null))
  app.get('/after-headers', (c) => fetchRoutes(actions, c.req.raw) as Promise<Response>)
  app.onError(honoAdapter.errorHandler(options))
  app.notFound(honoAdapter.notFoundHandler(options))
  return serveFetch(app.fetch)
}

const fetchApp: ServerFactory = async (actions, options) => {
  const onError = fetchAdapter.errorHandler(options)
  const notFound = fetchAdapter.notFoundHandler(options)
  return serveFetch(async (request) => {
    try {
      if (Number(request.headers.get('content-length') ?? 0) > BODY_LIMIT) throw payloadTooLarge()
      const response = await fetchRoutes(actions, request)
      return response ?? notFound(request)
    } catch (error) {
      return onError(error, request)
    }
  })
}

/**
 * h3 v2 on node:http through its `toNodeHandler`, with `onError()` as the app's hook. Routes read
 * bodies as h3 v2 apps do (`event.req.json()`); the body limit throws `payloadTooLarge()`, as the
 * Hono app's `bodyLimit` does (h3's own `bodyLimit()` answers 413 with its own message: h3.test.ts).
 */
const h3App: ServerFactory = async (actions, options) => {
  const app = new H3({ silent: true, onError: h3Adapter.onError(options) })
  app.use(h3Adapter.catchThrown())
  app.use((event) => {
    if (Number(event.req.headers.get('content-length') ?? 0) > BODY_LIMIT) throw payloadTooLarge()
  })
  app.get('/ok', () => ({ ok: true }))
  app.get('/http-errors', () => actions.httpErrors())
  app.post('/validate', async (event) => ({ ok: true, value: actions.validate(await event.req.json()) }))
  app.post('/json', async (event) => ({ ok: true, value: await event.req.json() }))
  app.get('/upstream-refused', () => actions.upstreamRefused())
  app.get('/upstream-timeout', () => actions.upstreamTimeout())
  app.get('/plain', () => actions.plain())
  app.get('/string', () => {
    throw 'a thrown string'
  })
  app.get('/null', () => Promise.reject(null))
  app.get('/after-headers', (event) => fetchRoutes(actions, event.req))
  const server = createServer(toNodeHandler(app))
  const port = await listen(server)
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) }
}

/**
 * Next.js App Router route handlers, each wrapped by `withTriage()` and called as Next calls them
 * (the request, and a context with `params`), with `notFoundHandler()` as the catch-all route. A
 * Next server is too heavy to run here: @hono/node-server bridges node:http to them.
 */
const nextApp: ServerFactory = async (actions, options) => {
  const routes = new Map(
    NEXT_ROUTES.map((path) => [
      path,
      nextAdapter.withTriage(async (request: Request, _context: { params: Promise<object> }) => {
        if (Number(request.headers.get('content-length') ?? 0) > BODY_LIMIT) throw payloadTooLarge()
        return (await fetchRoutes(actions, request)) as Response
      }, options),
    ]),
  )
  const notFound = nextAdapter.notFoundHandler(options)
  return serveFetch((request) => {
    const route = routes.get(new URL(request.url).pathname)
    return route ? route(request, { params: Promise.resolve({}) }) : notFound(request)
  })
}

const NEXT_ROUTES = [
  '/ok',
  '/http-errors',
  '/validate',
  '/json',
  '/upstream-refused',
  '/upstream-timeout',
  '/plain',
  '/string',
  '/null',
  '/after-headers',
]

function serveFetch(fetch: (request: Request) => Response | Promise<Response>): Promise<RunningServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => closeServer(server as Server) })
    })
  })
}

/**
 * A JSON body read as co-body (koa-bodyparser's and @koa/bodyparser's reader) reads it: raw-body's
 * 413 for a body over the limit, made as raw-body makes it (http-errors, `entity.too.large`), and a
 * parse error that carries status 400 and the text, as co-body's lib/json.js leaves it.
 */
async function readJson(req: IncomingMessage | Http2ServerRequest): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > BODY_LIMIT) {
    throw createError(413, 'request entity too large', { type: 'entity.too.large', limit: BODY_LIMIT })
  }
  let text = ''
  for await (const chunk of req) text += String(chunk)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw Object.assign(error as Error, { status: 400, body: text })
  }
}

const koaApp =
  (KoaClass: typeof Koa): ServerFactory =>
  async (actions, options) => {
    const app = new KoaClass()
    // 5xx are emitted on the app, as Koa's own handler does (koa.test.ts asserts it); Koa's default
    // listener would print them.
    app.on('error', () => {})
    app.use(koaAdapter.errorHandler(options))
    app.use(async (ctx) => {
      const method = ctx.method === 'HEAD' ? 'GET' : ctx.method
      switch (`${method} ${ctx.path}`) {
        case 'GET /ok':
          ctx.body = { ok: true }
          return
        case 'GET /http-errors':
          return actions.httpErrors()
        case 'POST /validate':
          ctx.body = { ok: true, value: actions.validate(await readJson(ctx.req)) }
          return
        case 'POST /json':
          ctx.body = { ok: true, value: await readJson(ctx.req) }
          return
        case 'GET /upstream-refused':
          return actions.upstreamRefused()
        case 'GET /upstream-timeout':
          return actions.upstreamTimeout()
        case 'GET /plain':
          return actions.plain()
        case 'GET /string':
          throw 'a thrown string'
        case 'GET /null':
          return Promise.reject(null)
        case 'GET /after-headers':
          ctx.res.writeHead(200, { 'content-type': 'text/plain' })
          ctx.res.write('partial')
          throw new Error('failed mid-response')
        default:
          return // no body: Koa's 404
      }
    })
    const server = createServer(app.callback())
    const port = await listen(server)
    return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) }
  }

type NodeListener = (
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
) => Promise<void>

/** A request listener of node:http or node:http2 (the compatibility API), wrapped by `handle()`. */
function nodeListener(actions: Actions, options: ResponderOptions): NodeListener {
  const notFound = nodeAdapter.notFoundHandler(options)
  return async (req, res) => {
    const json = (value: unknown) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ ok: true, value }))
    }
    const method = req.method === 'HEAD' ? 'GET' : req.method
    switch (`${method} ${new URL(req.url ?? '/', 'http://x').pathname}`) {
      case 'GET /ok':
        return json(undefined)
      case 'GET /http-errors':
        return actions.httpErrors()
      case 'POST /validate':
        return json(actions.validate(await readJson(req)))
      case 'POST /json':
        return json(await readJson(req))
      case 'GET /upstream-refused':
        return json(await actions.upstreamRefused())
      case 'GET /upstream-timeout':
        return json(await actions.upstreamTimeout())
      case 'GET /plain':
        return actions.plain()
      case 'GET /string':
        throw 'a thrown string'
      case 'GET /null':
        return Promise.reject(null)
      case 'GET /after-headers':
        res.writeHead(200, { 'content-type': 'text/plain' })
        ;(res as ServerResponse).write('partial')
        throw new Error('failed mid-response')
      default:
        return notFound(req, res)
    }
  }
}

const nodeHttpApp: ServerFactory = async (actions, options) => {
  const server = createServer(nodeAdapter.handle(nodeListener(actions, options), options))
  const port = await listen(server)
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) }
}

/** node:http2 over TLS, HTTP/2 only (no HTTP/1 fallback), and a client that speaks HTTP/2 to it. */
const nodeHttp2App: ServerFactory = async (actions, options) => {
  const server = createSecureServer(
    { key: LEAF_KEY, cert: `${LEAF}${INTERMEDIATE_CA}` },
    nodeAdapter.handle(nodeListener(actions, options), options),
  )
  const port = await listen(server)
  const agent = new Agent({ allowH2: true, connect: { ca: ROOT_CA, servername: 'catalog.invalid' } })
  const http2Fetch = ((url: string, init?: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch
  return {
    url: `https://127.0.0.1:${port}`,
    fetch: http2Fetch,
    close: async () => {
      await agent.close()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/**
 * GETs the route whose body stream fails after the headers, with console.error captured: the servers
 * that @hono/node-server runs (Hono, fetch, Next) print the stream's error there (its handleResponseError
 * has no hook), and that line is expected, not shown. Resolves to what the client saw.
 */
export async function streamFailure(
  name: string,
  url: string,
  client: typeof fetch = fetch,
): Promise<string> {
  const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
  try {
    const outcome = await client(url, { signal: AbortSignal.timeout(5000) })
      .then((response) => response.text())
      .then(
        (text) => `complete:${text}`,
        (error: unknown) => `failed:${String(error)}`,
      )
    if (name === 'hono 4' || name === 'fetch' || name === 'next') {
      await vi.waitFor(() =>
        expect(printed).toHaveBeenCalledWith(expect.objectContaining({ message: 'failed mid-response' })),
      )
    }
    return outcome
  } finally {
    printed.mockRestore()
  }
}

/**
 * The servers that speak HTTP/2 only, each with its own client: the suites that write HTTP/1
 * themselves (test/reliability) leave them out; the adapter they run is also under `node:http`.
 */
export const HTTP2_ONLY: readonly string[] = ['node:http2']

/**
 * Frameworks whose own error handling reads a thrown value before any hook runs, unguarded: behind
 * a Request bridge, Elysia fails on a thrown `null` or a Proxy whose traps throw and sends a bare
 * 500 with no body (nothing leaks, but no problem body either). The hostile-value suites check
 * them for that weaker promise.
 */
export const UNGUARDED_BEFORE_HOOKS: readonly string[] = ['elysia 1 (fetch bridge)']

/** Every adapter, on its real framework, over real HTTP. */
export const SERVERS: Readonly<Record<string, ServerFactory>> = {
  'express 4': expressApp(express4 as unknown as typeof express5),
  'express 5': expressApp(express5),
  'fastify 4': fastifyApp(fastify4 as unknown as typeof fastify5),
  'fastify 5': fastifyApp(fastify5),
  'hono 4': honoApp,
  fetch: fetchApp,
  'h3 2': h3App,
  next: nextApp,
  'koa 2': koaApp(Koa2 as unknown as typeof Koa),
  'koa 3': koaApp(Koa),
  'node:http': nodeHttpApp,
  'node:http2': nodeHttp2App,
  'nest (express)': (actions, options) => startNest('express', actions, options),
  'nest (fastify)': (actions, options) => startNest('fastify', actions, options),
  'elysia 1 (fetch bridge)': startElysia,
}

// The server side of the matrix: one fetch handler that mounts the fetch adapter under /fetch and
// the Hono adapter under /hono, built at module scope the way a user's worker builds them. It runs
// unchanged on Node (through @hono/node-server), Bun.serve, Deno.serve and workerd.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { httpError, payloadTooLarge } from 'http-triage'
import * as fetchAdapter from 'http-triage/fetch'
import * as honoAdapter from 'http-triage/hono'
import { z } from 'zod'
import { coreChecks } from './core.mjs'

export const SECRET = 'db password=hunter2'
export const BODY_LIMIT = 1024
const SIGNUP = z.object({ email: z.email(), age: z.number().int().min(18) })
const OPTIONS = { log: false }

/** The failures both adapters are driven through; `upstreams` are loopback URLs the driver owns. */
function actions(upstreams) {
  return {
    httpErrors() {
      throw httpError(404, 'No such widget')
    },
    validate(body) {
      return SIGNUP.parse(body)
    },
    upstreamRefused() {
      return fetch(upstreams.closed)
    },
    upstreamTimeout() {
      return fetch(upstreams.hanging, { signal: AbortSignal.timeout(150) })
    },
    plain() {
      throw new Error(SECRET)
    },
  }
}

function honoApp() {
  const app = new Hono().basePath('/hono')
  const act = (c) => actions(c.env.upstreams)
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
  app.get('/http-errors', (c) => act(c).httpErrors())
  app.post('/validate', async (c) => c.json({ ok: true, value: act(c).validate(await c.req.json()) }))
  app.post('/json', async (c) => c.json({ ok: true, value: await c.req.json() }))
  app.get('/upstream-refused', async (c) => await act(c).upstreamRefused())
  app.get('/upstream-timeout', async (c) => await act(c).upstreamTimeout())
  app.get('/plain', (c) => act(c).plain())
  app.get('/string', () => {
    throw 'a thrown string'
  })
  app.get('/null', () => Promise.reject(null))
  app.onError(honoAdapter.errorHandler(OPTIONS))
  app.notFound(honoAdapter.notFoundHandler(OPTIONS))
  return app
}

async function fetchRoutes(act, request, path) {
  switch (path) {
    case '/ok':
      return Response.json({ ok: true })
    case '/http-errors':
      return act.httpErrors()
    case '/validate':
      return Response.json({ ok: true, value: act.validate(await request.json()) })
    case '/json':
      return Response.json({ ok: true, value: await request.json() })
    case '/upstream-refused':
      return await act.upstreamRefused()
    case '/upstream-timeout':
      return await act.upstreamTimeout()
    case '/plain':
      return act.plain()
    case '/string':
      throw 'a thrown string'
    case '/null':
      return Promise.reject(null)
    default:
      return undefined
  }
}

/** Builds the handler once; call it as `handler(request, { closed, hanging })`. */
export function createHandler() {
  const hono = honoApp()
  const onError = fetchAdapter.errorHandler(OPTIONS)
  const notFound = fetchAdapter.notFoundHandler(OPTIONS)
  return async (request, upstreams) => {
    const { pathname } = new URL(request.url)
    if (pathname === '/core') return Response.json(await coreChecks(upstreams))
    if (pathname.startsWith('/hono/')) return hono.fetch(request, { upstreams })
    if (!pathname.startsWith('/fetch/')) return new Response('no such prefix', { status: 400 })
    try {
      if (Number(request.headers.get('content-length') ?? 0) > BODY_LIMIT) throw payloadTooLarge()
      const response = await fetchRoutes(actions(upstreams), request, pathname.slice('/fetch'.length))
      return response ?? notFound(request)
    } catch (error) {
      return onError(error, request)
    }
  }
}

// The routes every harness mounts, as data. Each factory (test/apps/<adapter>.mjs) mounts them the
// way its framework's users write routes: a GET or POST at a path whose `run(body)` answers
// `{ ok: true, value }` or throws; a POST's body is read as JSON by the framework's own parser
// (or the one its users install), with a BODY_LIMIT; and every factory adds `/after-headers`, whose
// response fails after its headers are sent, written the framework's way.
import { z } from 'zod'

export const BODY_LIMIT = 1024
export const SECRET = 'db password=hunter2'
export const SIGNUP = z.object({ email: z.email(), age: z.number().int().min(18) })

/**
 * What the conformance routes do. `upstreams` are loopback URLs: a closed port and a server that
 * never answers; `httpError(status, message)` is http-errors' createError or http-triage's httpError.
 */
export function actions({ closed, hanging }, httpError) {
  return {
    httpErrors() {
      throw httpError(404, 'No such widget')
    },
    validate: (body) => SIGNUP.parse(body),
    upstreamRefused: () => fetch(closed),
    upstreamTimeout: () => fetch(hanging, { signal: AbortSignal.timeout(150) }),
    plain() {
      throw new Error(SECRET)
    },
  }
}

/** The failures every adapter is driven through, on the same paths everywhere. */
export function conformanceRoutes(act) {
  return [
    { method: 'GET', path: '/ok', run: () => undefined },
    { method: 'GET', path: '/http-errors', run: () => act.httpErrors() },
    { method: 'POST', path: '/validate', run: (body) => act.validate(body) },
    { method: 'POST', path: '/json', run: (body) => body },
    { method: 'GET', path: '/upstream-refused', run: () => act.upstreamRefused() },
    { method: 'GET', path: '/upstream-timeout', run: () => act.upstreamTimeout() },
    { method: 'GET', path: '/plain', run: () => act.plain() },
    {
      method: 'GET',
      path: '/string',
      run: () => {
        throw 'a thrown string'
      },
    },
    { method: 'GET', path: '/null', run: () => Promise.reject(null) },
  ]
}

/** The route for a method and path (HEAD is served by GET's route), or undefined. */
export function findRoute(routes, method, path) {
  const wanted = method === 'HEAD' ? 'GET' : method
  return routes.find((route) => route.method === wanted && route.path === path)
}

/** A body whose stream fails after its first chunk: an error once the headers are sent. */
export function failingStream() {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('partial'))
      },
      pull(controller) {
        controller.error(new Error('failed mid-response'))
      },
    }),
    { headers: { 'content-type': 'text/plain' } },
  )
}

/**
 * The routes as a Web handler: a Response, or undefined for a path with no route. The body limit is
 * checked on the declared length and throws `payloadTooLarge()`, as Hono's `bodyLimit` is set up to.
 */
export function webRoutes(routes, { core, bodyLimit = BODY_LIMIT }) {
  return async (request) => {
    if (Number(request.headers.get('content-length') ?? 0) > bodyLimit) throw core.payloadTooLarge()
    const { pathname } = new URL(request.url)
    if (pathname === '/after-headers') return failingStream()
    const route = findRoute(routes, request.method, pathname)
    if (!route) return undefined
    const body = route.method === 'POST' ? await request.json() : undefined
    return Response.json({ ok: true, value: await route.run(body) })
  }
}

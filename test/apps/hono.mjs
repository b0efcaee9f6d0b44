// Hono 4 with http-triage/hono: `catchThrown()` first, Hono's requestId and bodyLimit middleware
// (whose limit throws http-triage's `payloadTooLarge()`; none when `bodyLimit` is Infinity), the
// routes, then `onError` and `notFound`. An `adapter` without them leaves Hono's own handlers (the
// benchmark's baseline).
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { BODY_LIMIT, failingStream } from './routes.mjs'

export async function create({ adapter, core, routes, options, bodyLimit: maxSize = BODY_LIMIT }) {
  const app = new Hono()
  if (adapter.catchThrown) app.use(adapter.catchThrown())
  app.use(requestId())
  if (maxSize !== Number.POSITIVE_INFINITY) {
    app.use(
      bodyLimit({
        maxSize,
        onError: () => {
          throw core.payloadTooLarge()
        },
      }),
    )
  }
  for (const { method, path, run } of routes) {
    app.on(method, path, async (c) =>
      c.json({ ok: true, value: await run(method === 'POST' ? await c.req.json() : undefined) }),
    )
  }
  app.get('/after-headers', () => failingStream())
  if (adapter.errorHandler) app.onError(adapter.errorHandler(options))
  if (adapter.notFoundHandler) app.notFound(adapter.notFoundHandler(options))
  return { app, fetch: (request) => app.fetch(request) }
}

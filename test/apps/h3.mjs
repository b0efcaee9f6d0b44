// h3 v2 with http-triage/h3: `new H3({ onError })`, `catchThrown()` first, a body-limit middleware
// that throws `payloadTooLarge()` (h3's own `bodyLimit()` answers 413 with its own message), the
// routes reading bodies as h3 v2 apps do (`event.req.json()`). On Node through h3's `toNodeHandler`.
import { H3, toNodeHandler } from 'h3'
import { BODY_LIMIT, failingStream } from './routes.mjs'

export async function create({ adapter, core, routes, options, bodyLimit = BODY_LIMIT }) {
  const app = new H3({ silent: true, onError: adapter.onError(options) })
  app.use(adapter.catchThrown())
  app.use((event) => {
    if (Number(event.req.headers.get('content-length') ?? 0) > bodyLimit) throw core.payloadTooLarge()
  })
  for (const { method, path, run } of routes) {
    app.on(method, path, async (event) => ({
      ok: true,
      value: await run(method === 'POST' ? await event.req.json() : undefined),
    }))
  }
  app.get('/after-headers', () => failingStream())
  return { app, fetch: (request) => app.fetch(request), listener: toNodeHandler(app) }
}

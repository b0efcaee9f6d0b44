// Elysia 1.x with http-triage/elysia's plugin registered first, a body limit in `onRequest` that
// throws `payloadTooLarge()`, then the routes. Served as a Web handler (`app.handle`): by Bun.serve
// on Bun, as Elysia's own listen() does; through a fetch bridge on Node.
import { Elysia } from 'elysia'
import { BODY_LIMIT, failingStream } from './routes.mjs'

export async function create({ adapter, core, routes, options, bodyLimit = BODY_LIMIT }) {
  const app = new Elysia().use(adapter.httpTriage(options)).onRequest(({ request }) => {
    if (Number(request.headers.get('content-length') ?? 0) > bodyLimit) throw core.payloadTooLarge()
  })
  for (const { method, path, run } of routes) {
    // Elysia turns a thrown or rejected null into its own NOT_FOUND before any hook runs, so an app
    // turns it into an Error itself (see docs/adapters/elysia.md), as Express 5 does.
    app[method.toLowerCase()](path, async ({ body }) => {
      try {
        return { ok: true, value: await run(body) }
      } catch (error) {
        throw error ?? new Error('Rejected promise')
      }
    })
  }
  app.get('/after-headers', () => failingStream())
  return { app, fetch: (request) => app.handle(request) }
}

import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { Elysia } from 'elysia'
import { httpTriage } from '../../src/adapters/elysia.js'
import { payloadTooLarge } from '../../src/index.js'
import type { ResponderOptions } from '../../src/respond.js'
import { type Actions, BODY_LIMIT, failingStream } from './routes.js'

/**
 * The conformance routes on Elysia 1.x, served on Node through a fetch bridge (`app.handle`, the
 * Web-standard handler Elysia's Node adapter wraps too), with the plugin registered first.
 */
export async function startElysia(
  actions: Actions,
  options: ResponderOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Elysia()
    .use(httpTriage(options))
    .onRequest(({ request }) => {
      if (Number(request.headers.get('content-length') ?? 0) > BODY_LIMIT) throw payloadTooLarge()
    })
    .get('/ok', () => ({ ok: true }))
    .get('/http-errors', () => actions.httpErrors())
    .post('/validate', ({ body }) => ({ ok: true, value: actions.validate(body) }))
    .post('/json', ({ body }) => ({ ok: true, value: body }))
    .get('/upstream-refused', () => actions.upstreamRefused())
    .get('/upstream-timeout', () => actions.upstreamTimeout())
    .get('/plain', () => actions.plain())
    .get('/string', () => {
      throw 'a thrown string'
    })
    // Elysia turns a thrown or rejected null into its own NOT_FOUND before any hook runs, so an app
    // turns it into an Error itself, as an Express 4 app's wrapper does for next(null).
    .get('/null', () =>
      Promise.reject(null).catch((error) => Promise.reject(error ?? new Error('Rejected promise'))),
    )
    .get('/after-headers', () => failingStream())
  return new Promise((resolve) => {
    const server = serve({ fetch: app.handle, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            ;(server as Server).closeAllConnections?.()
            server.close(() => done())
          }),
      })
    })
  })
}

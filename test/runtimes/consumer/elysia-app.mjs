// The Elysia leg of the matrix: the conformance routes on Elysia 1.x with http-triage/elysia, under
// /elysia, served by run.mjs with Bun.serve (as Elysia's own listen() does) on Bun, Elysia's own
// runtime. On Node the adapter conformance suite runs Elysia through a Request bridge instead.
import { Elysia } from 'elysia'
import { httpError, payloadTooLarge } from 'http-triage'
import { httpTriage } from 'http-triage/elysia'
import { z } from 'zod'
import { BODY_LIMIT, SECRET } from './app.mjs'

const SIGNUP = z.object({ email: z.email(), age: z.number().int().min(18) })

/** Builds the app once; call it as `handler(request, { closed, hanging })`. */
export function createElysiaHandler() {
  const upstreamsOf = new WeakMap()
  const app = new Elysia({ prefix: '/elysia' })
    .use(httpTriage({ log: false }))
    .onRequest(({ request }) => {
      if (Number(request.headers.get('content-length') ?? 0) > BODY_LIMIT) throw payloadTooLarge()
    })
    .get('/ok', () => ({ ok: true }))
    .get('/http-errors', () => {
      throw httpError(404, 'No such widget')
    })
    .post('/validate', ({ body }) => ({ ok: true, value: SIGNUP.parse(body) }))
    .post('/json', ({ body }) => ({ ok: true, value: body }))
    .get('/upstream-refused', ({ request }) => fetch(upstreamsOf.get(request).closed))
    .get('/upstream-timeout', ({ request }) =>
      fetch(upstreamsOf.get(request).hanging, { signal: AbortSignal.timeout(150) }),
    )
    .get('/plain', () => {
      throw new Error(SECRET)
    })
    .get('/string', () => {
      throw 'a thrown string'
    })
    // Elysia turns a thrown or rejected null into its own NOT_FOUND before any hook runs: an app
    // turns it into an Error itself (see docs/adapters/elysia.md).
    .get('/null', () => Promise.reject(new Error('Rejected promise')))
  return (request, upstreams) => {
    upstreamsOf.set(request, upstreams)
    return app.handle(request)
  }
}

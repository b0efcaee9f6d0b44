import fastifySensible from '@fastify/sensible'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@fastify/sensible'

export const collect: Collect = async () => {
  const app = Fastify({ logger: false })
  await app.register(fastifySensible)
  const errors: unknown[] = []
  app.setErrorHandler((error, _request, reply) => {
    errors.push(error)
    void reply.code(599).send()
  })
  const check: (condition: unknown, code: number, message?: string) => void = app.assert
  const orders = new Map([['o-1', { id: 'o-1', owner: 'ada', state: 'shipped' }]])
  app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
    const order = orders.get(request.params.id)
    if (order === undefined) return reply.notFound(`order ${request.params.id} not found`)
    return order
  })
  app.delete<{ Params: { id: string }; Headers: { 'x-user'?: string } }>('/orders/:id', async (request) => {
    const order = orders.get(request.params.id)
    if (order === undefined) throw app.httpErrors.notFound()
    // The ownership check, by the plugin's assert.
    app.assert.equal(order.owner, request.headers['x-user'], 403, 'not your order')
    if (order.state === 'shipped') throw app.httpErrors.conflict('order already shipped')
    return { deleted: true }
  })
  app.post<{ Body: { qty?: number } }>('/orders', async (request) => {
    check(typeof request.body?.qty === 'number' && request.body.qty > 0, 400, 'qty must be positive')
    return { ok: true }
  })
  app.get('/reports/export', async (_request, reply) => reply.notImplemented('export is not built yet'))
  app.get('/search', async (_request, reply) => {
    reply.header('retry-after', '30')
    return reply.tooManyRequests('search quota used up, try again in 30 s')
  })
  app.get('/maintenance', async (_request, reply) => reply.serviceUnavailable('read-only maintenance window'))
  app.get('/legacy', async () => {
    // Our bug: 499 is no status the plugin knows, so getHttpError finds no factory.
    check(false, 499, 'client closed')
  })
  app.get('/v1/invoices', async (_request, reply) => reply.getHttpError(410, 'v1 was retired, use /v2'))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const base = `http://127.0.0.1:${address.port}`
  const caught = async (path: string, init?: RequestInit) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'GET /orders/o-404: the handler answers reply.notFound() (http-errors NotFoundError, status 404, sent to the error handler)',
        why: 'a status the app chose: 404',
        expect: { status: 404 },
        error: await caught('/orders/o-404'),
      },
      {
        library,
        what: "DELETE /orders/o-1 by another user: app.assert.equal(owner, user, 403) fails (ForbiddenError 'not your order')",
        why: 'a status the app chose: 403 forbidden',
        expect: { status: 403 },
        error: await caught('/orders/o-1', { method: 'DELETE', headers: { 'x-user': 'eve' } }),
      },
      {
        library,
        what: "DELETE /orders/o-1 by its owner once shipped: app.httpErrors.conflict('order already shipped') (ConflictError 409)",
        why: 'a status the app chose: 409',
        expect: { status: 409 },
        error: await caught('/orders/o-1', { method: 'DELETE', headers: { 'x-user': 'ada' } }),
      },
      {
        library,
        what: "POST /orders with qty 0: app.assert(cond, 400, 'qty must be positive') (BadRequestError 400)",
        why: 'a status the app chose: 400 as thrown',
        expect: { status: 400 },
        error: await caught('/orders', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ qty: 0 }),
        }),
      },
      {
        library,
        what: 'GET /reports/export: reply.notImplemented() (NotImplementedError 501)',
        why: 'explicit not-implemented error: 501',
        expect: { status: 501 },
        error: await caught('/reports/export'),
      },
      {
        library,
        what: 'GET /search over quota: Retry-After: 30 set on the reply, then reply.tooManyRequests() (TooManyRequestsError 429)',
        why: 'a status the app chose: 429 (the Retry-After is on the reply, not on the error)',
        expect: { status: 429 },
        error: await caught('/search'),
      },
      {
        library,
        what: 'GET /maintenance: reply.serviceUnavailable() during our own maintenance window (ServiceUnavailableError 503)',
        why: 'a status the app chose: 503 (ours, not a dependency)',
        expect: { status: 503 },
        error: await caught('/maintenance'),
      },
      {
        library,
        what: 'GET /legacy: app.assert(false, 499) with a status the plugin has no factory for (TypeError \'httpErrors[statusCodesMap[(code + "")]] is not a function\')',
        why: 'our bug: TypeError, 500',
        expect: { status: 500 },
        error: await caught('/legacy'),
      },
      {
        library,
        what: "GET /v1/invoices: reply.getHttpError(410, 'v1 was retired, use /v2') (GoneError 410)",
        why: 'a status the app chose: 410',
        expect: { status: 410 },
        error: await caught('/v1/invoices'),
      },
    )
    return cases
  } finally {
    await app.close()
  }
}

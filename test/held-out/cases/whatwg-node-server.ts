import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServerAdapter, HTTPError, useErrorHandling } from '@whatwg-node/server'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@whatwg-node/server'

// A fetch-style server adapter mounted on a Node http server on 127.0.0.1. Its error-handling
// plugin (the application's error handler) keeps every error a request handler throws.
export const collect: Collect = async () => {
  const errors: unknown[] = []
  const carts = new Map([['c-1', { id: 'c-1', items: 2, version: 3 }]])
  const adapter = createServerAdapter(
    async (request: Request) => {
      const url = new URL(request.url)
      const [, first, id] = url.pathname.split('/')
      if (first !== 'carts') return new Response(null, { status: 404 })
      if (request.method === 'GET') {
        const cart = carts.get(id ?? '')
        if (!cart) throw new HTTPError(404, `Cart ${id} not found`)
        return Response.json(cart)
      }
      if (request.method === 'PUT') {
        if (request.headers.get('authorization') !== 'Bearer k1')
          throw new HTTPError(401, 'Invalid token', {
            'WWW-Authenticate': 'Bearer error="invalid_token"',
          })
        const body = (await request.json()) as { version?: number }
        if (body.version !== carts.get(id ?? '')?.version)
          throw new HTTPError(
            409,
            'Cart was modified by another request',
            {},
            { expected: 3, got: body.version },
          )
        return Response.json({ ok: true })
      }
      if (request.method === 'POST' && id === 'checkout') {
        if (request.headers.get('x-client') === 'burst')
          throw new HTTPError(429, 'Too many checkouts', { 'Retry-After': '30' })
        throw new HTTPError(503, 'Checkout is paused for maintenance', { 'Retry-After': '120' })
      }
      if (request.method === 'DELETE') throw new Error('cart store is not initialised')
      throw new HTTPError(405, `${request.method} is not allowed`, { Allow: 'GET, PUT, DELETE' })
    },
    {
      plugins: [
        useErrorHandling((error: unknown) => {
          errors.push(error)
          return new Response(null, { status: 599 })
        }),
      ],
    },
  )
  const server = createServer(adapter)
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const put = (
    body: string,
    headers: Record<string, string> = { authorization: 'Bearer k1' },
  ): RequestInit => ({
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /carts/c-9: handler threw HTTPError(404, "Cart c-9 not found")',
      why: "client's missing resource: 404",
      expect: { status: 404 },
      error: await rejection('/carts/c-9'),
    })
    cases.push({
      library,
      what: 'PATCH /carts/c-1: handler threw HTTPError(405) with an Allow header',
      why: 'errors that carry a status: method not allowed, 405',
      expect: { status: 405 },
      error: await rejection('/carts/c-1', { method: 'PATCH' }),
    })
    cases.push({
      library,
      what: 'PUT /carts/c-1 with a bad token: HTTPError(401) carrying WWW-Authenticate: Bearer error="invalid_token"',
      why: "auth failure of the client's token: 401 with WWW-Authenticate",
      expect: { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
      error: await rejection('/carts/c-1', put('{}', { authorization: 'Bearer nope' })),
    })
    cases.push({
      library,
      what: 'PUT /carts/c-1 with body "{version: 3,": request.json() of the adapter\'s Request rejected with a SyntaxError',
      why: 'malformed request syntax (JSON body parse error): 400',
      expect: { status: 400 },
      error: await rejection('/carts/c-1', put('{version: 3,')),
    })
    cases.push({
      library,
      what: 'PUT /carts/c-1 {version:2}: handler threw HTTPError(409) with details { expected, got }',
      why: 'conflicts (version conflict): 409',
      expect: { status: 409 },
      error: await rejection('/carts/c-1', put(JSON.stringify({ version: 2 }))),
    })
    cases.push({
      library,
      what: 'POST /carts/checkout from a bursting client: HTTPError(429) carrying Retry-After: 30',
      why: 'rate limiting of our client: 429 + Retry-After',
      expect: { status: 429, headers: { 'retry-after': '30' } },
      error: await rejection('/carts/checkout', { method: 'POST', headers: { 'x-client': 'burst' } }),
    })
    cases.push({
      library,
      what: 'POST /carts/checkout during maintenance: HTTPError(503) carrying Retry-After: 120',
      why: 'errors that carry a status: 503 chosen by the app, + Retry-After it keeps',
      expect: { status: 503, headers: { 'retry-after': '120' } },
      error: await rejection('/carts/checkout', { method: 'POST' }),
    })
    cases.push({
      library,
      what: 'DELETE /carts/c-1: handler threw a plain Error',
      why: 'everything else: plain Error is 500',
      expect: { status: 500 },
      error: await rejection('/carts/c-1', { method: 'DELETE' }),
    })
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
  return cases
}

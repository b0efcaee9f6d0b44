import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http'
import axios from 'axios'
import {
  appendCorsHeaders,
  bodyLimit,
  fromNodeHandler,
  H3,
  type H3Event,
  HTTPError,
  readBody,
  readValidatedBody,
  toNodeHandler,
} from 'h3'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { app as docsApp } from '../../docs/examples/h3.js'
import { catchThrown, onError } from '../../src/adapters/h3.js'
import { isValidRequestId, type LogReport } from '../../src/index.js'
import { listen } from '../support/loopback.js'

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function serve(app: H3 | RequestListener): Promise<string> {
  const server = createServer(typeof app === 'function' ? app : toNodeHandler(app))
  servers.push(server)
  return `http://127.0.0.1:${await listen(server)}`
}

function appWithReports() {
  const reports: LogReport[] = []
  const app = new H3({ silent: true, onError: onError({ log: (report) => void reports.push(report) }) })
  return { app, reports }
}

describe('h3 adapter', () => {
  it("classifies a foreign throw by the value thrown, not by the status h3's wrapper copied from it", async () => {
    // An upstream that answers 401: axios throws an AxiosError with `status: 401`, and h3's
    // wrapper copies that status. The client's request was fine; our server's call was not.
    const upstream = await serve((_req, res) => {
      res.statusCode = 401
      res.end()
    })
    const route = () => axios.get(upstream)

    const plain = new H3({ silent: true })
    plain.get('/profile', route)
    expect((await plain.request('/profile')).status).toBe(401) // h3 alone passes it through

    const { app, reports } = appWithReports()
    app.get('/profile', route)
    const response = await app.request('/profile')
    expect(response.status).toBe(500)
    expect(await response.json()).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' })
    expect(reports[0]).toMatchObject({ rule: 'upstream:axios:4xx', err: { name: 'AxiosError' } })
  })

  it("reads h3's HTTPError back: its status, a 4xx's message, and only the headers a problem may carry", async () => {
    const { app } = appWithReports()
    app.get('/busy', () => {
      throw new HTTPError({
        status: 503,
        message: 'pool db-1 exhausted',
        headers: { 'retry-after': '30', 'x-pool': 'db-1' },
      })
    })
    app.get('/orders', () => {
      throw HTTPError.status(405, 'Method Not Allowed', { message: 'Use POST.', headers: { allow: 'POST' } })
    })
    const busy = await app.request('/busy')
    expect([busy.status, busy.headers.get('retry-after'), busy.headers.get('x-pool')]).toEqual([
      503,
      '30',
      null,
    ])
    expect(await busy.text()).not.toContain('db-1')
    const method = await app.request('/orders')
    expect([method.status, method.headers.get('allow')]).toEqual([405, 'POST'])
    expect(await method.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED', detail: 'Use POST.' })
  })

  it('reports the route template, the method and path, and the error thrown', async () => {
    const { app, reports } = appWithReports()
    app.get('/orders/:id', () => {
      throw new Error('lost the order')
    })
    const response = await app.request('/orders/7?expand=items')
    expect(response.status).toBe(500)
    expect(reports[0]).toMatchObject({
      route: '/orders/:id',
      req: { method: 'GET', url: '/orders/7' },
      err: { message: 'lost the order' },
      request_id: response.headers.get('x-request-id'),
    })
  })

  it("reuses a middleware's event.context.requestId, else a valid incoming X-Request-Id", async () => {
    const { app } = appWithReports()
    app.use((event) => {
      const id = event.req.headers.get('x-trace')
      if (id) event.context.requestId = id
    })
    app.get('/fail', () => {
      throw new Error('x')
    })
    const fromContext = await app.request('/fail', {
      headers: { 'x-trace': 'trace-42', 'x-request-id': 'inc-1' },
    })
    expect(fromContext.headers.get('x-request-id')).toBe('trace-42')
    const incoming = await app.request('/fail', { headers: { 'x-request-id': 'inc-1' } })
    expect(incoming.headers.get('x-request-id')).toBe('inc-1')
    const unsafe = await app.request('/fail', { headers: { 'x-trace': 'a b <c>' } })
    expect(unsafe.headers.get('x-request-id')).not.toContain('<')
    expect(isValidRequestId(unsafe.headers.get('x-request-id'))).toBe(true)
  })

  it("keeps h3's CORS headers on the error response", async () => {
    const { app } = appWithReports()
    app.use((event) => {
      appendCorsHeaders(event, { origin: '*' })
    })
    app.get('/fail', () => {
      throw new Error('x')
    })
    const response = await app.request('/fail', { headers: { origin: 'https://app.example' } })
    expect(response.status).toBe(500)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it("answers h3's own request errors with their status and h3's message, a schema failure as 422", async () => {
    // h3's readBody() and bodyLimit() throw HTTPErrors of their own; their status is read back (the
    // fetch-style `await event.req.json()` gets every adapter's 400). readValidatedBody()'s 400
    // carries the schema's issues in its data: a validation failure, 422 with the issues.
    const { app } = appWithReports()
    app.use(bodyLimit(64))
    app.post('/body', (event) => readBody(event))
    app.post('/validated', (event) => readValidatedBody(event, z.object({ email: z.email() })))
    const post = (path: string, body: string) =>
      app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
    expect(await (await post('/body', '{"a":')).json()).toMatchObject({
      status: 400,
      detail: 'Invalid JSON body',
    })
    expect(await (await post('/body', JSON.stringify({ pad: 'x'.repeat(100) }))).json()).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'Request body size exceeds the limit of 64 bytes',
    })
    const invalid = await (await post('/validated', '{"email":"nope"}')).json()
    expect(invalid).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'email', code: 'invalid_format' }],
    })
    expect(JSON.stringify(invalid)).not.toContain('nope')
  })

  it('closes the connection when a Node handler fails after writing its head, and logs headers_sent', async () => {
    const { app, reports } = appWithReports()
    app.get(
      '/legacy',
      fromNodeHandler(async (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        ;(res as ServerResponse).write('partial')
        await new Promise((resolve) => setTimeout(resolve, 10))
        throw new Error('failed mid-response')
      }),
    )
    const url = await serve(app)
    const outcome = await fetch(`${url}/legacy`, { signal: AbortSignal.timeout(5000) })
      .then((response) => response.text())
      .then(
        (text) => `complete:${text}`,
        (error: unknown) => `failed:${String(error)}`,
      )
    // h3 alone appends its JSON error body to the 200 under way: a complete-looking answer.
    expect(outcome).toMatch(/^failed:/)
    expect(reports[0]).toMatchObject({ headers_sent: true, err: { message: 'failed mid-response' } })
    expect((await fetch(`${url}/missing`)).status).toBe(404)
  })

  it('catchThrown(): a thrown value h3 cannot ask `instanceof Error` of reaches onError', async () => {
    const trapsThrow = () =>
      new Proxy(
        {},
        {
          getPrototypeOf() {
            throw new Error('trap')
          },
          get() {
            throw new Error('trap')
          },
        },
      )
    const revoked = Proxy.revocable(new Error('x'), {})
    revoked.revoke()
    for (const value of [trapsThrow(), revoked.proxy]) {
      const plain = new H3({ silent: true, onError: onError() })
      plain.get('/', () => {
        throw value
      })
      await expect(Promise.resolve(plain.request('/'))).rejects.toThrow() // h3's own toError() throws
      const guarded = new H3({ silent: true, onError: onError() })
      guarded.use(catchThrown())
      guarded.get('/', () => {
        throw value
      })
      const response = await guarded.request('/')
      expect([response.status, response.headers.get('content-type')]).toEqual([
        500,
        'application/problem+json',
      ])
    }
    // Everything else passes as it is: h3 still reads a thrown number as a status.
    const app = new H3({ silent: true, onError: onError() })
    app.use(catchThrown())
    app.get('/', () => {
      throw 404
    })
    expect((await app.request('/')).status).toBe(404)
  })

  it('answers even for an event whose every read throws', async () => {
    const hostile = new Proxy({} as H3Event, {
      get() {
        throw new Error('no')
      },
    })
    const response = onError()(new Error('x'), hostile)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })

  it('checks its options once, at setup', () => {
    expect(() => onError({ fromat: 'json' } as never)).toThrow(/format/)
    expect(() => onError({ format: 'xml' } as never)).toThrow()
  })
})

describe('docs/examples/h3.ts', () => {
  const json = (body: string): RequestInit => ({
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  })

  it('answers what its comments say', async () => {
    const missing = await docsApp.request('/orders/7')
    expect([missing.status, (await missing.json()).detail]).toEqual([404, 'No such order.'])
    expect(await (await docsApp.request('/orders/1')).json()).toEqual({ id: '1', total: 42 })
    const malformed = await docsApp.request('/orders', json('{"total":'))
    expect([malformed.status, (await malformed.json()).detail]).toEqual([
      400,
      'The request body is not valid JSON.',
    ])
    const invalid = await (await docsApp.request('/orders', json('{"total":-1}'))).json()
    expect(invalid).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', errors: [{ path: 'total' }] })
    const created = await docsApp.request('/orders', json('{"total":5}'))
    expect([created.status, await created.json()]).toEqual([201, { total: 5 }])
    const nowhere = await (await docsApp.request('/nowhere')).json()
    expect(nowhere).toMatchObject({ status: 404, detail: 'No route for GET /nowhere' })
  })
})

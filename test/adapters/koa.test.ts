// The Koa adapter on Koa 3 over real HTTP on 127.0.0.1: ctx.throw()'s http-errors read back, the
// app's 'error' event for 5xx, Koa's own 404, a response under way, what stays of the response
// prepared before the error; and Koa's own ctx.onerror test cases (koa/__tests__/context/
// onerror.test.js), adapted where http-triage differs on purpose.
import { createServer, type Server } from 'node:http'
import { Readable } from 'node:stream'
import { runInNewContext } from 'node:vm'
import Koa from 'koa'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { app as docsApp } from '../../docs/examples/koa.js'
import { errorHandler, type KoaOptions } from '../../src/adapters/koa.js'
import { isValidRequestId } from '../../src/index.js'
import { listen } from '../support/loopback.js'
import { collect, get, outcome } from './client.js'

const servers: Server[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    }),
  )
})

type Middleware = Parameters<Koa['use']>[0]

/** A Koa app with `errorHandler(options)` first, then `middleware`, listening on loopback. */
async function start(
  middleware: Middleware[],
  options: KoaOptions = { log: false },
  setup?: (app: Koa) => void,
) {
  const app = new Koa()
  // Koa's default 'error' listener prints every emitted 5xx; the tests that want it say so.
  app.silent = true
  setup?.(app)
  app.use(errorHandler(options))
  for (const m of middleware) app.use(m)
  const server = createServer(app.callback())
  servers.push(server)
  const url = `http://127.0.0.1:${await listen(server)}`
  return { app, url }
}

describe('ctx.throw()', () => {
  it('reads back the status, the exposed message and the allowed headers of an http-error', async () => {
    const { url } = await start([
      (ctx) =>
        ctx.throw(401, 'Sign in first.', { headers: { 'WWW-Authenticate': 'Bearer', 'X-Debug': 'x' } }),
    ])
    const seen = await get(url)
    expect(seen.status).toBe(401)
    expect(seen.headers.get('content-type')).toBe('application/problem+json')
    expect(seen.headers.get('www-authenticate')).toBe('Bearer')
    expect(seen.headers.get('x-debug')).toBeNull()
    expect(seen.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED', detail: 'Sign in first.' })
  })

  it('keeps the message of a 4xx thrown with expose: false to itself', async () => {
    const { url } = await start([(ctx) => ctx.throw(400, 'internal note', { expose: false })])
    const seen = await get(url)
    expect(seen.status).toBe(400)
    expect(seen.text).not.toContain('internal note')
  })

  it('never shows the message of a 5xx, even one thrown with expose: true', async () => {
    const { url } = await start([(ctx) => ctx.throw(503, 'db password=hunter2', { expose: true })])
    const seen = await get(url)
    expect(seen.status).toBe(503)
    expect(seen.text).not.toContain('hunter2')
  })
})

describe("the app's 'error' event", () => {
  it('fires for a 5xx with the error and the context, after the answer is written', async () => {
    const emitted: { error: unknown; status: number }[] = []
    const thrown = new Error('db down')
    const { url } = await start(
      [
        () => {
          throw thrown
        },
      ],
      { log: false },
      (app) => app.on('error', (error, ctx) => emitted.push({ error, status: ctx.status })),
    )
    expect((await get(url)).status).toBe(500)
    expect(emitted).toEqual([{ error: thrown, status: 500 }])
  })

  it('does not fire for a 4xx: the client’s error is logged at the 4xx level instead', async () => {
    const emitted: unknown[] = []
    const { reports, options } = collect()
    const { url } = await start([(ctx) => ctx.throw(409, 'taken')], options, (app) =>
      app.on('error', (error) => emitted.push(error)),
    )
    expect((await get(url)).status).toBe(409)
    expect(emitted).toEqual([])
    expect(reports.map((r) => r.status)).toEqual([409])
  })

  it('gets an Error for a thrown value that is not one, so Koa’s default listener prints it', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { url } = await start(
      [
        () => {
          throw { key: 'value' }
        },
      ],
      { log: false },
      (app) => {
        app.silent = false
      },
    )
    expect((await get(url)).status).toBe(500)
    // Koa's default listener (no app.on('error')) throws on a non-Error; it printed the stack instead.
    await vi.waitFor(() => expect(printed).toHaveBeenCalledWith(expect.stringContaining('ThrownValue')))
  })

  it('changes nothing when a listener throws', async () => {
    const { url } = await start(
      [
        () => {
          throw new Error('x')
        },
      ],
      { log: false },
      (app) =>
        app.on('error', () => {
          throw new Error('listener failed')
        }),
    )
    expect((await get(url)).status).toBe(500)
    expect((await get(url)).status).toBe(500)
  })
})

describe("Koa's own 404", () => {
  it('is answered when nothing set a body, in the same shape as every error', async () => {
    const { reports, options } = collect()
    const { url } = await start([async (_ctx, next) => next()], options)
    const seen = await get(`${url}/nothing/here?q=1`)
    expect(seen.status).toBe(404)
    expect(seen.body).toMatchObject({ code: 'NOT_FOUND', detail: 'No route for GET /nothing/here' })
    expect(reports[0]?.route).toBeUndefined()
  })

  it('has no body for HEAD', async () => {
    const { url } = await start([])
    const seen = await get(url, { method: 'HEAD' })
    expect(seen.status).toBe(404)
    expect(seen.headers.get('content-type')).toBe('application/problem+json')
    expect(seen.text).toBe('')
  })

  it('is a plain Not Found, with the route, when a route matched and chose 404 without a body', async () => {
    const { reports, options } = collect()
    const { url } = await start(
      [
        (ctx, next) => {
          // What @koa/router sets for the route that matched (its test "exposes the matched path to ctx._matchedRoute").
          ;(ctx as unknown as { _matchedRoute: string })._matchedRoute = '/orders/:id'
          return next()
        },
        (ctx) => {
          ctx.status = 404
        },
      ],
      options,
    )
    const seen = await get(`${url}/orders/7`)
    expect(seen.status).toBe(404)
    expect(seen.body.detail).not.toContain('No route')
    expect(reports[0]?.route).toBe('/orders/:id')
  })

  it('leaves alone a response the app writes itself (ctx.respond = false), and a body that was set', async () => {
    const { url } = await start([
      (ctx) => {
        if (ctx.path === '/raw') {
          ctx.respond = false
          ctx.res.statusCode = 404
          ctx.res.end('raw')
        } else {
          ctx.status = 404
          ctx.body = { mine: true }
        }
      },
    ])
    expect((await get(`${url}/raw`)).text).toBe('raw')
    expect((await get(`${url}/set`)).body).toEqual({ mine: true })
  })
})

describe('the request', () => {
  it('keeps the route template that @koa/router noted, for the report', async () => {
    const { reports, options } = collect()
    const { url } = await start(
      [
        (ctx, next) => {
          ;(ctx as unknown as { _matchedRoute: string })._matchedRoute = '/orders/:id'
          return next()
        },
        () => {
          throw new Error('x')
        },
      ],
      options,
    )
    await get(`${url}/orders/7`)
    expect(reports[0]).toMatchObject({ route: '/orders/:id', req: { method: 'GET', url: '/orders/7' } })
  })

  it('reuses the id koa-requestid put on ctx.state.id, or an app’s ctx.state.requestId', async () => {
    const { url } = await start([
      (ctx, next) => {
        // koa-requestid: `ctx.state.id = id` (from the query, the Request-Id header, or a uuid).
        if (ctx.path === '/id') ctx.state.id = 'from-koa-requestid'
        else ctx.state.requestId = 'from-state'
        return next()
      },
      () => {
        throw new Error('x')
      },
    ])
    expect((await get(`${url}/id`)).headers.get('x-request-id')).toBe('from-koa-requestid')
    expect((await get(`${url}/other`)).body.request_id).toBe('from-state')
    const generated = (await get(`${url}/other`, { headers: { 'x-request-id': 'ignored' } })).body.request_id
    expect(generated).toBe('from-state')
  })

  it('echoes a valid incoming X-Request-Id when nothing assigned one', async () => {
    const { url } = await start([
      () => {
        throw new Error('x')
      },
    ])
    const seen = await get(url, { headers: { 'x-request-id': 'abc-123' } })
    expect(seen.body.request_id).toBe('abc-123')
    const fresh = await get(url, { headers: { 'x-request-id': 'bad id' } })
    expect(isValidRequestId(fresh.body.request_id)).toBe(true)
    expect(fresh.body.request_id).not.toBe('bad id')
  })

  it('answers 400 to a JSON body parsed by hand, 500 to a JSON parse error of something else', async () => {
    const { url } = await start([
      async (ctx) => {
        if (ctx.path === '/config') return JSON.parse('{"port": ')
        let text = ''
        for await (const chunk of ctx.req) text += String(chunk)
        ctx.body = JSON.parse(text)
      },
    ])
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"total": ' }
    expect((await get(`${url}/orders`, post)).body).toMatchObject({ status: 400, code: 'BAD_REQUEST' })
    expect((await get(`${url}/config`)).status).toBe(500)
  })
})

describe('a cancellation', () => {
  it('is the server’s 500 when the server gave up on its own call, the client’s 499 when it went away', async () => {
    const { reports, options } = collect()
    const { url } = await start(
      [
        async (ctx) => {
          const controller = new AbortController()
          if (ctx.path === '/ours') setImmediate(() => controller.abort())
          else ctx.req.on('close', () => controller.abort())
          await new Promise((_resolve, reject) =>
            controller.signal.addEventListener('abort', () =>
              reject(new DOMException('This operation was aborted', 'AbortError')),
            ),
          )
        },
      ],
      options,
    )
    expect((await get(`${url}/ours`)).body).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' })
    const gone = new AbortController()
    const request = fetch(`${url}/gone`, { signal: gone.signal }).catch(() => 'aborted')
    setTimeout(() => gone.abort(), 20)
    expect(await request).toBe('aborted')
    await vi.waitFor(() => expect(reports[1]).toMatchObject({ status: 499, code: 'CLIENT_CLOSED_REQUEST' }))
  })
})

describe('after the headers', () => {
  it('ends the connection of a response under way, logs it and emits a 5xx', async () => {
    const { reports, options } = collect()
    const emitted: unknown[] = []
    const { url } = await start(
      [
        async (ctx) => {
          ctx.status = 200
          ctx.set('X-Foo', 'Bar')
          ctx.flushHeaders()
          ctx.res.write('partial')
          await Promise.reject(new Error('mock error'))
        },
      ],
      options,
      (app) => app.on('error', (error) => emitted.push(error)),
    )
    expect(await outcome(url)).toBe('failed')
    expect(reports[0]).toMatchObject({ status: 500, headers_sent: true, res: { statusCode: 200 } })
    expect(emitted).toHaveLength(1)
  })

  it('leaves a failing stream body to Koa: it ends the response and emits the error', async () => {
    const emitted: unknown[] = []
    const { url } = await start(
      [
        (ctx) => {
          ctx.body = new Readable({
            read() {
              this.push('partial')
              this.destroy(new Error('failed mid-stream'))
            },
          })
        },
      ],
      { log: false },
      (app) => app.on('error', (error) => emitted.push(error)),
    )
    expect(await outcome(url)).toBe('failed')
    // (Koa emits it from the pipe's callback, and again when the response closes.)
    await vi.waitFor(() =>
      expect(emitted).toContainEqual(expect.objectContaining({ message: 'failed mid-stream' })),
    )
  })
})

describe('the response prepared before the error', () => {
  it('keeps headers set for every response, drops those that described the body', async () => {
    const { url } = await start([
      (ctx) => {
        ctx.set('Access-Control-Allow-Origin', 'https://app.example')
        ctx.set('Vary', 'Origin')
        ctx.body = '<p>about to fail</p>'
        ctx.set('Content-Language', 'en')
        throw new Error('x')
      },
    ])
    const seen = await get(url)
    expect(seen.status).toBe(500)
    expect(seen.headers.get('access-control-allow-origin')).toBe('https://app.example')
    expect(seen.headers.get('vary')).toBe('Origin')
    expect(seen.headers.get('content-type')).toBe('application/problem+json')
    expect(seen.headers.get('content-language')).toBeNull()
    expect(Number(seen.headers.get('content-length'))).toBe(new TextEncoder().encode(seen.text).byteLength)
  })

  it('ignores a status set before the error, as Koa does (every response starts at 404 in Koa)', async () => {
    const { url } = await start([
      (ctx) => {
        ctx.status = 503
        throw new Error('x')
      },
    ])
    expect((await get(url)).status).toBe(500)
  })
})

// koa/__tests__/context/onerror.test.js, case by case.
describe("Koa's ctx.onerror cases", () => {
  const throwing = (error: unknown): Middleware[] => [
    (ctx) => {
      ctx.body = 'something else'
      throw error
    },
  ]

  it('should respond: 418 with the exposed message', async () => {
    const { url } = await start([
      (ctx) => {
        ctx.body = 'something else'
        ctx.throw(418, 'boom')
      },
    ])
    const seen = await get(url)
    expect(seen.status).toBe(418)
    expect(seen.body).toMatchObject({ status: 418, detail: 'boom' })
    expect(Number(seen.headers.get('content-length'))).toBe(seen.text.length)
  })

  it('should set headers specified in the error: only those of the allowlist (differs on purpose)', async () => {
    const error = Object.assign(new Error('boom'), {
      status: 418,
      expose: true,
      headers: {
        'Content-Length': ['1', '2'],
        'cOnTeNt-TyPe': ['text/plain', 'application/json'],
        'Set-Cookie': ['first=1', 'second=2'],
        'X-New-Header': 'Value',
      },
    })
    const { url } = await start(throwing(error))
    const seen = await get(url)
    expect(seen.status).toBe(418)
    expect(seen.headers.get('content-type')).toBe('application/problem+json')
    expect(seen.headers.get('x-new-header')).toBeNull()
    expect(seen.headers.getSetCookie()).toEqual([])
    expect(seen.body.detail).toBe('boom')
  })

  it('should set status specified in the error using statusCode', async () => {
    const { url } = await start(throwing(Object.assign(new Error('Not found'), { statusCode: 404 })))
    expect((await get(url)).status).toBe(404)
  })

  it.each([['notnumber'], [9999]])('should respond 500 when err.status is %s', async (status) => {
    const { url } = await start(throwing(Object.assign(new Error('some error'), { status })))
    expect((await get(url)).status).toBe(500)
  })

  it.each([['notnumber'], [9999]])('should respond 500 when err.statusCode is %s', async (statusCode) => {
    const { url } = await start(throwing(Object.assign(new Error('some error'), { statusCode })))
    expect((await get(url)).status).toBe(500)
  })

  it('should handle an error from another realm like a normal error', async () => {
    const ExternError = runInNewContext('Error') as ErrorConstructor
    const { url } = await start(
      throwing(Object.assign(new ExternError('boom'), { status: 418, expose: true })),
    )
    const seen = await get(url)
    expect(seen.status).toBe(418)
    expect(seen.body.detail).toBe('boom')
  })

  it('should respond 500 to a non-error thrown, without its text', async () => {
    const { url } = await start(throwing('string error'), { log: false }, (app) => app.on('error', () => {}))
    const seen = await get(url)
    expect(seen.status).toBe(500)
    expect(seen.text).not.toContain('string error')
  })
})

describe('docs/examples/koa.ts', () => {
  it('answers a missing order, an unknown path and a found order', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const server = createServer(docsApp.callback())
    servers.push(server)
    const url = `http://127.0.0.1:${await listen(server)}`
    expect((await get(`${url}/orders/7`)).body).toMatchObject({ status: 404, detail: 'No such order.' })
    expect((await get(`${url}/nope`)).body).toMatchObject({ status: 404, detail: 'No route for GET /nope' })
    expect((await get(`${url}/orders/1`)).body).toEqual({ id: '1', total: 42 })
  })
})

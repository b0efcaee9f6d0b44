/**
 * finalhandler's own test cases (github:pillarjs/finalhandler, test/test.js at e561b5a), ported to
 * the Express adapter: `errorHandler()` and `notFoundHandler()` of src/adapters/express.ts, on
 * Express 4 (`express4`) and Express 5 (`express`), over real HTTP on 127.0.0.1.
 *
 * The mapping: finalhandler(req, res)(err) is a middleware that calls `next(err)` (after setting
 * headers, res.statusCode or res.statusMessage where the case does) with our `errorHandler()`
 * registered after it; finalhandler(req, res)() is `next()` reaching `notFoundHandler()`. finalhandler's
 * `onerror` option is our `log` option.
 *
 * Skipped:
 * - the `http2` run of every case: finalhandler runs its whole suite twice, on node:http and on
 *   node:http2's compatibility API; Express 4 and 5 apps are served on node:http (Express does not
 *   support http2's compat request/response), so each case runs once per Express version here.
 * - the status-message cases' guard for Node versions without `statusMessage`, and the req.socket
 *   case's guard for Node <= 11: Node 20 has both, so those cases always run.
 * Added, from finalhandler's index.js (onerror is scheduled before its headers-sent check): the
 * error still reaches the `log` option when the headers were already sent.
 */
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http'
import { Writable } from 'node:stream'
import express5 from 'express'
import express4 from 'express4'
import { afterEach, describe, expect, it } from 'vitest'
import { type ExpressOptions, errorHandler, notFoundHandler } from '../../../src/adapters/express.js'
import { listen } from '../../support/loopback.js'

type Express = typeof express5
type App = ReturnType<Express>
type Middleware = (req: express5.Request, res: express5.Response, next: express5.NextFunction) => void

const PROBLEM = 'application/problem+json'

/** finalhandler's test helper: an Error with the given properties. */
function createError(message?: string, props: Record<string, unknown> = {}): Error {
  const err = new Error(message)
  Object.assign(err, props)
  return err
}

/** finalhandler's SlowWriteStream: takes a second per chunk. */
function createSlowWriteStream(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      setTimeout(callback, 1000).unref()
    },
  })
}

const running: Server[] = []

afterEach(async () => {
  const servers = running.splice(0)
  await Promise.all(
    servers.map((server) => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    }),
  )
})

/**
 * finalhandler's `createServer(err, opts)` as an Express app: `err` a function is a middleware that
 * gets `next` where finalhandler's gets `done`; `undefined` is `next()`, any other value, else `next(err)`.
 */
async function createApp(express: Express, err?: unknown, options: ExpressOptions = {}): Promise<number> {
  const app: App = express()
  if (typeof err === 'function') app.use(err as Middleware)
  else if (err !== undefined) app.use((_req, _res, next) => next(err))
  app.use(notFoundHandler(options) as never)
  app.use(errorHandler(options) as never)
  const server = createServer(app)
  running.push(server)
  return listen(server)
}

interface Reply {
  readonly status: number
  readonly statusMessage: string
  readonly headers: IncomingHttpHeaders
  readonly text: string
  /** Whether the response ended normally (false: the connection was cut). */
  readonly complete: boolean
}

/** One request on its own connection; fails (instead of hanging) after 5 s without an answer. */
function send(
  port: number,
  {
    method = 'GET',
    path = '/',
    chunks = [] as Buffer[],
  }: { method?: string; path?: string; chunks?: Buffer[] } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy()
      reject(new Error(`no complete answer to ${method} ${path} within 5 s (the request hangs)`))
    }, 5000)
    const req = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      const data: Buffer[] = []
      res.on('data', (chunk: Buffer) => data.push(chunk))
      res.on('error', () => {})
      res.on('close', () => {
        clearTimeout(timer)
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers,
          text: Buffer.concat(data).toString('utf8'),
          complete: res.complete,
        })
      })
    })
    req.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    for (const chunk of chunks) req.write(chunk)
    req.end()
  })
}

/** The problem+json body of a reply. */
function problem(reply: Reply): Record<string, unknown> {
  expect(reply.headers['content-type']).toContain(PROBLEM)
  return JSON.parse(reply.text) as Record<string, unknown>
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

describe.each([
  ['Express 4', express4 as Express],
  ['Express 5', express5],
])('finalhandler test/test.js, on %s', (_name, express) => {
  const serve = (err?: unknown, options?: ExpressOptions) => createApp(express, err, options)

  describe('headers', () => {
    it('finalhandler: should ignore err.headers without status code', async () => {
      const port = await serve(createError('oops!', { headers: { 'X-Custom-Header': 'foo' } }))
      const res = await send(port)
      expect(res.headers['x-custom-header']).toBeUndefined()
      expect(res.status).toBe(500)
    })

    it('finalhandler: should ignore err.headers with invalid res.status', async () => {
      const port = await serve(createError('oops!', { headers: { 'X-Custom-Header': 'foo' }, status: 601 }))
      const res = await send(port)
      expect(res.headers['x-custom-header']).toBeUndefined()
      expect(res.status).toBe(500)
    })

    it('finalhandler: should ignore err.headers with invalid res.statusCode', async () => {
      const port = await serve(
        createError('oops!', { headers: { 'X-Custom-Header': 'foo' }, statusCode: 601 }),
      )
      const res = await send(port)
      expect(res.headers['x-custom-header']).toBeUndefined()
      expect(res.status).toBe(500)
    })

    it('finalhandler: should include err.headers with err.status', async () => {
      const port = await serve(
        createError('oops!', {
          headers: { 'X-Custom-Header': 'foo=500', 'X-Custom-Header2': 'bar' },
          status: 500,
        }),
      )
      const res = await send(port)
      // differs on purpose: only allowlisted headers of an error are copied; X-Custom-Header* are not
      expect(res.headers['x-custom-header']).toBeUndefined()
      // differs on purpose: only allowlisted headers of an error are copied; X-Custom-Header* are not
      expect(res.headers['x-custom-header2']).toBeUndefined()
      expect(res.status).toBe(500)
    })

    it('finalhandler: should include err.headers with err.statusCode', async () => {
      const port = await serve(
        createError('too many requests', { headers: { 'Retry-After': '5' }, statusCode: 429 }),
      )
      const res = await send(port)
      expect(res.headers['retry-after']).toBe('5')
      expect(res.status).toBe(429)
    })

    it('finalhandler: should ignore err.headers when not an object', async () => {
      const port = await serve(createError('oops!', { headers: 'foobar', statusCode: 500 }))
      const res = await send(port)
      expect(res.status).toBe(500)
    })
  })

  describe('status code', () => {
    it('finalhandler: should 404 on no error', async () => {
      const res = await send(await serve())
      expect(res.status).toBe(404)
    })

    it('finalhandler: should 500 on error', async () => {
      const res = await send(await serve(createError()))
      expect(res.status).toBe(500)
    })

    it('finalhandler: should use err.statusCode', async () => {
      const res = await send(await serve(createError('nope', { statusCode: 400 })))
      expect(res.status).toBe(400)
    })

    it('finalhandler: should ignore non-error err.statusCode code', async () => {
      const res = await send(await serve(createError('created', { statusCode: 201 })))
      expect(res.status).toBe(500)
    })

    it('finalhandler: should ignore non-numeric err.statusCode', async () => {
      const res = await send(await serve(createError('oops', { statusCode: 'oh no' })))
      expect(res.status).toBe(500)
    })

    it('finalhandler: should use err.status', async () => {
      const res = await send(await serve(createError('nope', { status: 400 })))
      expect(res.status).toBe(400)
    })

    it('finalhandler: should use err.status over err.statusCode', async () => {
      const res = await send(await serve(createError('nope', { status: 400, statusCode: 401 })))
      expect(res.status).toBe(400)
    })

    it('finalhandler: should set status to 500 when err.status < 400', async () => {
      const res = await send(await serve(createError('oops', { status: 202 })))
      expect(res.status).toBe(500)
    })

    it('finalhandler: should set status to 500 when err.status > 599', async () => {
      const res = await send(await serve(createError('oops', { status: 601 })))
      expect(res.status).toBe(500)
    })

    it('finalhandler: should use err.statusCode over invalid err.status', async () => {
      const res = await send(await serve(createError('nope', { status: 50, statusCode: 410 })))
      expect(res.status).toBe(410)
    })

    it('finalhandler: should ignore non-error err.status code', async () => {
      const res = await send(await serve(createError('created', { status: 201 })))
      expect(res.status).toBe(500)
    })

    it('finalhandler: should ignore non-numeric err.status', async () => {
      const res = await send(await serve(createError('oops', { status: 'oh no' })))
      expect(res.status).toBe(500)
    })
  })

  describe('status message', () => {
    it('finalhandler: should be "Not Found" on no error', async () => {
      const res = await send(await serve())
      expect(res.statusMessage).toBe('Not Found')
      expect(res.status).toBe(404)
    })

    it('finalhandler: should be "Internal Server Error" on error', async () => {
      const res = await send(await serve(createError()))
      expect(res.statusMessage).toBe('Internal Server Error')
      expect(res.status).toBe(500)
    })

    it('finalhandler: should be "Bad Request" when err.statusCode = 400', async () => {
      const res = await send(await serve(createError('oops', { status: 400 })))
      expect(res.statusMessage).toBe('Bad Request')
      expect(res.status).toBe(400)
    })

    it('finalhandler: should reset existing res.statusMessage', async () => {
      const port = await serve(((_req, res, next) => {
        res.statusMessage = 'An Error Occurred'
        next(new Error())
      }) satisfies Middleware)
      const res = await send(port)
      expect(res.statusMessage).toBe('Internal Server Error')
      expect(res.status).toBe(500)
    })
  })

  describe('404 response', () => {
    it('finalhandler: should include method and pathname', async () => {
      const res = await send(await serve(), { path: '/foo' })
      expect(res.status).toBe(404)
      // differs on purpose: a problem+json body; its detail names the method and the pathname (finalhandler: "Cannot GET /foo")
      expect(problem(res).detail).toContain('GET /foo')
    })

    it('finalhandler: should escape method and pathname characters', async () => {
      const res = await send(await serve(), { path: "/<la'me>" })
      expect(res.status).toBe(404)
      // differs on purpose: a problem+json body, so no HTML escaping; the pathname is still URL-encoded as finalhandler's (encodeurl)
      expect(problem(res).detail).toContain("GET /%3Cla'me%3E")
      expect(res.text).not.toMatch(/[<>]/)
    })

    it('finalhandler: should fallback to generic pathname without URL', async () => {
      // finalhandler's case calls done() directly on a request without a URL; in Express, next()
      // cannot route such a request, so the middleware calls the not-found handler itself.
      const notFound = notFoundHandler() as unknown as Middleware
      const port = await serve(((req, res, next) => {
        ;(req as { url: string | undefined }).url = undefined
        ;(req as { originalUrl: string | undefined }).originalUrl = undefined
        notFound(req, res, next)
      }) satisfies Middleware)
      const res = await send(port, { path: '/foo' })
      expect(res.status).toBe(404)
      // differs on purpose: a problem+json body; its detail still names the method (finalhandler: "Cannot GET resource")
      expect(problem(res).detail).toContain('GET')
    })

    it('finalhandler: should include original pathname', async () => {
      const port = await serve(((req, _res, next) => {
        const parts = req.url.split('/')
        req.originalUrl = req.url
        req.url = `/${parts.slice(2).join('/')}`
        next()
      }) satisfies Middleware)
      const res = await send(port, { path: '/foo/bar' })
      expect(res.status).toBe(404)
      // differs on purpose: a problem+json body; its detail names the original pathname (finalhandler: "Cannot GET /foo/bar")
      expect(problem(res).detail).toContain('GET /foo/bar')
    })

    it('finalhandler: should include pathname only', async () => {
      const res = await send(await serve(), { path: 'http://localhost/foo?bar=1' })
      expect(res.status).toBe(404)
      const detail = String(problem(res).detail)
      // differs on purpose: a problem+json body; its detail names the pathname only (finalhandler: "Cannot GET /foo")
      expect(detail).toContain('GET /foo')
      expect(detail).not.toContain('localhost')
      expect(detail).not.toContain('bar=1')
    })

    it('finalhandler: should handle HEAD', async () => {
      const res = await send(await serve(), { method: 'HEAD', path: '/foo' })
      expect(res.status).toBe(404)
      expect(res.text).toBe('')
    })

    it('finalhandler: should include X-Content-Type-Options header', async () => {
      const res = await send(await serve(), { path: '/foo' })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.status).toBe(404)
    })

    it('finalhandler: should include Content-Security-Policy header', async () => {
      const res = await send(await serve(), { path: '/foo' })
      expect(res.headers['content-security-policy']).toBe("default-src 'none'")
      expect(res.status).toBe(404)
    })

    it('finalhandler: should not hang/error if there is a request body', async () => {
      const buf = Buffer.alloc(1024 * 16, '.')
      const res = await send(await serve(), { method: 'POST', path: '/foo', chunks: [buf, buf, buf] })
      expect(res.status).toBe(404)
    })
  })

  describe('error response', () => {
    it('finalhandler: should include error stack', async () => {
      const res = await send(await serve(createError('boom!')), { path: '/foo' })
      expect(res.status).toBe(500)
      // differs on purpose: a 5xx body never carries the error's message or stack (finalhandler: "<pre>Error: boom!<br> &nbsp; &nbsp;at")
      expect(problem(res)).toMatchObject({ status: 500, title: 'Internal Server Error' })
      expect(res.text).not.toContain('boom!')
    })

    it('finalhandler: should handle HEAD', async () => {
      const res = await send(await serve(createError('boom!')), { method: 'HEAD', path: '/foo' })
      expect(res.status).toBe(500)
      expect(res.text).toBe('')
    })

    it('finalhandler: should include X-Content-Type-Options header', async () => {
      const res = await send(await serve(createError('boom!')), { path: '/foo' })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.status).toBe(500)
    })

    it('finalhandler: should includeContent-Security-Policy header', async () => {
      const res = await send(await serve(createError('boom!')), { path: '/foo' })
      expect(res.headers['content-security-policy']).toBe("default-src 'none'")
      expect(res.status).toBe(500)
    })

    it('finalhandler: should handle non-error-objects', async () => {
      const res = await send(await serve('lame string'), { path: '/foo' })
      expect(res.status).toBe(500)
      // differs on purpose: a 5xx body never carries the thrown value (finalhandler: "<pre>lame string</pre>")
      expect(problem(res)).toMatchObject({ status: 500 })
      expect(res.text).not.toContain('lame string')
    })

    it('finalhandler: should handle null prototype objects', async () => {
      const res = await send(await serve(Object.create(null)), { path: '/foo' })
      expect(res.status).toBe(500)
      // differs on purpose: a problem+json body; its title is the status message (finalhandler: "<pre>Internal Server Error</pre>")
      expect(problem(res)).toMatchObject({ status: 500, title: 'Internal Server Error' })
    })

    it('finalhandler: should send staus code name when production', async () => {
      const res = await send(await serve(createError('boom!', { status: 501 })), { path: '/foo' })
      expect(res.status).toBe(501)
      // differs on purpose: a problem+json body; its title is the status code name (finalhandler: "<pre>Not Implemented</pre>")
      expect(problem(res)).toMatchObject({ status: 501, title: 'Not Implemented' })
    })

    describe('when there is a request body', () => {
      it('finalhandler: should not hang/error when unread', async () => {
        const buf = Buffer.alloc(1024 * 16, '.')
        const port = await serve(new Error('boom!'))
        const res = await send(port, { method: 'POST', path: '/foo', chunks: [buf, buf, buf] })
        expect(res.status).toBe(500)
      })

      it('finalhandler: should not hang/error when actively piped', async () => {
        const buf = Buffer.alloc(1024 * 16, '.')
        const stream = createSlowWriteStream()
        const port = await serve(((req, _res, next) => {
          req.pipe(stream)
          process.nextTick(() => next(new Error('boom!')))
        }) satisfies Middleware)
        const res = await send(port, { method: 'POST', path: '/foo', chunks: [buf, buf, buf] })
        expect(res.status).toBe(500)
      })

      it('finalhandler: should not hang/error when read', async () => {
        const buf = Buffer.alloc(1024 * 16, '.')
        const port = await serve(((req, _res, next) => {
          // read off the request
          req.once('end', () => next(new Error('boom!')))
          req.resume()
        }) satisfies Middleware)
        const res = await send(port, { method: 'POST', path: '/foo', chunks: [buf, buf, buf] })
        expect(res.status).toBe(500)
      })
    })

    describe('when res.statusCode set', () => {
      it('finalhandler: should keep when >= 400', async () => {
        const port = await serve(((_req, res, next) => {
          res.statusCode = 503
          next(new Error('oops'))
        }) satisfies Middleware)
        const res = await send(port, { path: '/foo' })
        expect(res.status).toBe(503)
      })

      it('finalhandler: should convert to 500 is not a number', async () => {
        const port = await serve(((_req, res, next) => {
          ;(res as { statusCode: unknown }).statusCode = 'oh no'
          next(new Error('oops'))
        }) satisfies Middleware)
        const res = await send(port, { path: '/foo' })
        expect(res.status).toBe(500)
      })

      it('finalhandler: should override with err.status', async () => {
        const port = await serve(((_req, _res, next) => {
          next(createError('oops', { status: 414, statusCode: 503 }))
        }) satisfies Middleware)
        const res = await send(port, { path: '/foo' })
        expect(res.status).toBe(414)
      })

      it('finalhandler: should default body to status message in production', async () => {
        const res = await send(await serve(createError('boom!', { status: 509 })), { path: '/foo' })
        expect(res.status).toBe(509)
        // differs on purpose: a problem+json body; its title is the status message (finalhandler: "<pre>Bandwidth Limit Exceeded</pre>")
        expect(problem(res)).toMatchObject({ status: 509, title: 'Bandwidth Limit Exceeded' })
      })
    })

    describe('when res.statusCode undefined', () => {
      it('finalhandler: should set to 500', async () => {
        const port = await serve(((_req, res, next) => {
          ;(res as { statusCode: unknown }).statusCode = undefined
          next(new Error('oops'))
        }) satisfies Middleware)
        const res = await send(port, { path: '/foo' })
        expect(res.status).toBe(500)
      })
    })
  })

  describe('headers set', () => {
    it('finalhandler: should persist set headers', async () => {
      const port = await serve(((_req, res, next) => {
        res.setHeader('Server', 'foobar')
        next()
      }) satisfies Middleware)
      const res = await send(port, { path: '/foo' })
      expect(res.status).toBe(404)
      expect(res.headers.server).toBe('foobar')
    })

    it('finalhandler: should override content-type and length', async () => {
      const port = await serve(((_req, res, next) => {
        res.setHeader('Content-Type', 'image/png')
        res.setHeader('Content-Length', '50')
        next()
      }) satisfies Middleware)
      const res = await send(port, { path: '/foo' })
      expect(res.status).toBe(404)
      // differs on purpose: the body is problem+json, not text/html; charset=utf-8
      expect(res.headers['content-type']).toContain(PROBLEM)
      // differs on purpose: the length of our body, not of finalhandler's HTML (142); it must be the whole body
      expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)))
      expect(problem(res)).toMatchObject({ status: 404 })
    })

    it('finalhandler: should remove other content headers', async () => {
      const port = await serve(((_req, res, next) => {
        res.setHeader('Content-Encoding', 'gzip')
        res.setHeader('Content-Language', 'jp')
        res.setHeader('Content-Range', 'bytes 0-2/10')
        next()
      }) satisfies Middleware)
      const res = await send(port, { path: '/foo' })
      expect(res.status).toBe(404)
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(res.headers['content-language']).toBeUndefined()
      expect(res.headers['content-range']).toBeUndefined()
    })
  })

  describe('request started', () => {
    it('finalhandler: should not respond', async () => {
      const port = await serve(((_req, res, next) => {
        res.statusCode = 301
        res.write('0')
        process.nextTick(() => {
          next()
          res.end('1')
        })
      }) satisfies Middleware)
      const res = await send(port, { path: '/foo' })
      expect(res.status).toBe(301)
      expect(res.text).toBe('01')
    })

    it('finalhandler: should terminate on error', async () => {
      const port = await serve(((_req, res, next) => {
        res.statusCode = 301
        res.write('0')
        process.nextTick(() => {
          next(createError('too many requests', { status: 429, headers: { 'Retry-After': '5' } }))
          res.end('1')
        })
      }) satisfies Middleware)
      const res = await send(port, { path: '/foo' })
      expect(res.status).toBe(301)
      expect(res.text).toBe('0')
    })
  })

  describe('onerror', () => {
    it('finalhandler: should be invoked when error', async () => {
      const err = new Error('boom!')
      const logged: unknown[] = []
      const port = await serve(err, { log: (report) => void logged.push(report.err) })
      await send(port)
      await settle()
      expect(logged).toContain(err)
    })

    it('finalhandler: should be invoked when error, also after headers were sent', async () => {
      // finalhandler schedules onerror before its headers-sent check: the error is reported even
      // when the response can only be cut (the "should terminate on error" route).
      const err = createError('too many requests', { status: 429, headers: { 'Retry-After': '5' } })
      const logged: unknown[] = []
      const port = await serve(
        ((_req, res, next) => {
          res.statusCode = 301
          res.write('0')
          process.nextTick(() => {
            next(err)
            res.end('1')
          })
        }) satisfies Middleware,
        { log: (report) => void logged.push(report.err) },
      )
      const res = await send(port, { path: '/foo' })
      expect(res.status).toBe(301)
      expect(res.text).toBe('0')
      await settle()
      expect(logged).toContain(err)
    })
  })

  describe('req.socket', () => {
    it('finalhandler: should not throw when socket is null', async () => {
      const port = await serve(((req, res, next) => {
        res.statusCode = 200
        res.end('ok')
        process.nextTick(() => {
          ;(req as { socket: unknown }).socket = null
          next(new Error())
        })
      }) satisfies Middleware)
      const res = await send(port)
      expect(res.status).toBe(200)
      expect(res.text).toBe('ok')
      // and the server keeps serving
      await settle()
      expect((await send(port)).status).toBe(200)
    })
  })

  describe('no deprecation warnings', () => {
    const warningsDuring = async (run: () => Promise<Reply>) => {
      const warnings: Error[] = []
      const onWarning = (warning: Error) => void warnings.push(warning)
      process.on('warning', onWarning)
      try {
        const res = await run()
        await settle()
        return { res, warnings }
      } finally {
        process.off('warning', onWarning)
      }
    }

    it('finalhandler: should respond 404 on no error', async () => {
      const port = await serve()
      const { res, warnings } = await warningsDuring(() => send(port, { method: 'HEAD', path: '/foo' }))
      expect(res.status).toBe(404)
      expect(warnings).toEqual([])
    })

    it('finalhandler: should respond 500 on error', async () => {
      const port = await serve(createError())
      const { res, warnings } = await warningsDuring(() => send(port, { method: 'HEAD', path: '/foo' }))
      expect(res.status).toBe(500)
      expect(warnings).toEqual([])
    })
  })
})

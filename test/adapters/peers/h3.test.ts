/**
 * h3's own error-handling, hook and not-found test cases, ported to http-triage's h3 adapter
 * (`new H3({ silent: true, onError: onError() })`, as docs/adapters/h3.md sets it up).
 *
 * Source: h3js/h3 at 1892ee9cae06533c7db72a5213bceda61cc1d58d (2.0.1-rc.29), files
 * `test/errors.test.ts`, `test/hooks.test.ts` (the cases with an error) and the 404 cases of
 * `test/router.test.ts`; run here against the installed h3 2. As h3's `describeMatrix` does, every
 * case runs through `app.request()` and over real HTTP (`toNodeHandler`, node:http on 127.0.0.1).
 *
 * Where this adapter differs from h3's own error response on purpose, the case says so: the body is
 * Problem Details (`application/problem+json`) and an allowlist, so h3's `data`, `body` and
 * `statusText` never reach it; a thrown value that carries a status (`{ status: 403 }`) is read as
 * every adapter reads it (h3 answers 500), its other properties never shown; an `HTTPError` whose
 * `data` is circular is still its own 400 (h3's serializer fails on it and answers 500).
 *
 * Skipped (about h3's hook contract, not about the answer): 'onError receives the wrapped error',
 * and the four cases of an `onError` that throws (this one never throws); 'return number is
 * unchanged' (a 200, no error); 'calls onRequest and onResponse' and 'absorbs a throwing onResponse
 * hook' (no error reaches onError); the router's 200 cases.
 */
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import { runInNewContext } from 'node:vm'
import { H3, HTTPError, toNodeHandler } from 'h3'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { onError } from '../../../src/adapters/h3.js'
import type { LogReport } from '../../../src/index.js'
import { listen } from '../../support/loopback.js'

interface Reply {
  status: number
  headers: Headers
  text: string
  body: Record<string, unknown> | undefined
}

interface Target {
  name: string
  fetch(app: H3, path: string, init?: RequestInit): Promise<Reply>
}

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

async function reply(response: Response): Promise<Reply> {
  const text = await response.text()
  let body: Record<string, unknown> | undefined
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.status, headers: response.headers, text, body }
}

const TARGETS: Target[] = [
  { name: 'web (app.request())', fetch: async (app, path, init) => reply(await app.request(path, init)) },
  {
    name: 'node (toNodeHandler, 127.0.0.1)',
    async fetch(app, path, init) {
      const server = createServer(toNodeHandler(app))
      servers.push(server)
      const port = await listen(server)
      return reply(
        await fetch(`http://127.0.0.1:${port}${path}`, { ...init, signal: AbortSignal.timeout(5000) }),
      )
    },
  },
]

/** An app as the docs set it up, with the reports it logged and hooks that record what they saw. */
function setup() {
  const reports: LogReport[] = []
  const hooks = { onRequest: vi.fn(), onResponse: vi.fn() }
  const app = new H3({
    silent: true,
    onError: onError({ log: (report) => void reports.push(report) }),
    ...hooks,
  })
  return { app, reports, hooks }
}

const GENERIC_500 = 'An unexpected error occurred.'

describe.each(TARGETS)('h3 peer cases, $name', (t) => {
  describe('errors', () => {
    it('throw HTTPError: its status and message; data, body and statusText stay out (allowlist)', async () => {
      const { app } = setup()
      app.use(() => {
        throw new HTTPError({
          statusText: 'Unprocessable',
          status: 422,
          data: { test: 123 },
          body: { topLevel: 'works' },
        })
      })
      const result = await t.fetch(app, '/')
      expect(result.status).toBe(422)
      expect(result.headers.get('content-type')).toBe('application/problem+json')
      expect(result.body).toMatchObject({ status: 422, detail: 'Unprocessable' })
      // The request id is random and may hold the digits by chance: it is left out of the check.
      const text = result.text.replace(String((result.body as { request_id?: unknown }).request_id), '')
      expect(text).not.toContain('topLevel')
      expect(text).not.toContain('123')
    })

    it('return HTTPError', async () => {
      const { app } = setup()
      app.use(() => new HTTPError({ statusText: 'Unprocessable', status: 422, data: { test: 123 } }))
      const result = await t.fetch(app, '/')
      expect(result.status).toBe(422)
      expect(result.body).toMatchObject({ status: 422, detail: 'Unprocessable' })
    })

    it('unhandled errors', async () => {
      const { app, reports } = setup()
      app.use('/api/test', () => {
        // @ts-expect-error: a ReferenceError, as in h3's case
        foo.bar = 123
      })
      const result = await t.fetch(app, '/api/test')
      expect(result.status).toBe(500)
      expect(result.body).toMatchObject({ status: 500, detail: GENERIC_500 })
      expect(result.text).not.toContain('foo')
      // The report carries the error thrown, not h3's wrapper of it.
      expect(reports[0]?.err).toMatchObject({ name: 'ReferenceError', message: 'foo is not defined' })
    })

    it('can send runtime error', async () => {
      const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
      try {
        const { app } = setup()
        app.get('/api/test', () => {
          throw new HTTPError({ status: 400, statusText: 'Bad Request', data: { message: 'Invalid Input' } })
        })
        const result = await t.fetch(app, '/api/test')
        expect(result.status).toBe(400)
        expect(result.headers.get('content-type')).toBe('application/problem+json')
        expect(printed).not.toHaveBeenCalled()
        expect(result.body).toMatchObject({ status: 400, code: 'BAD_REQUEST', detail: 'Bad Request' })
      } finally {
        printed.mockRestore()
      }
    })

    it('can access original error', async () => {
      class CustomError extends Error {
        customError = true
      }
      const { app, reports } = setup()
      app.get('/', () => {
        throw new HTTPError(new CustomError())
      })
      const res = await t.fetch(app, '/')
      expect(res.status).toBe(500)
      expect(reports[0]?.err).toHaveProperty('cause', expect.any(CustomError))
    })

    it('can inherit from cause', async () => {
      class CustomError extends Error {
        override cause = new HTTPError({ status: 400, statusText: 'Bad Request', unhandled: true })
      }
      const { app } = setup()
      app.get('/', () => {
        throw new HTTPError(new CustomError())
      })
      const res = await t.fetch(app, '/')
      expect(res.status).toBe(400)
    })

    it('can inherit deprecated statusCode/statusMessage from cause', async () => {
      const cause = { statusCode: 404, statusMessage: 'Not Found' }
      const { app } = setup()
      app.get('/', () => {
        throw new HTTPError({ cause })
      })
      const res = await t.fetch(app, '/')
      expect(res.status).toBe(404)
      expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    })

    it('error headers: the headers h3 prepared for errors stay; those of the success response do not', async () => {
      // h3's own case answers from its custom onError with `event.res.headers`; h3's default error
      // response carries `event.res.errHeaders` (CORS, route rules, session cookies), and so does ours.
      const { app } = setup()
      app.get('/', (event) => {
        event.res.headers.set('set-cookie', 'auth=1')
        event.res.headers.set('x-test', '1')
        event.res.errHeaders.set('x-error-test', '1')
        event.res.errHeaders.append('set-cookie', 'error=1')
        event.res.errHeaders.set('cache-control', 'max-age=60')
        throw new HTTPError('test')
      })
      const res = await t.fetch(app, '/')
      expect(res.status).toBe(500)
      expect(res.headers.get('x-test')).toBe(null)
      expect(res.headers.get('x-error-test')).toBe('1')
      expect(res.headers.getSetCookie()).toEqual(['error=1'])
      // The error response's own headers win over prepared ones.
      expect(res.headers.get('cache-control')).toBe('no-store')
    })

    it('throw number coerces to status', async () => {
      const { app } = setup()
      app.use(() => {
        throw 404
      })
      const res = await t.fetch(app, '/')
      expect(res.status).toBe(404)
      expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    })

    it('throw async number coerces to status', async () => {
      const { app } = setup()
      app.use(async () => {
        throw 500
      })
      const res = await t.fetch(app, '/')
      expect(res.status).toBe(500)
    })

    describe('non-Error throws', () => {
      it('throw object does not leak into the response body (its status is read, as by every adapter)', async () => {
        const { app, reports } = setup()
        app.use(() => {
          throw { secret: 'db-password', message: 'internal detail', status: 403 }
        })
        const res = await t.fetch(app, '/')
        // h3 answers 500; http-triage reads a status on any thrown value, for every adapter alike.
        expect(res.status).toBe(403)
        expect(res.text).not.toContain('db-password')
        // The report has the value thrown (h3 keeps it as the cause), its secret-bearing key redacted.
        expect(reports[0]?.err).toMatchObject({ status: 403, secret: '[REDACTED]' })
      })

      it('status on a thrown object: the status is read; its statusText never is', async () => {
        const shapes = [
          { status: 403 },
          { statusCode: 429 },
          { status: 400, statusText: 'Leaky Status Text' },
        ]
        const { app } = setup()
        for (const [i, shape] of shapes.entries()) {
          app.get(`/shape-${i}`, () => {
            throw shape
          })
        }
        const statuses: number[] = []
        for (const i of shapes.keys()) {
          const res = await t.fetch(app, `/shape-${i}`)
          statuses.push(res.status)
          expect(res.text).not.toContain('Leaky')
        }
        expect(statuses).toEqual([403, 429, 400])
      })

      it('throw async object does not leak into the response body', async () => {
        const { app } = setup()
        app.use(async () => {
          throw { secret: 'db-password' }
        })
        const res = await t.fetch(app, '/')
        expect(res.status).toBe(500)
        expect(res.text).not.toContain('db-password')
      })

      it('throw string', async () => {
        const { app } = setup()
        app.use(() => {
          throw 'not-an-error'
        })
        const res = await t.fetch(app, '/')
        expect(res.status).toBe(500)
        expect(res.text).not.toContain('not-an-error')
      })

      it('throw undefined', async () => {
        const { app } = setup()
        app.use(() => {
          throw undefined
        })
        const res = await t.fetch(app, '/')
        expect(res.status).toBe(500)
        expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' })
      })

      it('thrown object cannot forge response headers', async () => {
        const { app } = setup()
        app.use(() => {
          throw { headers: { 'x-forged': '1' } }
        })
        const res = await t.fetch(app, '/')
        expect(res.status).toBe(500)
        expect(res.headers.get('x-forged')).toBe(null)
      })

      it('cross-realm error is not rendered as a body', async () => {
        const foreign = runInNewContext(`new Error("cross-realm secret")`)
        const { app } = setup()
        app.use(() => {
          throw foreign
        })
        const res = await t.fetch(app, '/')
        expect(res.status).toBe(500)
        expect(res.text).not.toContain('cross-realm secret')
      })
    })

    describe('response preparation throws', () => {
      it('circular return value is rendered as a 500 instead of escaping fetch()', async () => {
        const { app } = setup()
        app.use(() => {
          const circular: Record<string, unknown> = {}
          circular.self = circular
          return circular
        })
        const res = await t.fetch(app, '/')
        expect(res.status).toBe(500)
        expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' })
      })

      it('thrown HTTPError with circular data keeps its 400 (h3 alone answers 500)', async () => {
        const { app } = setup()
        app.use(() => {
          const data: Record<string, unknown> = {}
          data.self = data
          throw new HTTPError({ status: 400, data })
        })
        const res = await t.fetch(app, '/')
        expect(res.status).toBe(400)
        expect(res.body).toMatchObject({ status: 400, code: 'BAD_REQUEST' })
      })
    })
  })

  describe('hooks', () => {
    it.each([
      ['an exception is thrown', new HTTPError({ status: 503 }), 503],
      ['an error is thrown', new HTTPError({ status: 404 }), 404],
      [
        'an unhandled error occurs',
        new TypeError("Cannot read properties of undefined (reading 'property')"),
        500,
      ],
    ])('calls onRequest and onResponse, with our answer, when %s', async (_, error, status) => {
      const { app, hooks } = setup()
      app.use(() => {
        throw error
      })
      const res = await t.fetch(app, '/foo')
      expect(res.status).toBe(status)
      expect(hooks.onRequest).toHaveBeenCalledTimes(1)
      expect(hooks.onRequest.mock.calls[0]?.[0].path).toBe('/foo')
      expect(hooks.onResponse).toHaveBeenCalledTimes(1)
      const seen = hooks.onResponse.mock.calls[0]?.[0] as Response
      expect([seen.status, seen.headers.get('content-type')]).toEqual([status, 'application/problem+json'])
    })

    it('calls onRequest, onError and onResponse when a circular value is returned', async () => {
      const { app, hooks, reports } = setup()
      app.use(() => {
        const circular: Record<string, unknown> = {}
        circular.self = circular
        return circular
      })
      const res = await t.fetch(app, '/foo')
      expect(res.status).toBe(500)
      expect(reports[0]?.err).toBeInstanceOf(TypeError)
      expect(hooks.onRequest).toHaveBeenCalledTimes(1)
      expect(hooks.onResponse).toHaveBeenCalledTimes(1)
    })
  })

  describe('router (404s)', () => {
    it('Handle /404 of a nested router: our 404, with the path only (h3 names the whole URL)', async () => {
      const { app, reports } = setup()
      const router = new H3().get('/preemptive/test', () => 'Test')
      app.all('/**', router.handler)
      expect((await t.fetch(app, '/preemptive/test')).text).toBe('Test')
      const res = await t.fetch(app, '/preemptive/404?token=abc')
      expect(res.status).toBe(404)
      expect(res.body).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
        detail: 'No route for GET /preemptive/404',
      })
      expect(res.text).not.toMatch(/localhost|127\.0\.0\.1|token/)
      // A 404 has no route, though the outer `/**` matched.
      expect(reports[0]?.route).toBeUndefined()
    })

    it('Not matching route method', async () => {
      const { app } = setup()
      app.get('/preemptive/test', () => 'Test')
      const res = await t.fetch(app, '/preemptive/404', { method: 'HEAD' })
      expect(res.status).toBe(404)
      expect(res.text).toBe('')
    })

    it('a route of another method is a 404, as h3 answers it', async () => {
      const { app } = setup()
      app.post('/orders', () => 'created')
      const res = await t.fetch(app, '/orders')
      expect(res.status).toBe(404)
      expect(res.body).toMatchObject({ detail: 'No route for GET /orders' })
    })
  })
})

/**
 * The Next.js adapter, in process. The `next` package is not a devDependency (217 MB unpacked with
 * React, for one adapter's tests), so the errors Next.js throws for its control flow are made here
 * as Next.js 16.5.0 makes them, each copied from the file named beside it (packages/next/src/…);
 * a route handler gets a standard `Request`, which Next's `NextRequest` extends. The same handlers
 * run over real HTTP in the conformance suite (test/adapters/conformance.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { toResponse } from '../../src/adapters/fetch.js'
import { notFoundHandler, withTriage } from '../../src/adapters/next.js'
import { type LogReport, notFound as notFoundError } from '../../src/index.js'
import { closedPort } from '../support/loopback.js'

// docs/examples/next-redirect.ts imports `redirect` from next/navigation: as client/components/redirect.ts makes it.
vi.mock('next/navigation', () => ({
  redirect(url: string): never {
    throw Object.assign(new Error('NEXT_REDIRECT'), { digest: `NEXT_REDIRECT;replace;${url};307;` })
  },
}))

/** client/components/not-found.ts, forbidden.ts, unauthorized.ts: `notFound()`, `forbidden()`, `unauthorized()`. */
function accessError(status: 404 | 403 | 401): Error {
  const digest = `NEXT_HTTP_ERROR_FALLBACK;${status}`
  return Object.assign(new Error(digest), { digest })
}

/** client/components/redirect.ts: `getRedirectError()`, thrown by `redirect()` (307) and `permanentRedirect()` (308). */
function redirectError(url: string, status: 307 | 308, type: 'replace' | 'push' = 'replace'): Error {
  return Object.assign(new Error('NEXT_REDIRECT'), { digest: `NEXT_REDIRECT;${type};${url};${status};` })
}

/** Errors Next.js throws while it renders or prerenders, to stop and decide how to render. */
const RENDERING_ERRORS: Record<string, () => unknown> = {
  // client/components/hooks-server-context.ts: DynamicServerError (`headers()` in a static route)
  DynamicServerError: () =>
    Object.assign(new Error('Dynamic server usage: headers'), {
      description: 'headers',
      digest: 'DYNAMIC_SERVER_USAGE',
    }),
  // shared/lib/lazy-dynamic/bailout-to-csr.ts: BailoutToCSRError
  BailoutToCSRError: () =>
    Object.assign(new Error('Bail out to client-side rendering: next/dynamic'), {
      reason: 'next/dynamic',
      digest: 'BAILOUT_TO_CLIENT_SIDE_RENDERING',
    }),
  // server/dynamic-rendering-utils.ts: HangingPromiseRejectionError
  HangingPromiseRejectionError: () =>
    Object.assign(new Error('During prerendering, `cookies()` rejects when the prerender is complete.'), {
      route: '/api/orders',
      expression: '`cookies()`',
      digest: 'HANGING_PROMISE_REJECTION',
    }),
  // server/app-render/dynamic-rendering.ts: createPrerenderInterruptedError()
  'a prerender interrupted': () =>
    Object.assign(new Error('Route /api/orders needs to bail out of prerendering'), {
      digest: 'NEXT_PRERENDER_INTERRUPTED',
    }),
  // client/components/static-generation-bailout.ts: StaticGenBailoutError (`dynamic = "error"`)
  StaticGenBailoutError: () =>
    Object.assign(new Error('Route /api/orders with `dynamic = "error"` couldn\'t be rendered statically'), {
      code: 'NEXT_STATIC_GEN_BAILOUT',
    }),
  // server/lib/router-utils/is-postpone.ts (Next.js 15, partial prerendering): React's postpone
  'React postpone': () => ({ $$typeof: Symbol.for('react.postpone'), message: 'postponed' }),
  // server/app-render/dynamic-rendering.ts (Next.js 15): createPostponeReason(), read by isDynamicPostpone()
  'a dynamic postpone': () =>
    new Error(
      'Route /api/orders needs to bail out of prerendering at this point because it used headers(). ' +
        'React throws this special object to indicate where. It should not be caught by your own ' +
        'try/catch. Learn more: https://nextjs.org/docs/messages/ppr-caught-error',
    ),
  // Next.js 14's client/components/not-found.ts: `notFound()` before the access fallbacks
  'Next.js 14 notFound()': () => Object.assign(new Error('NEXT_NOT_FOUND'), { digest: 'NEXT_NOT_FOUND' }),
}

const CONTROL_FLOW: Record<string, () => unknown> = {
  'notFound()': () => accessError(404),
  'forbidden()': () => accessError(403),
  'unauthorized()': () => accessError(401),
  "redirect('/login')": () => redirectError('/login', 307),
  "permanentRedirect('/new;path')": () => redirectError('/new;path', 308),
  "redirect('/login', 'push')": () => redirectError('/login', 307, 'push'),
  ...RENDERING_ERRORS,
}

const params = { params: Promise.resolve({ id: '7' }) }
const get = (path: string, init?: RequestInit) => new Request(`http://localhost:3000${path}`, init)

afterEach(() => {
  vi.restoreAllMocks()
})

describe('withTriage', () => {
  it("returns the handler's own response untouched", async () => {
    const ok = Response.json({ id: '7' })
    const GET = withTriage(async (_request: Request, context: typeof params) => {
      expect(await context.params).toEqual({ id: '7' })
      return ok
    })
    expect(await GET(get('/api/orders/7'), params)).toBe(ok)
  })

  it('answers a throw with the safe body of every adapter', async () => {
    const GET = withTriage(async (request: Request) => {
      if (request.url.endsWith('/7')) throw notFoundError('No such order.')
      throw new Error('db password=hunter2')
    })
    const missing = await GET(get('/api/orders/7', { headers: { 'x-request-id': 'req-7' } }), params)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toBe('application/problem+json')
    expect(missing.headers.get('x-request-id')).toBe('req-7')
    expect(await missing.json()).toMatchObject({ detail: 'No such order.', request_id: 'req-7' })
    const broken = await GET(get('/api/orders/8'), params)
    expect(broken.status).toBe(500)
    expect(await broken.text()).not.toContain('hunter2')
  })

  it("answers a malformed JSON body with the fetch adapter's 400", async () => {
    const POST = withTriage(async (request: Request) => Response.json(await request.json(), { status: 201 }))
    const response = await POST(
      get('/api/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"total":',
      }),
      params,
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ detail: 'The request body is not valid JSON.' })
  })

  it('answers HEAD with the headers and no body', async () => {
    const HEAD = withTriage(async () => {
      throw notFoundError()
    })
    const response = await HEAD(get('/api/orders/7', { method: 'HEAD' }), params)
    expect([response.status, await response.text()]).toEqual([404, ''])
  })

  it.each(Object.entries(CONTROL_FLOW))('rethrows Next.js %s for Next.js to answer', async (_, make) => {
    const error = make()
    const report = vi.fn()
    const GET = withTriage(
      async () => {
        throw error
      },
      { report },
    )
    await expect(GET(get('/api/orders/7'), params)).rejects.toBe(error)
    expect(report).not.toHaveBeenCalled()
  })

  it("is needed: the fetch adapter alone answers Next.js's redirect() with a 500", () => {
    expect(toResponse(redirectError('/login', 307), { request: get('/api/me') }).status).toBe(500)
  })

  it('rethrows the Next.js error inside a wrapper, as unstable_rethrow does', async () => {
    const redirect = redirectError('/login', 307)
    const GET = withTriage(async () => {
      throw new Error('loading the session failed', { cause: new Error('auth', { cause: redirect }) })
    })
    await expect(GET(get('/api/me'), params)).rejects.toBe(redirect)
  })

  it("answers errors whose digest is not Next.js's (React's hashes, an app's own)", async () => {
    for (const digest of ['3287401832', 'ORDER_LOCKED', 'NEXT']) {
      const GET = withTriage(async () => {
        throw Object.assign(new Error('x'), { digest })
      })
      expect((await GET(get('/api/orders/7'), params)).status).toBe(500)
    }
  })

  it('ends on a cyclic or endless cause chain', async () => {
    const a: { cause?: unknown } = new Error('a')
    a.cause = new Error('b', { cause: a })
    let deep: unknown = accessError(404)
    for (let i = 0; i < 100; i++) deep = new Error(`level ${i}`, { cause: deep })
    for (const error of [a, deep]) {
      const GET = withTriage(async () => {
        throw error
      })
      expect((await GET(get('/api/orders/7'), params)).status).toBe(500)
    }
  })

  it('answers a thrown value whose reads throw', async () => {
    const hostile = new Proxy(new Error('x'), {
      get(target, key) {
        if (key === 'digest' || key === 'cause') throw new Error('trap')
        return Reflect.get(target, key)
      },
    })
    const GET = withTriage(async () => {
      throw hostile
    })
    expect((await GET(get('/api/orders/7'), params)).status).toBe(500)
  })

  it('logs one report per answered error, with the request', async () => {
    const reports: LogReport[] = []
    const GET = withTriage(
      async () => {
        throw new Error('x')
      },
      { log: (report) => void reports.push(report) },
    )
    await GET(get('/api/orders/7?secret=1'), params)
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ status: 500, req: { method: 'GET', url: '/api/orders/7' } })
  })

  it('checks its options and its handler once, when the route is defined', () => {
    expect(() => withTriage(async () => new Response(), { fromat: 'json' } as never)).toThrow(/format/)
    expect(() => withTriage(undefined as never)).toThrow(TypeError)
  })
})

describe('notFoundHandler', () => {
  it('answers a catch-all route with the 404 of every adapter', async () => {
    const GET = notFoundHandler({ instance: true })
    const response = GET(get('/api/nowhere?x=1'))
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({
      code: 'NOT_FOUND',
      detail: 'No route for GET /api/nowhere',
      instance: '/api/nowhere',
    })
  })
})

describe('docs/examples/next-*.ts', () => {
  it('next-route.ts: a Problem Details 404 from http-triage notFound(), the order otherwise', async () => {
    const { GET } = await import('../../docs/examples/next-route.js')
    const missing = await GET(get('/api/orders/7'), { params: Promise.resolve({ id: '7' }) })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'No such order.' })
    const found = await GET(get('/api/orders/1'), { params: Promise.resolve({ id: '1' }) })
    expect(await found.json()).toEqual({ id: '1', total: 42 })
  })

  it("next-redirect.ts: Next's redirect() is rethrown; a refused upstream is a 503", async () => {
    const { GET } = await import('../../docs/examples/next-redirect.js')
    await expect(GET(get('/api/account'), undefined)).rejects.toMatchObject({
      digest: 'NEXT_REDIRECT;replace;/login;307;',
    })
    const refused = await fetch(`http://127.0.0.1:${await closedPort()}/`).catch((error: unknown) => error)
    vi.spyOn(globalThis, 'fetch').mockRejectedValueOnce(refused)
    const response = await GET(get('/api/account', { headers: { cookie: 'session=1' } }), undefined)
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' })
  })

  it('next-catch-all.ts: the 404 of every method, logged with the shared options', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const routes = await import('../../docs/examples/next-catch-all.js')
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const response = routes[method](get('/api/nowhere', { method }))
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ detail: `No route for ${method} /api/nowhere` })
    }
    expect(warned).toHaveBeenCalledTimes(5)
  })
})

import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import ratelimit from 'koa-ratelimit'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'koa-ratelimit'

export const collect: Collect = async () => {
  const app = new Koa()
  const errors: unknown[] = []
  // The app's first middleware is its error handler: it keeps what the rest of the chain threw.
  app.use(async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      errors.push(error)
      ctx.status = 599
    }
  })
  app.use(
    ratelimit({
      driver: 'memory',
      db: new Map(),
      duration: 60_000,
      max: 2,
      throw: true,
      id: (ctx) => ctx.get('x-client') || ctx.ip,
      // An async deny list, as one read from a store would be.
      blacklist: async (ctx) => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        return ctx.get('x-client') === 'banned'
      },
    }),
  )
  app.use((ctx) => {
    ctx.body = { ok: true }
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const get = async (client: string) => {
    const res = await fetch(`${base}/search`, { headers: { 'x-client': client } })
    await res.arrayBuffer()
  }
  const rejection = async (client: string) => {
    const before = errors.length
    await get(client)
    if (errors.length !== before + 1) throw new Error(`no error for ${client}`)
    return errors[before]
  }
  const cases: HeldOutCase[] = []
  try {
    await get('c1')
    await get('c1')
    const limited = await rejection('c1')
    // The limiter computes its own Retry-After from the window's reset time (about 60 s).
    const retryAfter = String((limited as { headers?: Record<string, unknown> }).headers?.['Retry-After'])
    cases.push(
      {
        library,
        what: `the third request in a window of max 2 (http-errors TooManyRequestsError 429 "Rate limit exceeded, retry in 1 minute.", headers with Retry-After ${retryAfter} and X-RateLimit-*)`,
        why: 'rate limits: 429 + Retry-After',
        expect: { status: 429, headers: { 'retry-after': retryAfter } },
        error: limited,
      },
      {
        library,
        what: 'a client on the async blacklist (ctx.throw(403, "Forbidden"), http-errors ForbiddenError)',
        why: 'carries a status: 403',
        expect: { status: 403 },
        error: await rejection('banned'),
      },
    )
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

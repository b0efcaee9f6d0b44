import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import proxy from 'koa-better-http-proxy'
import type { Collect, HeldOutCase } from '../case.js'
import { DNS_FAILURE, INVALID_HOST, WHY_DNS } from './support/dns.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'koa-better-http-proxy'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const closed = await closedPort()
  const app = new Koa()
  const errors: unknown[] = []
  // The app's first middleware is its error handler: it keeps what the proxy middleware threw.
  app.use(async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      errors.push(error)
      ctx.status = 599
    }
  })
  const upHost = up.url
  app.use(proxy(upHost, { filter: (ctx) => ctx.path.startsWith('/api/'), limit: '1kb' }))
  app.use(proxy(`http://127.0.0.1:${closed}`, { filter: (ctx) => ctx.path.startsWith('/down/') }))
  app.use(proxy(`http://${INVALID_HOST}`, { filter: (ctx) => ctx.path.startsWith('/dns/') }))
  app.use(
    proxy(upHost, {
      filter: (ctx) => ctx.path.startsWith('/decorated/'),
      userResDecorator: (_res, data) => data.toString().replace(/internal-host/g, 'public-host'),
    }),
  )
  app.use(
    proxy(upHost, {
      filter: (ctx) => ctx.path.startsWith('/parsed/'),
      // Our decorator's bug: it returns a count (a number) instead of a string, Buffer or object.
      userResDecorator: (_res, data) =>
        (JSON.parse(data.toString()) as { orders: unknown[] }).orders.length as never,
    }),
  )
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    // The proxy copied the upstream's headers (content-encoding too) before it failed: the body may not decode.
    await res.arrayBuffer().catch(() => undefined)
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const cases: HeldOutCase[] = []
  const add = caseAdder(
    library,
    cases,
    '; Koa 3 app, koa-better-http-proxy in front of an upstream, error caught by the first middleware',
  )
  try {
    add(
      'the proxied target refuses connections (a closed loopback port)',
      WHY.refused,
      REFUSED,
      await rejection('/down/v1/orders'),
    )

    add(
      `DNS lookup of the proxied target ${INVALID_HOST} failed (getaddrinfo ENOTFOUND)`,
      WHY_DNS,
      DNS_FAILURE,
      await rejection('/dns/v1/orders'),
    )

    up.reply('garbage')
    add(
      'the proxied target answered bytes that are not HTTP, then closed',
      WHY.reset,
      RESET,
      await rejection('/api/v1/orders'),
    )

    up.reply({ status: 200, body: { ok: true } })
    add(
      'the client sent a 4 kB JSON body through the proxy, over its limit of 1kb (raw-body inside)',
      'size: body too large, 413',
      { status: 413 },
      await rejection('/api/v1/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'x'.repeat(4000) }),
      }),
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{"host": "internal-host"} (not gzip at all)',
    })
    add(
      'the proxied target labelled its answer content-encoding: gzip but ' +
        'sent plain bytes; gunzip for userResDecorator fails',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejection('/decorated/v1/config'),
    )

    up.reply({ status: 200, body: { orders: [] } })
    add(
      'our userResDecorator returned a number instead of a string or Buffer; the proxy rejects',
      'a bug of ours: 500',
      { status: 500 },
      await rejection('/parsed/v1/orders'),
    )
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await up.close()
  }
}

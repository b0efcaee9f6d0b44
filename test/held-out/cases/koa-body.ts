import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import { koaBody } from 'koa-body'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'koa-body'

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
  app.use(koaBody({ jsonLimit: '1kb', formLimit: '1kb', textLimit: '1kb', text: true }))
  app.use((ctx) => {
    ctx.body = { ok: true }
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (contentType: string, body: string) => {
    const before = errors.length
    const res = await fetch(`${base}/items`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    })
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${contentType} (${res.status})`)
    return errors[before]
  }
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a JSON body over jsonLimit 1kb (PayloadTooLargeError 413, type entity.too.large)',
        why: 'size: body too large, 413',
        expect: { status: 413 },
        error: await rejection('application/json', JSON.stringify({ note: 'x'.repeat(4000) })),
      },
      {
        library,
        what: 'a JSON body that is not JSON, `{"sku": ` (SyntaxError from co-body, status 400)',
        why: 'malformed request syntax: JSON body parse error, 400',
        expect: { status: 400 },
        error: await rejection('application/json', '{"sku": '),
      },
      {
        library,
        what: 'a urlencoded form over formLimit 1kb (PayloadTooLargeError 413)',
        why: 'size: body too large, 413',
        expect: { status: 413 },
        error: await rejection('application/x-www-form-urlencoded', `note=${'x'.repeat(4000)}`),
      },
      {
        library,
        what: 'a text/plain body over textLimit 1kb (PayloadTooLargeError 413)',
        why: 'size: body too large, 413',
        expect: { status: 413 },
        error: await rejection('text/plain', 'x'.repeat(4000)),
      },
    )
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

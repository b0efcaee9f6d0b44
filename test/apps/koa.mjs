// Koa 2 or 3 (`framework`, default the installed `koa`) with http-triage/koa's `errorHandler()` as
// the first middleware and the routes after it; a path with no route leaves Koa's 404. Bodies are
// read as co-body reads them (node-body.mjs). 5xx are emitted on the app, as Koa's own handler does;
// the listener here keeps Koa's default one from printing them.
import Koa from 'koa'
import { readJson } from './node-body.mjs'
import { BODY_LIMIT, findRoute } from './routes.mjs'

export async function create({ adapter, routes, options, framework: KoaClass = Koa, bodyLimit }) {
  const limit = bodyLimit ?? BODY_LIMIT
  const app = new KoaClass()
  app.on('error', () => {})
  app.use(adapter.errorHandler(options))
  app.use(async (ctx) => {
    if (ctx.path === '/after-headers') {
      ctx.res.writeHead(200, { 'content-type': 'text/plain' })
      ctx.res.write('partial')
      throw new Error('failed mid-response')
    }
    const route = findRoute(routes, ctx.method, ctx.path)
    if (!route) return // no body: Koa's 404
    const body = route.method === 'POST' ? await readJson(ctx.req, limit) : undefined
    ctx.body = { ok: true, value: await route.run(body) }
  })
  return { app, listener: app.callback() }
}

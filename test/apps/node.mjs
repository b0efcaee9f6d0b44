// A request listener of node:http or node:http2 (the compatibility API), wrapped by
// http-triage/node's `handle()`, with `notFoundHandler()` for a path with no route. Bodies are read
// as co-body reads them (node-body.mjs).
import { readJson } from './node-body.mjs'
import { BODY_LIMIT, findRoute } from './routes.mjs'

export async function create({ adapter, routes, options, bodyLimit }) {
  const limit = bodyLimit ?? BODY_LIMIT
  const notFound = adapter.notFoundHandler(options)
  const listener = adapter.handle(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x')
    if (pathname === '/after-headers') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('partial')
      throw new Error('failed mid-response')
    }
    const route = findRoute(routes, req.method, pathname)
    if (!route) return notFound(req, res)
    const value = await route.run(route.method === 'POST' ? await readJson(req, limit) : undefined)
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ ok: true, value }))
  }, options)
  return { listener }
}

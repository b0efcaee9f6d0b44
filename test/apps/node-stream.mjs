// node:http2's core API: a listener of the server's `'stream'` event (a stream and its headers, no
// request or response objects) wrapped by http-triage/node's `handleStream()`, with
// `streamNotFoundHandler()` for a path with no route. Bodies are read as co-body reads them
// (node-body.mjs). The harness serves it with `http2.createSecureServer()` (see App's `stream`).
import { readJson } from './node-body.mjs'
import { BODY_LIMIT, findRoute } from './routes.mjs'

export async function create({ adapter, routes, options, bodyLimit }) {
  const limit = bodyLimit ?? BODY_LIMIT
  const notFound = adapter.streamNotFoundHandler(options)
  const stream = adapter.handleStream(async (stream, headers) => {
    const { pathname } = new URL(headers[':path'] ?? '/', 'http://x')
    if (pathname === '/after-headers') {
      stream.respond({ ':status': 200, 'content-type': 'text/plain' })
      stream.write('partial')
      throw new Error('failed mid-response')
    }
    const route = findRoute(routes, headers[':method'], pathname)
    if (!route) return notFound(stream, headers)
    const body = { headers, [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator]() }
    const value = await route.run(route.method === 'POST' ? await readJson(body, limit) : undefined)
    stream.respond({ ':status': 200, 'content-type': 'application/json' })
    stream.end(JSON.stringify({ ok: true, value }))
  }, options)
  return { stream }
}

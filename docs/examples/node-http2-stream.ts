import { readFileSync } from 'node:fs'
import { createSecureServer, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2'
import { notFound } from 'http-triage'
import { handleStream, streamNotFoundHandler } from 'http-triage/node'

const orders = new Map([['1', { id: '1', total: 42 }]])
const triage = { log: console }
const noRoute = streamNotFoundHandler(triage)

// The core API: the server's 'stream' event, a stream and its headers, no req or res.
export const server = createSecureServer({
  key: readFileSync('server.key'),
  cert: readFileSync('server.crt'),
})
server.on(
  'stream',
  handleStream(async (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    const id = /^\/orders\/([^/?]+)/.exec(headers[':path'] ?? '')?.[1]
    if (id === undefined) return noRoute(stream, headers)
    const order = orders.get(id)
    if (!order) throw notFound('No such order.') // a throw or a rejection is answered on the stream
    stream.respond({ ':status': 200, 'content-type': 'application/json' })
    stream.end(JSON.stringify(order))
  }, triage),
)

/**
 * A plain node:http server on 127.0.0.1 whose route function may throw: what it throws is what
 * the app's error handler receives, recorded here (the client gets a bare 599).
 */
import { createServer, type IncomingMessage } from 'node:http'

export interface Request {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingMessage['headers']
  /** The raw body text ('' when none). */
  readonly text: string
}

export interface HandlerServer {
  readonly url: string
  /** Sends a request and returns what the route threw; throws if it threw nothing. */
  caught(path: string, init?: RequestInit): Promise<unknown>
  close(): Promise<void>
}

export async function handlerServer(
  route: (request: Request) => unknown | Promise<unknown>,
): Promise<HandlerServer> {
  const errors: unknown[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const request: Request = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        text: Buffer.concat(chunks).toString('utf8'),
      }
      Promise.resolve()
        .then(() => route(request))
        .then(
          (result) => {
            res.writeHead(200, { 'content-type': 'application/json' })
            res.end(JSON.stringify(result ?? null))
          },
          (error: unknown) => {
            errors.push(error)
            res.writeHead(599)
            res.end()
          },
        )
    })
  })
  server.keepAliveTimeout = 100
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const url = `http://127.0.0.1:${address.port}`
  return {
    url,
    async caught(path, init) {
      const before = errors.length
      const res = await fetch(`${url}${path}`, init)
      await res.arrayBuffer()
      if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
      return errors[before]
    },
    close() {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * A small node:http application on 127.0.0.1 for the collectors of error-class libraries: routes
 * (`GET /users/:id`) and middleware run for real requests sent with fetch, and the application's
 * catch-all keeps every error a handler or middleware threw (and answers 599), so a collector takes
 * the error exactly as the application's error handler receives it.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Request {
  readonly method: string
  readonly url: URL
  readonly headers: IncomingMessage['headers']
  readonly params: Record<string, string>
  readonly body: string
}

export type Handler = (req: Request) => unknown
export type Middleware = (req: Request) => unknown

export interface App {
  readonly base: string
  /** Sends a request and resolves with the one error the application's catch-all received. */
  rejection(path: string, init?: RequestInit): Promise<unknown>
  close(): Promise<void>
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? ''
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value)
    else if (part !== value) return undefined
  }
  return params
}

/**
 * Serves `routes` (keys `METHOD /path/:param`) behind `middleware`. A request no route matches is
 * handed to `notFound` (the application's own 404 handler).
 */
export async function serveApp(options: {
  routes: Record<string, Handler>
  middleware?: Middleware[]
  notFound?: Handler
}): Promise<App> {
  const errors: unknown[] = []
  const server = createServer(async (incoming, res) => {
    try {
      const chunks: Buffer[] = []
      for await (const chunk of incoming) chunks.push(chunk as Buffer)
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
      const method = incoming.method ?? 'GET'
      let handler: Handler | undefined
      let params: Record<string, string> = {}
      for (const [key, h] of Object.entries(options.routes)) {
        const [m, pattern] = key.split(' ')
        const found = match(pattern ?? '', url.pathname)
        if (m === method && found) {
          handler = h
          params = found
          break
        }
      }
      const req: Request = {
        method,
        url,
        headers: incoming.headers,
        params,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      for (const mw of options.middleware ?? []) await mw(req)
      const run = handler ?? options.notFound
      if (!run) throw new Error(`no route for ${method} ${url.pathname}`)
      const result = await run(req)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(result ?? null))
    } catch (error) {
      errors.push(error)
      res.writeHead(599)
      res.end()
    }
  })
  server.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    async rejection(path, init = {}) {
      const before = errors.length
      const res = await fetch(`${base}${path}`, init)
      await res.arrayBuffer()
      if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
      return errors[before]
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

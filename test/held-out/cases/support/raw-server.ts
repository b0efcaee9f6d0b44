/**
 * A plain node:http server on 127.0.0.1 that hands the route the raw request (so a body parser can
 * read the stream itself): what the route throws or rejects with is what the app's error handler
 * receives, recorded here (the client gets a bare 599 when it is still there).
 */
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { connect } from 'node:net'

export interface RawServer {
  readonly url: string
  readonly port: number
  /** Sends a request with fetch and returns what the route threw; throws if it threw nothing. */
  caught(path: string, init?: RequestInit): Promise<unknown>
  /**
   * Writes `head` and `body` on a raw socket, then destroys the socket after `closeAfterMs` (a
   * client that goes away mid-upload), and returns what the route threw.
   */
  caughtAborted(head: string, body: string, closeAfterMs?: number): Promise<unknown>
  close(): Promise<void>
}

export async function rawServer(
  route: (req: IncomingMessage, res: ServerResponse) => unknown | Promise<unknown>,
): Promise<RawServer> {
  const errors: unknown[] = []
  const waiters: Array<() => void> = []
  const server = createServer((req, res) => {
    Promise.resolve()
      .then(() => route(req, res))
      .then(
        (result) => {
          if (res.headersSent) return
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify(result ?? null))
        },
        (error: unknown) => {
          errors.push(error)
          for (const w of waiters.splice(0)) w()
          req.resume()
          if (!res.headersSent && !res.destroyed) {
            res.writeHead(599)
            res.end()
          }
        },
      )
  })
  server.keepAliveTimeout = 100
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const url = `http://127.0.0.1:${address.port}`
  const next = (before: number) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no error recorded')), 5000)
      const check = () => {
        if (errors.length > before) {
          clearTimeout(timer)
          resolve(errors[before])
        } else waiters.push(check)
      }
      check()
    })
  return {
    url,
    port: address.port,
    async caught(path, init) {
      const before = errors.length
      const recorded = next(before)
      try {
        const res = await fetch(`${url}${path}`, init)
        await res.arrayBuffer()
      } catch {
        // The server may answer before it read the whole body and close the connection.
      }
      return recorded
    },
    async caughtAborted(head, body, closeAfterMs = 50) {
      const before = errors.length
      const socket = connect(address.port, '127.0.0.1')
      socket.on('error', () => {})
      await once(socket, 'connect')
      socket.write(`${head}\r\n\r\n${body}`)
      await new Promise((r) => setTimeout(r, closeAfterMs))
      socket.destroy()
      return next(before)
    },
    close() {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

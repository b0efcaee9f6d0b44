/**
 * Loopback upstreams for the outbound-call cases (`http-*` are this family's files): a scripted
 * HTTP server on 127.0.0.1, a port that refuses, and a raw TCP server for protocols that are not
 * HTTP. Everything started here is closed by `close()`, open sockets included.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'

/** What the scripted server does with the next requests. */
export type Reply =
  | {
      readonly status: number
      readonly headers?: Readonly<Record<string, string>>
      /** An object is sent as JSON, a string as is. */
      readonly body?: unknown
    }
  /** Accept the request and never answer (for the client's own timeout). */
  | 'hang'
  /** Reset the connection (TCP RST) once the request arrived. */
  | 'reset'
  /** Answer bytes that are not HTTP, then close. */
  | 'garbage'

export interface Upstream {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string
  readonly port: number
  /** Requests seen so far, for debugging a collector. */
  readonly seen: { method: string; url: string }[]
  /** Sets what every following request gets. */
  reply(next: Reply | ((req: IncomingMessage, res: ServerResponse) => void)): void
  close(): Promise<void>
}

function send(res: ServerResponse, reply: Exclude<Reply, string>): void {
  const headers: Record<string, string> = { ...reply.headers }
  let body = ''
  if (typeof reply.body === 'string') body = reply.body
  else if (reply.body !== undefined) {
    body = JSON.stringify(reply.body)
    headers['content-type'] ??= 'application/json'
  }
  res.writeHead(reply.status, headers)
  res.end(body)
}

/** A self-signed certificate for 127.0.0.1 (batch AE: web-push only speaks HTTPS). */
export interface Tls {
  readonly key: string | Buffer
  readonly cert: string | Buffer
}

/** Starts a scripted HTTP/1.1 server on 127.0.0.1 (HTTPS when `tls` is given). */
export async function startUpstream(first: Reply = { status: 200, body: {} }, tls?: Tls): Promise<Upstream> {
  let current: Reply | ((req: IncomingMessage, res: ServerResponse) => void) = first
  const sockets = new Set<Socket>()
  const seen: { method: string; url: string }[] = []
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    seen.push({ method: req.method ?? '', url: req.url ?? '' })
    const now = current
    // Read the whole request before answering, as a real server would.
    req.resume()
    req.on('end', () => {
      if (typeof now === 'function') return now(req, res)
      if (now === 'hang') return
      // A TLS socket cannot send an RST: it closes the connection without an answer instead.
      if (now === 'reset') return tls ? void req.socket.destroy() : req.socket.resetAndDestroy()
      if (now === 'garbage') {
        req.socket.end('SSH-2.0-OpenSSH_9.6\r\n\u0000\u0001\u0002 not http\r\n\r\n')
        return
      }
      send(res, now)
    })
  }
  const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler)
  server.keepAliveTimeout = 100
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${address.port}`,
    port: address.port,
    seen,
    reply(next) {
      current = next
    },
    close() {
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** A loopback port nothing listens on, that no server of the run can take: connecting is refused. */
export { closedPort } from '../../../apps/serve.mjs'

export interface RawUpstream {
  readonly port: number
  close(): Promise<void>
}

/** A raw TCP server on 127.0.0.1 whose connections `onConnection` drives (SMTP, AMQP …). */
export async function startRawUpstream(onConnection: (socket: Socket) => void): Promise<RawUpstream> {
  const sockets = new Set<Socket>()
  const server: NetServer = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    onConnection(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** Shorthands for the replies most cases need. */
export const RETRY_AFTER = { 'retry-after': '7' } as const

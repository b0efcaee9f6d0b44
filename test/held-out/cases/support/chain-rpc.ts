/**
 * A scripted blockchain JSON-RPC node on 127.0.0.1 (batch BD): it reads each request body (a call
 * or a batch), asks `answer(method, params)` what to do, and replies with the request's own id.
 * An answer is a result, a JSON-RPC error, or a raw HTTP reply for the whole request ('hang',
 * 'reset', 'garbage', or a status with headers and a text body). Over WebSocket (`startRpcWs`) the
 * same answers go back as frames; 'reset' drops the socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { WebSocketServer } from 'ws'

export type Answer =
  | { readonly result: unknown }
  | { readonly error: { readonly code: number; readonly message: string; readonly data?: unknown } }
  | {
      readonly status: number
      readonly headers?: Readonly<Record<string, string>>
      /** Sent as is (a string) or as JSON (anything else); absent: an empty body. */
      readonly body?: unknown
    }
  | 'hang'
  | 'reset'
  | 'garbage'

export type Script = (method: string, params: unknown, path: string) => Answer

export interface RpcNode {
  readonly url: string
  readonly port: number
  /** Methods seen so far, for debugging a collector. */
  readonly seen: string[]
  script(next: Script): void
  close(): Promise<void>
}

interface Call {
  readonly id?: unknown
  readonly method?: unknown
  readonly params?: unknown
}

const isRaw = (a: Answer): a is Exclude<Answer, { result: unknown } | { error: unknown }> =>
  typeof a === 'string' || 'status' in a

function envelope(call: Call, a: { result: unknown } | { error: unknown }): object {
  return { jsonrpc: '2.0', id: call.id ?? null, ...a }
}

/** Starts the scripted node; the first script answers every call with `null`. */
export async function startRpc(): Promise<RpcNode> {
  let current: Script = () => ({ result: null })
  const sockets = new Set<Socket>()
  const seen: string[] = []
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let parsed: unknown
      try {
        parsed = text === '' ? {} : JSON.parse(text)
      } catch {
        parsed = {}
      }
      const calls: Call[] = Array.isArray(parsed) ? (parsed as Call[]) : [parsed as Call]
      const answers = calls.map((call) => {
        const method = typeof call.method === 'string' ? call.method : ''
        seen.push(method)
        return current(method, call.params, req.url ?? '/')
      })
      const raw = answers.find(isRaw)
      if (raw !== undefined) {
        if (raw === 'hang') return
        if (raw === 'reset') return void req.socket.resetAndDestroy()
        if (raw === 'garbage')
          return void req.socket.end('SSH-2.0-OpenSSH_9.6\r\n\u0000\u0001 not http\r\n\r\n')
        const body =
          raw.body === undefined ? '' : typeof raw.body === 'string' ? raw.body : JSON.stringify(raw.body)
        res.writeHead(raw.status, { 'content-type': 'application/json', ...raw.headers })
        res.end(body)
        return
      }
      const out = calls.map((call, i) =>
        envelope(call, answers[i] as { result: unknown } | { error: unknown }),
      )
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(Array.isArray(parsed) ? out : out[0]))
    })
  }
  const server = createServer(handler)
  server.keepAliveTimeout = 100
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    seen,
    script(next) {
      current = next
    },
    close() {
      for (const socket of sockets) socket.destroy()
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

export interface WsNode {
  readonly url: string
  readonly seen: string[]
  /** Answers a parsed message (the whole object, for protocols whose calls are not JSON-RPC). */
  script(next: (message: Record<string, unknown>) => object | 'hang' | 'reset' | 'garbage'): void
  close(): Promise<void>
}

/** A WebSocket server on 127.0.0.1 that answers each message by `script` (xrpl's protocol and the like). */
export async function startRpcWs(): Promise<WsNode> {
  let current: (message: Record<string, unknown>) => object | 'hang' | 'reset' | 'garbage' = () => ({})
  const seen: string[] = []
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  wss.on('connection', (ws) => {
    ws.on('error', () => {})
    ws.on('message', (data: Buffer) => {
      let message: Record<string, unknown> = {}
      try {
        message = JSON.parse(data.toString('utf8')) as Record<string, unknown>
      } catch {
        // not JSON: an empty message
      }
      seen.push(String(message.command ?? message.method ?? ''))
      const answer = current(message)
      if (answer === 'hang') return
      if (answer === 'reset') return void ws.terminate()
      if (answer === 'garbage') return void ws.send('<html>502 Bad Gateway</html>')
      ws.send(JSON.stringify(answer))
    })
  })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const address = wss.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    url: `ws://127.0.0.1:${address.port}`,
    seen,
    script(next) {
      current = next
    },
    close() {
      for (const client of wss.clients) client.terminate()
      return new Promise((resolve) => wss.close(() => resolve()))
    },
  }
}

import { once } from 'node:events'
import { createServer } from 'node:http'
import { Server } from 'socket.io'
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

type Options = Partial<ManagerOptions & SocketOptions>

/** The `connect_error` a client socket emits before it connects (reconnection off). */
function connectError(url: string, options: Options = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { reconnection: false, ...options })
    socket.on('connect_error', (error) => {
      socket.close()
      resolve(error)
    })
    socket.on('connect', () => {
      socket.close()
      reject(new Error('expected the socket to fail'))
    })
  })
}

export const collect: Collect = async () => {
  // A socket.io server: its /admin namespace takes one token; `reindex` is never acknowledged.
  const http = createServer()
  const server = new Server(http)
  server.of('/admin').use((socket, next) => {
    if (socket.handshake.auth.token === 'current') return next()
    next(Object.assign(new Error('not authorized'), { data: { reason: 'token rejected' } }))
  })
  server.on('connection', (socket) => socket.on('reindex', () => {}))
  http.listen(0, '127.0.0.1')
  await once(http, 'listening')
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`
  const hanging = await hangingServer()
  let connected: Socket | undefined
  try {
    const refusedPort = await closedPort()
    const live = io(url, { reconnection: false })
    connected = live
    await new Promise((resolve) => live.once('connect', () => resolve(undefined)))
    return [
      {
        library: 'socket.io-client',
        what: 'connect (polling) to a closed port: TransportError "xhr poll error"',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await connectError(`http://127.0.0.1:${refusedPort}`),
      },
      {
        library: 'socket.io-client',
        what: 'connect (websocket) to a closed port: TransportError "websocket error" (ECONNREFUSED inside)',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await connectError(`http://127.0.0.1:${refusedPort}`, { transports: ['websocket'] }),
      },
      {
        library: 'socket.io-client',
        what: 'the server accepts TCP and never answers the handshake: Error "timeout"',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await connectError(`http://127.0.0.1:${hanging.port}`, { timeout: 300 }),
      },
      {
        library: 'socket.io-client',
        what: 'the server middleware rejects our token: Error "not authorized" with data',
        why: 'our own credentials rejected by a dependency: misconfiguration, 500',
        expect: { status: 500 },
        error: await connectError(`${url}/admin`, { auth: { token: 'stale' } }),
      },
      {
        library: 'socket.io-client',
        what: 'emitWithAck that the server never acknowledges: Error "operation has timed out"',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => live.timeout(300).emitWithAck('reindex', { index: 'orders' })),
      },
    ]
  } finally {
    connected?.close()
    await hanging.close()
    await server.close()
  }
}

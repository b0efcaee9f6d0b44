import { once } from 'node:events'
import { createServer } from 'node:http'
import WebSocket from 'ws'
import type { Collect } from '../case.js'
import { closedPort, closingServer, hangingServer } from './support/local.js'

/** The error a client WebSocket emits before it opens. */
function connectError(url: string, options?: WebSocket.ClientOptions): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options)
    socket.on('error', resolve)
    socket.on('open', () => {
      socket.terminate()
      reject(new Error('expected the WebSocket to fail'))
    })
  })
}

export const collect: Collect = async () => {
  const hanging = await hangingServer()
  const closing = await closingServer()
  // An upstream that refuses our upgrade with 401 (our credentials were wrong).
  const upstream = createServer((_req, res) => res.end())
  upstream.on('upgrade', (_req, socket) => {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
  })
  upstream.listen(0, '127.0.0.1')
  await once(upstream, 'listening')
  const upstreamPort = (upstream.address() as { port: number }).port
  try {
    return [
      {
        library: 'ws',
        what: 'client connect to a closed port: connect ECONNREFUSED',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await connectError(`ws://127.0.0.1:${await closedPort()}`),
      },
      {
        library: 'ws',
        what: 'the upstream accepts TCP and never answers the upgrade: "Opening handshake has timed out"',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await connectError(`ws://127.0.0.1:${hanging.port}`, { handshakeTimeout: 300 }),
      },
      {
        library: 'ws',
        what: 'the upstream closes the connection after our upgrade request: socket hang up (ECONNRESET)',
        why: 'upstream answered badly: reset by an HTTP upstream',
        expect: { status: 502, retryable: true },
        error: await connectError(`ws://127.0.0.1:${closing.port}`),
      },
      {
        library: 'ws',
        what: 'the upstream answers our upgrade with 401: "Unexpected server response: 401"',
        why: 'upstream said 4xx to us (our credentials): 500, never passed through',
        upstreamStatus: 401,
        expect: { status: 500 },
        error: await connectError(`ws://127.0.0.1:${upstreamPort}`, {
          headers: { authorization: 'Bearer stale' },
        }),
      },
    ]
  } finally {
    await hanging.close()
    await closing.close()
    upstream.closeAllConnections()
    await new Promise<void>((resolve) => upstream.close(() => resolve()))
  }
}

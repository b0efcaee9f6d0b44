import { createServer } from 'node:http'
import type { Socket } from 'node:net'
import { closedPort, listen } from '../support/loopback.js'

/** Loopback stand-ins for the dependencies a route calls: a closed port and a server that never answers. */
export interface Upstreams {
  readonly closedUrl: string
  readonly hangingUrl: string
  close(): Promise<void>
}

export async function startUpstreams(): Promise<Upstreams> {
  const closed = await closedPort()

  const sockets = new Set<Socket>()
  const hanging = createServer(() => {
    // never answers
  })
  hanging.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const hangingPort = await listen(hanging)
  return {
    closedUrl: `http://127.0.0.1:${closed}/`,
    hangingUrl: `http://127.0.0.1:${hangingPort}/`,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => hanging.close(() => resolve()))
    },
  }
}

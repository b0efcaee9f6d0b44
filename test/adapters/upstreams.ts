import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** Loopback stand-ins for the dependencies a route calls: a closed port and a server that never answers. */
export interface Upstreams {
  readonly closedUrl: string
  readonly hangingUrl: string
  close(): Promise<void>
}

export async function startUpstreams(): Promise<Upstreams> {
  const probe = createServer()
  const closedPort = await listen(probe)
  await new Promise<void>((resolve) => probe.close(() => resolve()))

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
    closedUrl: `http://127.0.0.1:${closedPort}/`,
    hangingUrl: `http://127.0.0.1:${hangingPort}/`,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => hanging.close(() => resolve()))
    },
  }
}

export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}

// Loopback stand-ins for the dependencies that the non-HTTP collectors talk to. Only 127.0.0.1.
import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'

/** A loopback port nothing listens on, that no server of the run can take: connecting is refused. */
export { closedPort } from '../../../apps/serve.mjs'

/** A TCP server on 127.0.0.1 and a way to stop it together with every socket it accepted. */
export interface LocalServer {
  readonly port: number
  close(): Promise<void>
}

/** A TCP server that runs `onSocket` for each connection (a few scripted protocol bytes at most). */
export async function tcpServer(onSocket: (socket: Socket) => void): Promise<LocalServer> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
    onSocket(socket)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  return {
    port,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Accepts connections and never answers: a dependency that is too slow. */
export function hangingServer(): Promise<LocalServer> {
  return tcpServer(() => {})
}

/** Accepts connections and closes each at once, before a byte is exchanged. */
export function closingServer(): Promise<LocalServer> {
  return tcpServer((socket) => socket.end())
}

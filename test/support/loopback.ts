import type { Server as NetServer } from 'node:net'
import { createServer } from 'node:net'

/** Starts `server` on 127.0.0.1 at a free port and answers the port. */
export async function listen(server: Pick<NetServer, 'listen' | 'address' | 'once'>): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** A loopback port nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = createServer()
  const port = await listen(probe)
  await new Promise((resolve) => probe.close(resolve))
  return port
}

import type { Server as NetServer } from 'node:net'

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

/** A loopback port nothing listens on, that no server of the run can take: connecting is refused. */
export { closedPort } from '../apps/serve.mjs'

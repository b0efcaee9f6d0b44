import neo4j from 'neo4j-driver'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

export const collect: Collect = async () => {
  const server = await hangingServer()
  const auth = neo4j.auth.basic('neo4j', 'secret')
  const refused = neo4j.driver(`bolt://127.0.0.1:${await closedPort()}`, auth, { connectionTimeout: 300 })
  const silent = neo4j.driver(`bolt://127.0.0.1:${server.port}`, auth, {
    connectionTimeout: 300,
    connectionAcquisitionTimeout: 400,
  })
  try {
    return [
      {
        library: 'neo4j-driver',
        what: 'verifyConnectivity against a closed port: Neo4jError ServiceUnavailable',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => refused.verifyConnectivity()),
      },
      {
        library: 'neo4j-driver',
        what: 'the server accepts TCP and never answers the handshake: connection acquisition timed out',
        why: 'dependency too slow: acquire timeout',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => silent.verifyConnectivity()),
      },
    ]
  } finally {
    await refused.close()
    await silent.close()
    await server.close()
  }
}

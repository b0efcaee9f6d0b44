import cassandra from 'cassandra-driver'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

export const collect: Collect = async () => {
  const server = await hangingServer()
  const client = (port: number) =>
    new cassandra.Client({
      contactPoints: ['127.0.0.1'],
      protocolOptions: { port },
      localDataCenter: 'dc1',
      socketOptions: { connectTimeout: 300, readTimeout: 300 },
    })
  const refused = client(await closedPort())
  const silent = client(server.port)
  try {
    return [
      {
        library: 'cassandra-driver',
        what: 'connect to a closed port: NoHostAvailableError (inner ECONNREFUSED)',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => refused.connect()),
      },
      {
        library: 'cassandra-driver',
        what: 'the only host never replies: NoHostAvailableError (inner OperationTimedOutError)',
        why: 'dependency unavailable: no host could be used (like a Mongo server selection failure)',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => silent.connect()),
      },
    ]
  } finally {
    await refused.shutdown()
    await silent.shutdown()
    await server.close()
  }
}

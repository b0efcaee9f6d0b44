import memjs from 'memjs'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

export const collect: Collect = async () => {
  const server = await hangingServer()
  const options = { retries: 0, timeout: 0.3, conntimeout: 0.3, logger: { log() {} } }
  const refused = memjs.Client.create(`127.0.0.1:${await closedPort()}`, options)
  const silent = memjs.Client.create(`127.0.0.1:${server.port}`, options)
  try {
    return [
      {
        library: 'memjs',
        what: 'get from a memcached on a closed port: connect ECONNREFUSED',
        why: 'dependency unavailable: cache refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => refused.get('session:1')),
      },
      {
        library: 'memjs',
        what: 'get from a memcached that never answers: "socket timed out waiting on response."',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => silent.get('session:1')),
      },
    ]
  } finally {
    refused.close()
    silent.close()
    await server.close()
  }
}

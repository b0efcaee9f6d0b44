import { connect } from 'nats'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, hangingServer, tcpServer } from './support/local.js'

export const collect: Collect = async () => {
  const server = await hangingServer()
  // A broker that requires auth and rejects our CONNECT, as nats-server words it.
  const strict = await tcpServer((socket) => {
    socket.write(
      'INFO {"server_id":"held-out","version":"2.10.0","proto":1,"max_payload":1048576,"auth_required":true}\r\n',
    )
    socket.once('data', () => socket.write("-ERR 'Authorization Violation'\r\n"))
  })
  try {
    const refusedPort = await closedPort()
    return [
      {
        library: 'nats',
        what: 'connect to a closed port: NatsError CONNECTION_REFUSED',
        why: 'dependency unavailable: broker refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() =>
          connect({ servers: `127.0.0.1:${refusedPort}`, reconnect: false, timeout: 300 }),
        ),
      },
      {
        library: 'nats',
        what: 'the broker accepts TCP and never sends INFO: NatsError TIMEOUT',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() =>
          connect({ servers: `127.0.0.1:${server.port}`, reconnect: false, timeout: 300 }),
        ),
      },
      {
        library: 'nats',
        what: 'the broker rejects our user/password: NatsError AUTHORIZATION_VIOLATION',
        why: 'our own credentials rejected by a dependency: misconfiguration, 500',
        expect: { status: 500 },
        error: await rejectionOf(() =>
          connect({
            servers: `127.0.0.1:${strict.port}`,
            reconnect: false,
            timeout: 300,
            user: 'app',
            pass: 'stale',
          }),
        ),
      },
    ]
  } finally {
    await strict.close()
    await server.close()
  }
}

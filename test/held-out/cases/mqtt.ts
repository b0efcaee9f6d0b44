import mqtt from 'mqtt'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, hangingServer, type LocalServer, tcpServer } from './support/local.js'

export const collect: Collect = async () => {
  const server = await hangingServer()
  const options = { reconnectPeriod: 0, connectTimeout: 300 }
  // A broker that answers our CONNECT with an MQTT 3.1.1 CONNACK carrying this return code.
  const connack = (returnCode: number): Promise<LocalServer> =>
    tcpServer((socket) =>
      socket.once('data', () => socket.write(Buffer.from([0x20, 0x02, 0x00, returnCode]))),
    )
  const badLogin = await connack(4)
  const unavailable = await connack(3)
  const login = { ...options, username: 'app', password: 'stale' }
  try {
    const refusedPort = await closedPort()
    return [
      {
        library: 'mqtt',
        what: 'connectAsync to a closed port: connect ECONNREFUSED',
        why: 'dependency unavailable: broker refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => mqtt.connectAsync(`mqtt://127.0.0.1:${refusedPort}`, options)),
      },
      {
        library: 'mqtt',
        what: 'the broker accepts TCP and never sends CONNACK: "connack timeout"',
        why: 'dependency too slow',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => mqtt.connectAsync(`mqtt://127.0.0.1:${server.port}`, options)),
      },
      {
        library: 'mqtt',
        what: 'the broker answers CONNACK 4: "Connection refused: Bad username or password"',
        why: 'our own credentials rejected by a dependency: misconfiguration, 500',
        expect: { status: 500 },
        error: await rejectionOf(() => mqtt.connectAsync(`mqtt://127.0.0.1:${badLogin.port}`, login)),
      },
      {
        library: 'mqtt',
        what: 'the broker answers CONNACK 3: "Connection refused: Server unavailable"',
        why: 'dependency unavailable',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => mqtt.connectAsync(`mqtt://127.0.0.1:${unavailable.port}`, login)),
      },
    ]
  } finally {
    await badLogin.close()
    await unavailable.close()
    await server.close()
  }
}

import type { AddressInfo } from 'node:net'
import rhea, { type ConnectionOptions, type EventContext } from 'rhea'
import type { Collect, HeldOutCase } from '../case.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { closedPort, tcpServer } from './support/local.js'

const library = 'rhea'

/**
 * Opens an AMQP 1.0 connection to 127.0.0.1:`port` without reconnects and resolves with the first
 * error rhea reports: a `protocol_error` event's error, or `context.error` of `connection_error` /
 * `disconnected` (what an application's promise wrapper would reject with).
 */
function failure(port: number, extra: Partial<ConnectionOptions> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const container = rhea.create_container()
    const connection = container.connect({ host: '127.0.0.1', port, reconnect: false, ...extra })
    const done = (error: unknown) => {
      if (error === undefined) return reject(new Error('rhea reported no error'))
      resolve(error)
    }
    connection.on('protocol_error', (error: unknown) => done(error))
    connection.on('connection_error', (context: EventContext) => done(context.error))
    connection.on('disconnected', (context: EventContext) => done(context.error))
  })
}

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  // A server that answers rhea's AMQP 1.0 header with RabbitMQ's AMQP 0-9-1 header.
  const amqp091 = await tcpServer((socket) => {
    socket.once('data', () => socket.write(Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1])))
  })
  // A server that does not speak AMQP at all.
  const http = await tcpServer((socket) => {
    socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'))
  })
  // Real AMQP 1.0 brokers, made with rhea's own server side: one that rejects our SASL PLAIN
  // credentials, one that closes the connection at once with amqp:resource-limit-exceeded.
  const auth = rhea.create_container()
  auth.sasl_server_mechanisms.enable_plain(() => false)
  const authServer = auth.listen({ host: '127.0.0.1', port: 0 })
  const full = rhea.create_container()
  full.on('connection_open', (context: EventContext) =>
    context.connection.close({
      condition: 'amqp:resource-limit-exceeded',
      description: 'connection limit of 100 reached',
    }),
  )
  // Without a handler rhea console.errors the server side's "disconnected".
  for (const server of [auth, full]) server.on('disconnected', () => {})
  const fullServer = full.listen({ host: '127.0.0.1', port: 0 })
  await Promise.all(
    [authServer, fullServer].map((s) => new Promise((resolve) => s.once('listening', resolve))),
  )
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'connect to a broker port that refuses (disconnected event, context.error the net ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await failure(refusedPort),
    })
    cases.push({
      library,
      what: 'the broker rejects our SASL PLAIN username and password (ConnectionError "Failed to authenticate: 1", condition amqp:unauthorized-access)',
      why: 'our own credentials rejected by a dependency: misconfiguration, 500',
      expect: { status: 500 },
      error: await failure((authServer.address() as AddressInfo).port, {
        username: 'app',
        password: 'wrong',
      }),
    })
    cases.push({
      library,
      what: 'the broker closes the connection with amqp:resource-limit-exceeded "connection limit of 100 reached" (ConnectionError)',
      why: 'dependency unavailable: too many connections',
      expect: { status: 503, retryable: true },
      error: await failure((fullServer.address() as AddressInfo).port),
    })
    cases.push({
      library,
      what: 'the server answers with an AMQP 0-9-1 header (ProtocolError "Unsupported AMQP version: 0-9-1")',
      why: 'a reply that is not the protocol: 502',
      expect: RESET,
      error: await failure(amqp091.port),
    })
    cases.push({
      library,
      what: 'the server answers bytes that are not AMQP (ProtocolError "Invalid protocol header for AMQP: 48545450")',
      why: 'a reply that is not the protocol: 502',
      expect: RESET,
      error: await failure(http.port),
    })
    return cases
  } finally {
    await Promise.all([amqp091.close(), http.close()])
    await Promise.all(
      [authServer, fullServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
    )
  }
}

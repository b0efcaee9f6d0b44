import type { Socket } from 'node:net'
import amqp from 'amqplib'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT } from './support/http-expect.js'
import { closedPort, startRawUpstream } from './support/http-upstream.js'

const library = 'amqplib'

/** One AMQP 0-9-1 method frame on channel 0. */
function methodFrame(classId: number, methodId: number, args: Buffer): Buffer {
  const payload = Buffer.concat([
    Buffer.from([classId >> 8, classId & 0xff, methodId >> 8, methodId & 0xff]),
    args,
  ])
  const header = Buffer.alloc(7)
  header.writeUInt8(1, 0)
  header.writeUInt16BE(0, 1)
  header.writeUInt32BE(payload.length, 3)
  return Buffer.concat([header, payload, Buffer.from([0xce])])
}
const longstr = (text: string) => {
  const body = Buffer.from(text)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length)
  return Buffer.concat([length, body])
}
const shortstr = (text: string) => Buffer.concat([Buffer.from([Buffer.byteLength(text)]), Buffer.from(text)])
const u16 = (value: number) => Buffer.from([value >> 8, value & 0xff])

/** connection.start: version 0-9, no server properties, PLAIN, en_US. */
const START = methodFrame(
  10,
  10,
  Buffer.concat([Buffer.from([0, 9]), longstr(''), longstr('PLAIN AMQPLAIN'), longstr('en_US')]),
)
/** connection.close with a reply code, as a broker sends when it refuses the handshake. */
const close = (code: number, text: string) =>
  methodFrame(10, 50, Buffer.concat([u16(code), shortstr(text), u16(0), u16(0)]))

type Mode = 'access-refused' | 'vhost-not-allowed' | 'drop' | 'garbage' | 'silent'

/** connection.tune: channel-max 2047, frame-max 128 KiB, heartbeat 60 s. */
const TUNE = methodFrame(10, 30, Buffer.concat([u16(2047), Buffer.from([0, 2, 0, 0]), u16(60)]))
/** The bytes that start a connection.open method frame's class and method ids. */
const OPEN = Buffer.from([0, 10, 0, 40])

/** A broker that speaks just enough AMQP 0-9-1 to fail the opening handshake as `mode` says. */
function broker(socket: Socket, mode: Mode): void {
  let stage = 0
  let received = Buffer.alloc(0)
  socket.on('data', (chunk: Buffer) => {
    stage += 1
    received = Buffer.concat([received, chunk])
    if (mode === 'silent') return
    if (stage === 1) {
      // The protocol header "AMQP\0\0\9\1" arrived.
      if (mode === 'drop') return void socket.destroy()
      if (mode === 'garbage') return void socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')
      socket.write(START)
    } else if (stage === 2) {
      // connection.start-ok with our credentials: RabbitMQ checks them here.
      if (mode === 'access-refused') {
        socket.end(close(403, 'ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN.'))
      } else socket.write(TUNE)
    } else if (received.includes(OPEN)) {
      // connection.open names the vhost: RabbitMQ checks it here.
      socket.end(close(530, 'NOT_ALLOWED - vhost orders not found'))
    }
  })
}

export const collect: Collect = async () => {
  let mode: Mode = 'access-refused'
  const server = await startRawUpstream((socket) => broker(socket, mode))
  const url = `amqp://app:not-the-password@127.0.0.1:${server.port}`
  const connect = (next: Mode, path = '') => {
    mode = next
    // amqplib does not retry a connect; `timeout` is its socket timeout for the handshake.
    return rejectionOf(() => amqp.connect(url + path, { timeout: 250 }))
  }
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'broker closed the handshake with 403 ACCESS_REFUSED to our credentials',
      why: 'SDK error caused by our own credentials: 500',
      expect: { status: 500 },
      error: await connect('access-refused'),
    })
    cases.push({
      library,
      what: 'broker closed the handshake with 530 NOT_ALLOWED for the vhost we configured',
      why: 'SDK error caused by our own config: 500',
      expect: { status: 500 },
      error: await connect('vhost-not-allowed', '/orders'),
    })
    cases.push({
      library,
      what: 'broker dropped the connection during the opening handshake',
      why: 'connection cut mid-exchange by the upstream: 502',
      expect: RESET,
      error: await connect('drop'),
    })
    cases.push({
      library,
      what: 'the port answered HTTP instead of AMQP',
      why: 'a reply that is not the protocol: 502',
      expect: RESET,
      error: await connect('garbage'),
    })
    cases.push({
      library,
      what: "amqplib's own 250 ms handshake timeout fired on a broker that never answered (connect ETIMEDOUT)",
      why: 'dependency too slow (client timeout): 504',
      expect: TIMED_OUT,
      error: await connect('silent'),
    })
    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (ECONNREFUSED)',
      why: 'refused / unreachable dependency: 503',
      expect: REFUSED,
      error: await rejectionOf(() => amqp.connect(`amqp://127.0.0.1:${port}`)),
    })
    return cases
  } finally {
    await server.close()
  }
}

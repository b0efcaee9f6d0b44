import type { Socket } from 'node:net'
import { AMQPClient } from '@cloudamqp/amqp-client'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, closingServer, hangingServer, type LocalServer, tcpServer } from './support/local.js'

// A scripted RabbitMQ: the AMQP 0-9-1 handshake, channels, and scripted answers to declares.

function frame(type: number, channel: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(7)
  head.writeUInt8(type, 0)
  head.writeUInt16BE(channel, 1)
  head.writeUInt32BE(payload.length, 3)
  return Buffer.concat([head, payload, Buffer.from([0xce])])
}

function method(classId: number, methodId: number, args: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(classId, 0)
  head.writeUInt16BE(methodId, 2)
  return Buffer.concat([head, args])
}

const u8 = (n: number) => Buffer.from([n])
const u16 = (n: number) => {
  const b = Buffer.alloc(2)
  b.writeUInt16BE(n)
  return b
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}
const shortStr = (s: string) => Buffer.concat([u8(Buffer.byteLength(s)), Buffer.from(s)])
const longStr = (s: string) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)])

function close(
  classId: number,
  code: number,
  text: string,
  failedClass: number,
  failedMethod: number,
): Buffer {
  return method(
    classId,
    classId === 10 ? 50 : 40,
    Buffer.concat([u16(code), shortStr(text), u16(failedClass), u16(failedMethod)]),
  )
}

interface Script {
  readonly refuseLogin?: boolean
  readonly missingVhost?: boolean
  readonly channelMax?: number
}

function rabbit(script: Script): Promise<LocalServer> {
  return tcpServer((socket: Socket) => {
    let buf = Buffer.alloc(0)
    let greeted = false
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk])
      if (!greeted) {
        if (buf.length < 8) return
        buf = buf.subarray(8)
        greeted = true
        const start = Buffer.concat([u8(0), u8(9), u32(0), longStr('PLAIN AMQPLAIN'), longStr('en_US')])
        socket.write(frame(1, 0, method(10, 10, start)))
      }
      while (buf.length >= 8) {
        const type = buf.readUInt8(0)
        const channel = buf.readUInt16BE(1)
        const size = buf.readUInt32BE(3)
        if (buf.length < size + 8) return
        const payload = buf.subarray(7, 7 + size)
        buf = buf.subarray(size + 8)
        if (type !== 1) continue
        const cls = payload.readUInt16BE(0)
        const m = payload.readUInt16BE(2)
        const send = (p: Buffer) => socket.write(frame(1, channel, p))
        if (cls === 10 && m === 11) {
          if (script.refuseLogin) {
            send(
              close(
                10,
                403,
                'ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.',
                0,
                0,
              ),
            )
          } else {
            send(method(10, 30, Buffer.concat([u16(script.channelMax ?? 2047), u32(131072), u16(60)])))
          }
        } else if (cls === 10 && m === 40) {
          if (script.missingVhost) send(close(10, 530, 'NOT_ALLOWED - vhost orders not found', 10, 40))
          else send(method(10, 41, shortStr('')))
        } else if (cls === 10 && m === 50) {
          send(method(10, 51, Buffer.alloc(0)))
          socket.end()
        } else if (cls === 20 && m === 10) {
          send(method(20, 11, longStr('')))
        } else if (cls === 20 && m === 40) {
          send(method(20, 41, Buffer.alloc(0)))
        } else if (cls === 50 && m === 10) {
          const len = payload.readUInt8(6)
          const queue = payload.subarray(7, 7 + len).toString()
          if (queue === 'missing') send(close(20, 404, "NOT_FOUND - no queue 'missing' in vhost '/'", 50, 10))
          else if (queue === 'locked')
            send(
              close(
                20,
                405,
                "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue 'locked' in vhost '/'. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration.",
                50,
                10,
              ),
            )
          else if (queue === 'mismatch')
            send(
              close(
                20,
                406,
                "PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'mismatch' in vhost '/': received 'true' but current is 'false'",
                50,
                10,
              ),
            )
          else if (queue === 'forbidden')
            send(
              close(
                20,
                403,
                "ACCESS_REFUSED - access to queue 'forbidden' in vhost '/' refused for user 'orders'",
                50,
                10,
              ),
            )
          else send(method(50, 11, Buffer.concat([shortStr(queue), u32(0), u32(0)])))
        } else if (cls === 40 && m === 10) {
          const len = payload.readUInt8(6)
          const exchange = payload.subarray(7, 7 + len).toString()
          send(close(20, 404, `NOT_FOUND - no exchange '${exchange}' in vhost '/'`, 40, 10))
        }
      }
    })
  })
}

function client(url: string): AMQPClient {
  const c = new AMQPClient(url)
  c.onerror = () => {}
  return c
}

export const collect: Collect = async () => {
  const good = await rabbit({})
  const login = await rabbit({ refuseLogin: true })
  const hanging = await hangingServer()
  const closing = await closingServer()
  const lib = '@cloudamqp/amqp-client'
  try {
    const refusedPort = await closedPort()
    const refused = await rejectionOf(() => client(`amqp://orders:s3cret@127.0.0.1:${refusedPort}`).connect())
    const slow = await rejectionOf(() =>
      client(`amqp://orders:s3cret@127.0.0.1:${hanging.port}?heartbeat=1`).connect(),
    )
    const ended = await rejectionOf(() => client(`amqp://orders:s3cret@127.0.0.1:${closing.port}`).connect())
    const badLogin = await rejectionOf(() =>
      client(`amqp://orders:rotated@127.0.0.1:${login.port}`).connect(),
    )
    const badConfig = await rejectionOf(async () =>
      client(`amqp://orders:s3cret@127.0.0.1:${good.port}?heartbeat=-5`),
    )

    const conn = client(`amqp://orders:s3cret@127.0.0.1:${good.port}`)
    await conn.connect()
    const ch1 = await conn.channel()
    const missing = await rejectionOf(() => ch1.queueDeclare('missing', { passive: true }))
    const ch2 = await conn.channel()
    const locked = await rejectionOf(() => ch2.queueDeclare('locked', { exclusive: true }))
    const ch3 = await conn.channel()
    const mismatch = await rejectionOf(() => ch3.queueDeclare('mismatch', { durable: true }))
    const ch4 = await conn.channel()
    // The broker closes this channel (no such exchange); our code then publishes on it.
    await rejectionOf(() => ch4.exchangeDeclare('billing.events', 'topic', { passive: true }))
    const closedChannel = await rejectionOf(() => ch4.basicPublish('billing.events', 'paid', '{}'))
    await conn.close()

    return [
      {
        library: lib,
        what: `connect to a closed port: ${desc(refused)}`,
        why: 'dependency unavailable: broker refused the connection',
        expect: { status: 503, retryable: true },
        error: refused,
      },
      {
        library: lib,
        what: `broker accepts TCP and never answers the protocol header (heartbeat=1 s socket timeout): ${desc(slow)}`,
        why: 'dependency too slow: connect timeout',
        expect: { status: 504, retryable: true },
        error: slow,
      },
      {
        library: lib,
        what: `broker closes the TCP connection before the handshake: ${desc(ended)}`,
        why: 'dependency answered badly: connection closed mid-handshake (reset-like), 502',
        expect: { status: 502, retryable: true },
        error: ended,
      },
      {
        library: lib,
        what: `broker answers Start-Ok with Connection.Close 403 ACCESS_REFUSED (bad password): ${desc(badLogin)}`,
        why: 'our own credentials rejected by a dependency: misconfiguration',
        expect: { status: 500 },
        error: badLogin,
      },
      {
        library: lib,
        what: `client constructed with heartbeat=-5 in the URL: ${desc(badConfig)}`,
        why: 'our own misconfiguration',
        expect: { status: 500 },
        error: badConfig,
      },
      {
        library: lib,
        what: `passive declare of a queue that does not exist, Channel.Close 404 NOT_FOUND: ${desc(missing)}`,
        why: 'our own setup/topology error: the queue our code expects is missing; not the HTTP client’s 404',
        expect: { status: 500 },
        error: missing,
      },
      {
        library: lib,
        what: `declare of an exclusive queue held by another connection, Channel.Close 405 RESOURCE_LOCKED: ${desc(locked)}`,
        why: 'contention a retry fixes (the other connection goes away): lock not available → 503; ambiguous, could be 500',
        expect: { status: 503, retryable: true },
        error: locked,
      },
      {
        library: lib,
        what: `declare with arguments inequivalent to the existing queue, Channel.Close 406 PRECONDITION_FAILED: ${desc(mismatch)}`,
        why: 'our own misconfiguration: declare arguments disagree with the broker topology',
        expect: { status: 500 },
        error: mismatch,
      },
      {
        library: lib,
        what: `publish on the channel the broker had closed: ${desc(closedChannel)}`,
        why: 'our own bug: using a closed channel',
        expect: { status: 500 },
        error: closedChannel,
      },
    ]
  } finally {
    await Promise.all([good, login, hanging, closing].map((s) => s.close()))
  }
}

function msg(e: unknown): string {
  return String((e as Error)?.message).slice(0, 140)
}
function name(e: unknown): string {
  return String((e as Error)?.constructor?.name)
}
function desc(e: unknown): string {
  return `${name(e)} "${msg(e)}"`
}

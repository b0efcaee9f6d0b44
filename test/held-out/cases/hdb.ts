// hdb (SAP HANA client, pure JS): a refused port, a listener that never answers the initialization
// request, one that closes after a non-HANA banner, and a scripted HANA that answers the
// initialization and then the AUTHENTICATE request with an ERROR segment/part laid out as the
// client's own reader reads it (lib/protocol/reply/Segment.js, Part.js, data/SqlError.js).
import type { Socket } from 'node:net'
import hdb from 'hdb'
import type { HeldOutCase } from '../case.js'
import { closedPort, hangingServer, tcpServer } from './support/local.js'

const library = 'hdb'

function errorReply(code: number, sqlState: string, message: string): Buffer {
  const text = Buffer.from(message, 'utf8')
  const dataLen = 18 + text.length
  const aligned = Math.ceil(dataLen / 8) * 8
  const data = Buffer.alloc(aligned)
  data.writeInt32LE(code, 0)
  data.writeInt32LE(0, 4)
  data.writeInt32LE(text.length, 8)
  data.writeInt8(1, 12) // ErrorLevel.ERROR
  data.write(sqlState, 13, 'ascii')
  text.copy(data, 18)
  const part = Buffer.alloc(16)
  part.writeInt8(6, 0) // PartKind.ERROR
  part.writeInt16LE(1, 2)
  part.writeInt32LE(dataLen, 8)
  part.writeInt32LE(aligned, 12)
  const segLen = 24 + 16 + aligned
  const seg = Buffer.alloc(24)
  seg.writeInt32LE(segLen, 0)
  seg.writeInt16LE(1, 8) // one part
  seg.writeInt16LE(1, 10)
  seg.writeInt8(5, 12) // SegmentKind.ERROR
  const head = Buffer.alloc(32)
  head.writeUInt32LE(1, 8)
  head.writeUInt32LE(segLen, 12)
  head.writeUInt32LE(segLen, 16)
  head.writeUInt16LE(1, 20)
  return Buffer.concat([head, seg, part, data])
}

/** Answers the 14-byte initialization request, then the first request packet with `reply`. */
function scriptedHana(reply: Buffer) {
  return tcpServer((socket: Socket) => {
    let initialized = false
    let pending = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      if (!initialized && pending.length >= 14) {
        pending = pending.subarray(14)
        initialized = true
        socket.write(Buffer.from([4, 20, 0, 4, 1, 0, 0, 0])) // product 4.20, protocol 4.1
      }
      if (initialized && pending.length >= 32) {
        const len = pending.readUInt32LE(12)
        if (pending.length >= 32 + len) {
          pending = pending.subarray(32 + len)
          socket.write(reply)
        }
      }
    })
  })
}

function connectError(port: number, extra: Record<string, unknown> = {}): Promise<unknown> {
  const client = hdb.createClient({ host: '127.0.0.1', port, user: 'APP', password: 'Secret1', ...extra })
  client.on('error', () => {})
  return new Promise((resolve, reject) => {
    client.connect((err) => {
      client.close()
      if (err) resolve(err)
      else reject(new Error('expected a connect error'))
    })
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []

  cases.push({
    library,
    what: 'connect to a HANA port that refuses connections: Error code EHDBOPENCONN "Could not connect to any host: [ 127.0.0.1:… - connect ECONNREFUSED … ]"',
    why: 'database unreachable (refused)',
    expect: { status: 503, retryable: true },
    error: await connectError(await closedPort()),
  })

  {
    const server = await hangingServer()
    cases.push({
      library,
      what: 'HANA accepts TCP and never answers the initialization request (initializationTimeout 300 ms): Error code EHDBOPENCONN "Could not connect to any host: [ … - No initialization reply received within 0 sec ]"',
      why: 'dependency too slow (connect/initialization timeout)',
      expect: { status: 504, retryable: true },
      error: await connectError(server.port, { initializationTimeout: 300 }),
    })
    await server.close()
  }

  {
    const server = await tcpServer((socket) => socket.on('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n')))
    cases.push({
      library,
      what: 'the port is not HANA: it answers the initialization request with an SSH banner and closes: Error code EHDBCLOSE "Connection closed by server"',
      why: 'dependency broke its protocol → answered badly',
      expect: { status: 502, retryable: true },
      error: await connectError(server.port),
    })
    await server.close()
  }

  {
    const server = await scriptedHana(errorReply(10, '28000', 'authentication failed'))
    cases.push({
      library,
      what: 'AUTHENTICATE answered with an ERROR part: SqlError code 10, sqlState 28000, "authentication failed"',
      why: 'a dependency rejected our credentials → misconfiguration',
      expect: { status: 500 },
      error: await connectError(server.port),
    })
    await server.close()
  }

  {
    const server = await scriptedHana(
      errorReply(414, 'HY000', 'user is forced to change password: alter password required for user APP'),
    )
    cases.push({
      library,
      what: 'AUTHENTICATE answered with an ERROR part: SqlError code 414 "user is forced to change password: alter password required for user APP"',
      why: 'our service account needs operator action → misconfiguration',
      expect: { status: 500 },
      error: await connectError(server.port),
    })
    await server.close()
  }

  return cases
}

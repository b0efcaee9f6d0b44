import { createServer, type Server, type Socket } from 'node:net'
import { listen } from './loopback.js'

/**
 * A loopback server speaking just enough of the MySQL client/server protocol (Protocol::HandshakeV10,
 * OK_Packet, ERR_Packet) for the real mysql2 client, so that its errors are its own:
 * - a user named `ERR <errno> <sqlstate> <message>` is refused at the handshake with that ERR packet;
 * - a query `ERR <errno> <sqlstate> <message>` is answered with that ERR packet, `DROP` closes the
 *   socket, and any other query gets no answer at all;
 * - `silentPort` accepts connections and never says a word (not even the handshake).
 */
export interface FakeMysql {
  readonly port: number
  readonly silentPort: number
  close(): Promise<void>
}

export async function fakeMysql(): Promise<FakeMysql> {
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
  }
  const server = createServer((socket) => {
    track(socket)
    session(socket)
  })
  const silent = createServer(track)
  const [port, silentPort] = await Promise.all([listen(server), listen(silent)])
  const stop = (s: Server) => new Promise((resolve) => s.close(resolve))
  return {
    port,
    silentPort,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await Promise.all([stop(server), stop(silent)])
    },
  }
}

const ERR = /^ERR (\d+) (\w{5}) (.*)$/s

function session(socket: Socket): void {
  let buffer = Buffer.alloc(0)
  let authenticated = false
  socket.write(handshake())
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk])
    while (buffer.length >= 4 && buffer.length >= buffer.readUIntLE(0, 3) + 4) {
      const payload = buffer.subarray(4, 4 + buffer.readUIntLE(0, 3))
      buffer = buffer.subarray(4 + payload.length)
      if (!authenticated) {
        // HandshakeResponse41: capabilities, max packet size, charset, 23 reserved bytes, then the user.
        const refusal = ERR.exec(payload.subarray(32, payload.indexOf(0, 32)).toString())
        if (refusal) {
          socket.end(errPacket(2, refusal))
          return
        }
        authenticated = true // any password is accepted
        socket.write(packet(2, Buffer.from([0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00])))
        continue
      }
      if (payload[0] === 0x01) socket.end() // COM_QUIT
      if (payload[0] !== 0x03) continue // COM_QUERY
      const text = payload.subarray(1).toString()
      const err = ERR.exec(text)
      if (err) socket.write(errPacket(1, err))
      else if (text === 'DROP') socket.destroy()
    }
  })
}

function packet(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4)
  header.writeUIntLE(payload.length, 0, 3)
  header.writeUInt8(sequence, 3)
  return Buffer.concat([header, payload])
}

/** An ERR_Packet from `ERR <errno> <sqlstate> <message>`. */
function errPacket(sequence: number, [, errno, sqlState, text]: RegExpExecArray): Buffer {
  const head = Buffer.alloc(3)
  head.writeUInt8(0xff, 0)
  head.writeUInt16LE(Number(errno), 1)
  return packet(sequence, Buffer.concat([head, Buffer.from(`#${sqlState}${text}`)]))
}

function handshake(): Buffer {
  const capabilities = 0x000ba20f // PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH, MULTI_RESULTS …
  const fixed = Buffer.alloc(4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10)
  let at = 0
  at = fixed.writeUInt32LE(7, at) // connection id
  at += Buffer.from('abcdefgh').copy(fixed, at)
  at = fixed.writeUInt8(0, at)
  at = fixed.writeUInt16LE(capabilities & 0xffff, at)
  at = fixed.writeUInt8(0xff, at) // charset
  at = fixed.writeUInt16LE(0x0002, at) // status: autocommit
  at = fixed.writeUInt16LE(capabilities >>> 16, at)
  fixed.writeUInt8(21, at) // auth plugin data length
  return packet(
    0,
    Buffer.concat([
      Buffer.from([0x0a]),
      Buffer.from('8.0.36-fake\0'),
      fixed,
      Buffer.from('ijklmnopqrst\0'),
      Buffer.from('mysql_native_password\0'),
    ]),
  )
}

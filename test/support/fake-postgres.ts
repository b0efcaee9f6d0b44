import { createServer, type Socket } from 'node:net'
import { listen } from './loopback.js'

/**
 * A loopback server speaking just enough of the PostgreSQL wire protocol (protocol 3.0, "Message
 * Formats" in the manual) for the real `pg` client, so that its connection errors are its own. The
 * startup message's `database` chooses the session:
 * - `silent`: the server never answers;
 * - `drop`: the server closes the socket;
 * - `refuse <state> <message>`: the server refuses the session with a FATAL ErrorResponse;
 * - anything else: the session starts; then a query `terminate <state> <message>` gets a FATAL
 *   ErrorResponse and the socket is closed, and any other query gets no answer at all.
 */
export interface FakePostgres {
  readonly port: number
  close(): Promise<void>
}

export async function fakePostgres(): Promise<FakePostgres> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.once('data', (startup) => session(socket, databaseOf(startup)))
  })
  const port = await listen(server)
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function session(socket: Socket, database: string): void {
  if (database === 'silent') return
  if (database === 'drop') {
    socket.destroy()
    return
  }
  const refused = /^refuse (\w{5}) (.*)$/s.exec(database)
  if (refused) {
    socket.end(fatal(refused[1] as string, refused[2] as string))
    return
  }
  socket.write(Buffer.concat([message('R', Buffer.alloc(4)), message('Z', Buffer.from('I'))]))
  socket.on('data', (data) => {
    if (data[0] === 'X'.charCodeAt(0)) socket.end() // Terminate
    const terminated = /terminate (\w{5}) ([^\0]*)/.exec(data.toString())
    if (terminated) socket.end(fatal(terminated[1] as string, terminated[2] as string))
  })
}

/** The `database` parameter of a StartupMessage (length, protocol, then name/value pairs). */
function databaseOf(startup: Buffer): string {
  const parts = startup.subarray(8).toString().split('\0')
  const index = parts.indexOf('database')
  return index === -1 ? '' : (parts[index + 1] ?? '')
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5)
  header.write(type, 0)
  header.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([header, body])
}

/** An ErrorResponse with the fields a server sends: severity, SQLSTATE, message, routine. */
function fatal(state: string, text: string): Buffer {
  const fields = [`SFATAL`, `VFATAL`, `C${state}`, `M${text}`, 'Rfake_server']
  return message('E', Buffer.from(`${fields.join('\0')}\0\0`))
}

import type { Socket } from 'node:net'
import { Client } from 'faktory-worker'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, closingServer, tcpServer } from './support/local.js'

const library = 'faktory-worker'

/** A scripted Faktory server: sends `greeting` on connect and answers every later line with `reply`. */
function scriptedFaktory(greeting: string, reply: (line: string) => string) {
  return tcpServer((socket: Socket) => {
    socket.setEncoding('latin1')
    socket.write(greeting)
    let pending = ''
    socket.on('data', (chunk: string) => {
      pending += chunk
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end)
        pending = pending.slice(end + 2)
        socket.write(reply(line))
      }
    })
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const secured = await scriptedFaktory('+HI {"v":2,"s":"5a1t","i":1}\r\n', () => '-ERR Invalid password\r\n')
  const garbage = await scriptedFaktory('+HI <html>502 Bad Gateway</html>\r\n', () => '+OK\r\n')
  const newer = await scriptedFaktory('+HI {"v":3}\r\n', () => '+OK\r\n')
  const closing = await closingServer()
  const refusedPort = await closedPort()
  const clients: Client[] = []
  const client = (port: number) => {
    const c = new Client({ host: '127.0.0.1', port })
    // The library logs connection errors with console.error; the collector keeps stderr clean.
    ;(c.connectionFactory as any).onConnectionError = () => {}
    clients.push(c)
    return c
  }
  try {
    return [
      {
        library,
        what: 'connect to a Faktory server on a closed port: connect ECONNREFUSED',
        why: 'dependency unavailable: job server refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => client(refusedPort).connect()),
      },
      {
        library,
        what: 'connect to a Faktory server that closes the connection before its greeting: Error "Connection closed"',
        why: 'dependency broke the protocol (closed mid-handshake): 502',
        expect: { status: 502, retryable: true },
        error: await rejectionOf(() => client(closing.port).connect()),
      },
      {
        library,
        what: 'connect: the server greeted with "+HI <html>…" (not JSON): SyntaxError from JSON.parse',
        why: 'dependency answered garbage: 502',
        expect: { status: 502, retryable: true },
        error: await rejectionOf(() => client(garbage.port).connect()),
      },
      {
        library,
        what: 'connect to a password-protected Faktory without a password: HELLO answered "ERR Invalid password" (ReplyError)',
        why: 'dependency rejected our credentials: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => client(secured.port).connect()),
      },
      {
        library,
        what: 'connect to a Faktory speaking protocol v3: Error "Client / server version mismatch"',
        why: 'our deployment pairs incompatible versions (misconfiguration: 500; arguably 502)',
        expect: { status: 500 },
        error: await rejectionOf(() => client(newer.port).connect()),
      },
      {
        library,
        what: 'client.job(undefined) from our handler (jobtype missing): Error "must provide jobtype"',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => client(refusedPort).job(undefined as unknown as string)),
      },
    ]
  } finally {
    for (const c of clients) await c.close()
    await Promise.all([secured, garbage, newer, closing].map((s) => s.close()))
  }
}

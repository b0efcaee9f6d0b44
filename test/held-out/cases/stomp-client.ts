import { createRequire } from 'node:module'
import type { Socket } from 'node:net'
import type { HeldOutCase } from '../case.js'
import { closedPort, closingServer, type LocalServer, tcpServer } from './support/local.js'

const library = 'stomp-client'
const StompClient = createRequire(import.meta.url)('stomp-client') as any

type Frame = { command: string; headers: Record<string, string> }
const CONNECTED = 'CONNECTED\nsession:s-1\n\n\0'
const errorFrame = (message: string, body = '') =>
  `ERROR\nmessage:${message}\ncontent-type:text/plain\ncontent-length:${Buffer.byteLength(body)}\n\n${body}\0`

/** A scripted STOMP broker: answers each frame the client sends with what `reply` returns. */
function scriptedBroker(reply: (frame: Frame) => string | null): Promise<LocalServer> {
  return tcpServer((socket: Socket) => {
    let pending = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      pending += chunk
      for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
        const raw = pending.slice(0, end).replace(/^\n+/, '')
        pending = pending.slice(end + 1)
        const [head = ''] = raw.split('\n\n')
        const [command = '', ...lines] = head.split('\n')
        const headers: Record<string, string> = {}
        for (const line of lines) {
          const at = line.indexOf(':')
          if (at > 0) headers[line.slice(0, at)] = line.slice(at + 1)
        }
        const answer = reply({ command, headers })
        if (answer !== null) socket.write(answer)
      }
    })
  })
}

/** Connects, runs `act` once connected, and resolves with the first 'error' the client emits. */
function emittedError(client: any, act: (client: any) => void = () => {}): Promise<unknown> {
  return new Promise((resolve) => {
    client.once('error', resolve)
    client.connect(() => act(client))
  })
}

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

export async function collect(): Promise<HeldOutCase[]> {
  const badLogin = await scriptedBroker(() => errorFrame('Access refused', 'Login or password incorrect'))
  const busy = await scriptedBroker((f) =>
    f.command === 'CONNECT'
      ? CONNECTED
      : f.command === 'SEND'
        ? errorFrame(
            'javax.jms.ResourceAllocationException: Usage Manager Memory Limit reached. Stopping producer to prevent flooding queue://orders.',
          )
        : null,
  )
  const tooBig = await scriptedBroker((f) =>
    f.command === 'CONNECT'
      ? CONNECTED
      : f.command === 'SEND'
        ? errorFrame('Frame size of 2 MB larger than max allowed 1 MB')
        : null,
  )
  const forbidden = await scriptedBroker((f) =>
    f.command === 'CONNECT'
      ? CONNECTED
      : f.command === 'SUBSCRIBE'
        ? errorFrame('access_refused', "access to queue 'audit' in vhost '/' refused for user 'app'")
        : null,
  )
  const garbage = await tcpServer((socket) => {
    socket.once('data', () => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n'))
  })
  const closing = await closingServer()
  const refusedPort = await closedPort()
  const clients: any[] = []
  const client = (port: number, extra: object = {}) => {
    const c = new StompClient({ host: '127.0.0.1', port, user: 'app', pass: 'secret', ...extra })
    clients.push(c)
    return c
  }
  try {
    return [
      {
        library,
        what: 'connect to a STOMP broker on a closed port: connect ECONNREFUSED',
        why: 'dependency unavailable: broker refused',
        expect: { status: 503, retryable: true },
        error: await emittedError(client(refusedPort)),
      },
      {
        library,
        what: 'connect with reconnectOpts {retries: 2}: "connect ECONNREFUSED … [reconnect attempts reached]" (reconnectionFailed)',
        why: 'dependency unavailable: broker refused',
        expect: { status: 503, retryable: true },
        error: await emittedError(client(refusedPort, { reconnectOpts: { retries: 2, delay: 20 } })),
      },
      {
        library,
        what: 'CONNECT answered with an ERROR frame "Access refused" / "Login or password incorrect"',
        why: 'dependency rejected our credentials: 500',
        expect: { status: 500 },
        error: await emittedError(client(badLogin.port)),
      },
      {
        library,
        what: 'publish answered with an ERROR frame "ResourceAllocationException: Usage Manager Memory Limit reached"',
        why: 'dependency full / overloaded: 503',
        expect: { status: 503, retryable: true },
        error: await emittedError(client(busy.port), (c) => c.publish('/queue/orders', '{"id":1}')),
      },
      {
        library,
        what: 'publish of the client\'s 2 MB upload body as-is: ERROR frame "Frame size of 2 MB larger than max allowed 1 MB"',
        why: "size: the client's own body is what is too large: 413",
        expect: { status: 413 },
        error: await emittedError(client(tooBig.port), (c) =>
          c.publish('/queue/uploads', 'x'.repeat(2_000_000)),
        ),
      },
      {
        library,
        what: "subscribe answered with an ERROR frame \"access_refused\" (access to queue 'audit' refused for user 'app')",
        why: 'dependency rejected our credentials / permissions: 500',
        expect: { status: 500 },
        error: await emittedError(client(forbidden.port), (c) => c.subscribe('/queue/audit', () => {})),
      },
      {
        library,
        what: 'connect to a port that answers "HTTP/1.1 400 Bad Request": parse error emitted as Error "No such command" (details)',
        why: 'dependency answered garbage: 502',
        expect: { status: 502, retryable: true },
        error: await emittedError(client(garbage.port)),
      },
      {
        library,
        what: 'connect to a broker that closes the connection at once: Error "Server has gone away"',
        why: 'dependency broke the protocol (closed mid-handshake): 502',
        expect: { status: 502, retryable: true },
        error: await emittedError(client(closing.port)),
      },
      {
        library,
        what: 'new StompClient with protocolVersion "1.2" from our config: AssertionError "STOMP version 1.2 is not supported"',
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error: thrownBy(() => client(refusedPort, { protocolVersion: '1.2' })),
      },
      {
        library,
        what: 'subscribe without a callback (our bug): AssertionError "callback is mandatory on subscribe"',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: thrownBy(() => client(refusedPort).subscribe('/queue/orders', { ack: 'client' })),
      },
      {
        library,
        what: "publish before connect (our bug): TypeError reading 'write' of undefined",
        why: 'our bug: 500',
        expect: { status: 500 },
        error: thrownBy(() => client(refusedPort).publish('/queue/orders', '{}')),
      },
    ]
  } finally {
    for (const c of clients) c.stream?.destroy()
    await Promise.all([badLogin, busy, tooBig, forbidden, garbage, closing].map((s) => s.close()))
  }
}

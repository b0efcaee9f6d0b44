import type { Socket } from 'node:net'
import { Valkey, type RedisOptions as ValkeyOptions } from 'iovalkey'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, tcpServer } from './support/local.js'
import { parse } from './support/resp.js'

const library = 'iovalkey'

/** The scripted server's answer to one command, chosen by its key (or password). */
const replies: Record<string, string> = {
  'sessions:wrongtype': '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n',
  'sessions:loading': '-LOADING Valkey is loading the dataset in memory\r\n',
  'sessions:busy':
    '-BUSY Valkey is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n',
  'sessions:oom': "-OOM command not allowed when used memory > 'maxmemory'.\r\n",
  'sessions:readonly': "-READONLY You can't write against a read only replica.\r\n",
  'sessions:noauth': '-NOAUTH Authentication required.\r\n',
  'sessions:maxclients': '-ERR max number of clients reached\r\n',
  'sessions:garbage': 'HTTP/1.1 400 Bad Request\r\n\r\n',
}

/** Connections whose AUTH failed: the server answers nothing more on them. */
const refused = new WeakSet<Socket>()

function script(socket: Socket, command: string[]): void {
  const name = command[0]?.toUpperCase()
  if (refused.has(socket)) return
  if (name === 'AUTH') {
    if (command.at(-1) === 'wrong-secret') {
      refused.add(socket)
      socket.write('-WRONGPASS invalid username-password pair or user is disabled.\r\n')
    } else socket.write('+OK\r\n')
    return
  }
  if (name === 'CLIENT' || name === 'SELECT' || name === 'PING') {
    socket.write('+OK\r\n')
    return
  }
  const key = command[1] ?? ''
  if (key === 'sessions:hang') return
  if (key === 'sessions:close') {
    socket.destroy()
    return
  }
  socket.write(replies[key] ?? '$-1\r\n')
}

export async function collect(): Promise<HeldOutCase[]> {
  const server = await tcpServer((socket) => {
    let pending = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      const { commands, rest } = parse(pending + chunk)
      pending = rest
      for (const command of commands) script(socket, command)
    })
  })
  const refusedPort = await closedPort()
  const clients: Valkey[] = []
  const client = (options: ValkeyOptions) => {
    const c = new Valkey({
      host: '127.0.0.1',
      lazyConnect: true,
      enableReadyCheck: false,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      ...options,
    })
    c.on('error', () => {})
    clients.push(c)
    return c
  }
  const scripted = client({ port: server.port })
  const get = (key: string) => rejectionOf(() => scripted.get(key))
  const cases: HeldOutCase[] = []
  try {
    await scripted.connect()
    cases.push(
      {
        library,
        what: 'GET while the server is refused and the client reconnects: MaxRetriesPerRequestError "Reached the max retries per request limit (which is 1)"',
        why: 'dependency unavailable: cache unreachable, retries exhausted',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() =>
          client({
            port: refusedPort,
            lazyConnect: false,
            retryStrategy: () => 20,
            maxRetriesPerRequest: 1,
          }).get('sessions:1'),
        ),
      },
      {
        library,
        what: 'GET that the server never answers, commandTimeout 200 ms (Error "Command timed out")',
        why: 'dependency too slow: command timeout',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(async () => {
          const c = client({ port: server.port, commandTimeout: 200 })
          await c.connect()
          return c.get('sessions:hang')
        }),
      },
      {
        library,
        what: 'GET on a connection whose AUTH with our wrong password failed: ReplyError "WRONGPASS invalid username-password pair or user is disabled."',
        why: 'upstream rejected our own credentials: 500',
        expect: { status: 500 },
        error: await rejectionOf(() =>
          client({ port: server.port, password: 'wrong-secret', lazyConnect: false }).get('sessions:1'),
        ),
      },
      {
        library,
        what: 'GET without the password the server requires: ReplyError "NOAUTH Authentication required."',
        why: 'our configuration lacks the credentials: 500',
        expect: { status: 500 },
        error: await get('sessions:noauth'),
      },
      {
        library,
        what: 'GET on a key that holds a hash: ReplyError "WRONGTYPE Operation against a key holding the wrong kind of value"',
        why: 'our own bug: 500',
        expect: { status: 500 },
        error: await get('sessions:wrongtype'),
      },
      {
        library,
        what: 'GET while the server loads its dataset: ReplyError "LOADING Valkey is loading the dataset in memory"',
        why: 'dependency unavailable (starting up): 503',
        expect: { status: 503, retryable: true },
        error: await get('sessions:loading'),
      },
      {
        library,
        what: 'GET while a long script blocks the server: ReplyError "BUSY Valkey is busy running a script…"',
        why: 'dependency unavailable (busy): 503',
        expect: { status: 503, retryable: true },
        error: await get('sessions:busy'),
      },
      {
        library,
        what: 'SET refused at maxmemory: ReplyError "OOM command not allowed when used memory > \'maxmemory\'."',
        why: 'dependency overloaded: 503',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => scripted.set('sessions:oom', 'v')),
      },
      {
        library,
        what: 'SET against a node that became a replica after failover: ReplyError "READONLY You can\'t write against a read only replica."',
        why: 'dependency unavailable (failover in progress): 503',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => scripted.set('sessions:readonly', 'v')),
      },
      {
        library,
        what: 'GET answered "ERR max number of clients reached" (ReplyError)',
        why: 'dependency unavailable: too many connections',
        expect: { status: 503, retryable: true },
        error: await get('sessions:maxclients'),
      },
      {
        library,
        what: 'GET answered with bytes that are not RESP: ParserError "Protocol error, got \\"H\\" as reply type byte. Please report this."',
        why: 'bad reply from the dependency: 502',
        expect: { status: 502, retryable: true },
        error: await get('sessions:garbage'),
      },
      {
        library,
        what: 'GET whose connection the server closes before answering, no reconnect (Error "Connection is closed.")',
        why: 'dependency dropped the connection: reset, 502',
        expect: { status: 502, retryable: true },
        error: await rejectionOf(async () => {
          const c = client({ port: server.port })
          await c.connect()
          return c.get('sessions:close')
        }),
      },
    )
    return cases
  } finally {
    for (const c of clients) c.disconnect()
    await server.close()
  }
}

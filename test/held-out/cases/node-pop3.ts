// node-pop3 (a POP3 client) against a scripted POP3 mailbox server on 127.0.0.1, a closed port and
// sockets that hang, close or answer garbage: a server that reads a support mailbox.
import type { Socket } from 'node:net'
import Pop3Command from 'node-pop3'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer, type LocalServer, tcpServer } from './support/local.js'

const library = 'node-pop3'

/** A POP3 server that greets, takes USER/PASS and answers each command by `reply`. */
function pop3Server(reply: (command: string) => string): Promise<LocalServer> {
  return tcpServer((socket: Socket) => {
    socket.write('+OK POP3 mailbox ready\r\n')
    let pending = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      pending += chunk
      for (let at = pending.indexOf('\r\n'); at >= 0; at = pending.indexOf('\r\n')) {
        const line = pending.slice(0, at)
        pending = pending.slice(at + 2)
        socket.write(reply(line))
      }
    })
  })
}

const user = (line: string, pass: string): string | null => {
  if (line.startsWith('USER ')) return '+OK send PASS\r\n'
  if (line.startsWith('PASS ')) return pass
  if (line === 'QUIT') return '+OK bye\r\n'
  return null
}

function client(port: number, timeout?: number): Pop3Command {
  return new Pop3Command({
    host: '127.0.0.1',
    port,
    user: 'support@example.test',
    password: 'secret',
    ...(timeout === undefined ? {} : { timeout }),
  })
}

function drop(pop: Pop3Command): void {
  ;(pop as unknown as { _socket: Socket | null })._socket?.destroy()
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const add = (c: Omit<HeldOutCase, 'library'>) => cases.push({ library, ...c })

  const scenarios: Array<{
    what: string
    why: string
    expect: HeldOutCase['expect']
    reply: (line: string) => string
    run: (pop: Pop3Command) => Promise<unknown>
  }> = [
    {
      what: 'mailbox server answered "-ERR [AUTH] Invalid login or password" to our PASS: Error with eventName "error", command "PASS ***"',
      why: 'dependency rejects our credentials: misconfiguration',
      expect: { status: 500 },
      reply: (l) => user(l, '-ERR [AUTH] Invalid login or password\r\n') ?? '+OK\r\n',
      run: (pop) => pop.STAT(),
    },
    {
      what: 'mailbox server answered "-ERR [IN-USE] Mailbox is locked by another session" to PASS',
      why: 'contention a retry fixes (lock held): unavailable, retryable',
      expect: { status: 503, retryable: true },
      reply: (l) => user(l, '-ERR [IN-USE] Mailbox is locked by another session\r\n') ?? '+OK\r\n',
      run: (pop) => pop.STAT(),
    },
    {
      what: 'mailbox server answered "-ERR [SYS/TEMP] System busy, try again later" to PASS',
      why: 'dependency overloaded (temporary system error): unavailable, retryable',
      expect: { status: 503, retryable: true },
      reply: (l) => user(l, '-ERR [SYS/TEMP] System busy, try again later\r\n') ?? '+OK\r\n',
      run: (pop) => pop.STAT(),
    },
    {
      what: 'mailbox server answered "-ERR [SYS/PERM] Mailbox storage unavailable" to STAT after login',
      why: 'dependency failed on its side (permanent system error): upstream answered badly',
      expect: { status: 502, retryable: true },
      reply: (l) => user(l, '+OK logged in\r\n') ?? '-ERR [SYS/PERM] Mailbox storage unavailable\r\n',
      run: (pop) => pop.STAT(),
    },
    {
      what: 'our code sent DELE for message 9 of a 2-message mailbox: "-ERR no such message, only 2 messages in maildrop"',
      why: 'dependency rejected our request (our bug: stale message number) → 500',
      expect: { status: 500 },
      reply: (l) => user(l, '+OK logged in\r\n') ?? '-ERR no such message, only 2 messages in maildrop\r\n',
      run: (pop) => pop.DELE(9),
    },
  ]

  for (const s of scenarios) {
    const server = await pop3Server(s.reply)
    const pop = client(server.port)
    try {
      const caught = await rejectionOf(() => s.run(pop))
      add({ what: s.what, why: s.why, expect: s.expect, error: caught })
    } finally {
      drop(pop)
      await server.close()
    }
  }
  const garbage = await tcpServer((socket) => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n'))
  const confused = client(garbage.port)
  try {
    add({
      what: 'the mailbox port answered an HTTP status line instead of "+OK": STAT() rejected "Unexpected response" (eventName "bad-server-response")',
      why: 'dependency broke its protocol: answered badly',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => confused.STAT()),
    })
  } finally {
    drop(confused)
    await garbage.close()
  }

  const port = await closedPort()
  add({
    what: 'mailbox port closed: STAT() rejected with ECONNREFUSED',
    why: 'dependency unreachable: unavailable, retryable',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => client(port).STAT()),
  })

  const silent = await hangingServer()
  const slow = client(silent.port, 200)
  try {
    add({
      what: 'mailbox server accepted the connection and never greeted: STAT() rejected Error "timeout" (eventName "timeout") after our 200 ms socket timeout',
      why: 'dependency too slow: our timeout',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => slow.STAT()),
    })
  } finally {
    drop(slow)
    await silent.close()
  }

  const closing = await tcpServer((socket) => socket.destroy())
  const reset = client(closing.port)
  try {
    add({
      what: 'mailbox server closed the connection before greeting: STAT() rejected Error "end" (eventName "end")',
      why: 'dependency dropped the connection mid-protocol: answered badly',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => reset.STAT()),
    })
  } finally {
    drop(reset)
    await closing.close()
  }

  add({
    what: 'our code called command("STAT") on a client that never connected: Error "no-socket"',
    why: 'our own bug: everything else',
    expect: { status: 500 },
    error: await rejectionOf(() => client(1).command('STAT')),
  })
  return cases
}

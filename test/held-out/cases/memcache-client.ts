import type { Socket } from 'node:net'
import { MemcacheClient } from 'memcache-client'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer, tcpServer } from './support/local.js'

const library = 'memcache-client'

/** A scripted memcached: answers every command line with `reply` (a storage command's data block is skipped). */
function scripted(reply: (line: string) => string | null) {
  return tcpServer((socket: Socket) => {
    let pending = ''
    let skip = 0
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      pending += chunk
      for (;;) {
        if (skip > 0) {
          if (pending.length < skip) return
          pending = pending.slice(skip)
          skip = 0
        }
        const end = pending.indexOf('\r\n')
        if (end < 0) return
        const line = pending.slice(0, end)
        pending = pending.slice(end + 2)
        const tokens = line.split(' ')
        if (['set', 'add', 'replace', 'append', 'prepend', 'cas'].includes(tokens[0] ?? '')) {
          skip = Number(tokens[4]) + 2
        }
        const answer = reply(line)
        if (answer === null) continue
        if (answer === 'CLOSE') socket.destroy()
        else socket.write(answer)
      }
    })
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const full = await scripted(() => 'SERVER_ERROR out of memory storing object\r\n')
  const tooLarge = await scripted(() => 'SERVER_ERROR object too large for cache\r\n')
  const clientError = await scripted(() => 'CLIENT_ERROR bad command line format\r\n')
  const plainError = await scripted(() => 'ERROR\r\n')
  const closes = await scripted(() => 'CLOSE')
  const silent = await hangingServer()
  const refusedPort = await closedPort()
  const clients: MemcacheClient[] = []
  const client = (port: number) => {
    const c = new MemcacheClient({ server: `127.0.0.1:${port}`, cmdTimeout: 300, keepAlive: false })
    clients.push(c)
    return c
  }
  try {
    return [
      {
        library,
        what: 'set on a memcached on a closed port: connect ECONNREFUSED 127.0.0.1',
        why: 'dependency unavailable: cache refused the connection',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => client(refusedPort).set('session:1', 'v')),
      },
      {
        library,
        what: 'get from a memcached on a closed port: connect ECONNREFUSED 127.0.0.1',
        why: 'dependency unavailable: cache refused the connection',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => client(refusedPort).get('session:1')),
      },
      {
        library,
        what: 'set answered "SERVER_ERROR out of memory storing object" (Error with cmdTokens)',
        why: 'dependency overloaded: cache out of memory',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => client(full.port).set('page:/home', 'x'.repeat(100))),
      },
      {
        library,
        what: 'set of a 2 MB rendered page our server caches answered "SERVER_ERROR object too large for cache"',
        why: 'our own value exceeds the cache item size (not the client body): our bug, 500',
        expect: { status: 500 },
        error: await rejectionOf(() => client(tooLarge.port).set('page:/report', 'x'.repeat(2_000_000))),
      },
      {
        library,
        what: 'set answered "CLIENT_ERROR bad command line format" (our client sent a command the server rejected)',
        why: 'dependency rejected our request: our bug, 500',
        expect: { status: 500 },
        error: await rejectionOf(() => client(clientError.port).set('session:1', 'v')),
      },
      {
        library,
        what: 'cmd("flush_all_now") answered "ERROR" (unknown command we sent)',
        why: 'our bug: a command the server does not know, 500',
        expect: { status: 500 },
        error: await rejectionOf(() => client(plainError.port).cmd('flush_all_now')),
      },
      {
        library,
        what: 'get from a memcached that never answers: cmdTimeout 300 ms, "Command timeout"',
        why: 'dependency too slow: our command timeout',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => client(silent.port).get('session:1')),
      },
      {
        library,
        what: 'get from a memcached that closes the connection on the command',
        why: 'dependency broke the protocol (connection closed mid-command): 502',
        expect: { status: 502, retryable: true },
        error: await rejectionOf(() => client(closes.port).get('session:1')),
      },
    ]
  } finally {
    for (const c of clients) c.shutdown()
    await Promise.all([full, tooLarge, clientError, plainError, closes, silent].map((s) => s.close()))
  }
}

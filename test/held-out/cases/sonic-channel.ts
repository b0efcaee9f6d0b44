import type { Socket } from 'node:net'
import { Ingest, Search } from 'sonic-channel'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, type LocalServer, tcpServer } from './support/local.js'

// A scripted Sonic search backend (its line protocol): CONNECTED, START → STARTED, then each
// QUERY/PUSH gets the line `answer` picks ('drop' closes the connection instead).

type Answer = (command: string) => string | 'drop'

function sonic(answer: Answer): Promise<LocalServer> {
  return tcpServer((socket: Socket) => {
    socket.write('CONNECTED <sonic-server v1.4.9>\r\n')
    let buf = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      buf += chunk
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl).trim()
        buf = buf.slice(nl + 1)
        if (line.startsWith('START ')) {
          const mode = line.split(' ')[1]
          socket.write(`STARTED ${mode} protocol(1) buffer(20000)\r\n`)
        } else if (line === 'PING') {
          socket.write('PONG\r\n')
        } else if (line === 'QUIT') {
          socket.end('ENDED quit\r\n')
        } else {
          const reply = answer(line)
          if (reply === 'drop') socket.destroy()
          else socket.write(`${reply}\r\n`)
        }
      }
    })
  })
}

type Channel = Search | Ingest

/** Connects a channel; resolves once connected, or with what the error handler got. */
function open<T extends Channel>(channel: T): Promise<{ channel: T } | { failed: unknown }> {
  return new Promise((resolve) => {
    channel.connect({
      connected: () => resolve({ channel }),
      error: (error: unknown) => resolve({ failed: error }),
      disconnected: () => {},
      retrying: () => {},
      timeout: () => {},
    })
  })
}

/** Closes a channel and cancels the reconnect it schedules after a server-side disconnect. */
async function stop(channel: Channel): Promise<void> {
  await channel.close().catch(() => {})
  const internals = channel as unknown as { __retryTimeout: NodeJS.Timeout | null; __isClosing: boolean }
  if (internals.__retryTimeout !== null) clearTimeout(internals.__retryTimeout)
  internals.__retryTimeout = null
}

async function connected<T extends Channel>(channel: T): Promise<T> {
  const result = await open(channel)
  if ('failed' in result) throw new Error(`sonic did not connect: ${String(result.failed)}`)
  return result.channel
}

export const collect: Collect = async () => {
  const lib = 'sonic-channel'
  const server = await sonic((command) => {
    if (command.includes('"shutdown"')) return 'ERR shutting_down'
    if (command.includes('"crash"')) return 'ERR internal_error'
    if (command.includes('"drop"')) return 'drop'
    if (command.includes('LIMIT(')) return 'ERR invalid_meta_value(LIMIT[500])'
    if (command.startsWith('PUSH ')) return 'ERR policy_reject(object text too long)'
    return 'ERR unknown_command'
  })
  const at = { host: '127.0.0.1', port: server.port, auth: 'SecretPassword' }
  try {
    const refusedPort = await closedPort()
    const refusedResult = await open(new Search({ ...at, port: refusedPort }))
    const refused = 'failed' in refusedResult ? refusedResult.failed : new Error('expected a failure')

    // Not connected yet, and the offline stack is off: the query cannot wait for the connection.
    const early = new Search({ ...at, offlineStackMaxSize: 0, emitQueueMaxSize: 0 })
    const offline = await rejectionOf(() => early.query('products', 'default', 'laptop'))

    const search = await connected(new Search(at))
    const shutdown = await rejectionOf(() => search.query('products', 'default', 'shutdown'))
    const crash = await rejectionOf(() => search.query('products', 'default', 'crash'))
    const badLimit = await rejectionOf(() => search.query('products', 'default', 'laptop', { limit: 500 }))
    const missingCollection = await rejectionOf(async () => search.query('', 'default', 'laptop'))
    const dropped = await rejectionOf(() => search.query('products', 'default', 'drop'))
    await stop(search)

    const ingest = await connected(new Ingest(at))
    const rejected = await rejectionOf(() => ingest.push('products', 'default', 'sku:881', 'Laptop 14 inch'))
    await stop(ingest)

    const badConfig = await rejectionOf(
      async () => new Search({ host: '127.0.0.1' } as ConstructorParameters<typeof Search>[0]),
    )

    return [
      {
        library: lib,
        what: `connect to a closed port: error handler got ${desc(refused)}`,
        why: 'dependency unavailable: search backend refused the connection',
        expect: { status: 503, retryable: true },
        error: refused,
      },
      {
        library: lib,
        what: `query before the channel connected, offline stack disabled: rejects with a string ${desc(offline)}`,
        why: 'dependency unavailable: no connection to the search backend yet, a retry works',
        expect: { status: 503, retryable: true },
        error: offline,
      },
      {
        library: lib,
        what: `backend answers QUERY with "ERR shutting_down": rejects with a plain object ${desc(shutdown)}`,
        why: 'dependency unavailable: the backend is shutting down',
        expect: { status: 503, retryable: true },
        error: shutdown,
      },
      {
        library: lib,
        what: `backend answers QUERY with "ERR internal_error": rejects with a plain object ${desc(crash)}`,
        why: 'upstream answered badly (its own internal failure): 502',
        expect: { status: 502, retryable: true },
        error: crash,
      },
      {
        library: lib,
        what: `backend answers a LIMIT(500) query with "ERR invalid_meta_value(LIMIT[500])": ${desc(badLimit)}`,
        why: 'the dependency rejected the request our server built: 500',
        expect: { status: 500 },
        error: badLimit,
      },
      {
        library: lib,
        what: `query with an empty collection name (our code): ${desc(missingCollection)}`,
        why: 'our own bug: 500',
        expect: { status: 500 },
        error: missingCollection,
      },
      {
        library: lib,
        what: `backend drops the connection while the query is pending: rejects with a string ${desc(dropped)}`,
        why: 'dependency answered badly: connection closed mid-request, 502',
        expect: { status: 502, retryable: true },
        error: dropped,
      },
      {
        library: lib,
        what: `backend answers PUSH with "ERR policy_reject(object text too long)": ${desc(rejected)}`,
        why: 'the dependency rejected the request our server built: 500',
        expect: { status: 500 },
        error: rejected,
      },
      {
        library: lib,
        what: `Search channel constructed without a port: ${desc(badConfig)}`,
        why: 'our own misconfiguration: 500',
        expect: { status: 500 },
        error: badConfig,
      },
    ]
  } finally {
    await server.close()
  }
}

function desc(e: unknown): string {
  if (typeof e === 'string') return JSON.stringify(e.slice(0, 90))
  const err = e as { constructor?: { name?: string }; code?: string; message?: string }
  return `${err?.constructor?.name}${err?.code ? ` code=${err.code}` : ''} "${String(err?.message).slice(0, 90)}"`
}

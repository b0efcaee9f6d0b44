import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import { Redis, type RedisOptions } from 'ioredis'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'
import { rejectionOf } from '../support/caught.js'

/**
 * A loopback server speaking enough RESP2 for ioredis and node-redis: the key of a command chooses
 * an error reply (real replies of Redis 7), no reply, or a closed socket. MULTI/EXEC queue
 * commands; a reply error while queueing makes EXEC answer EXECABORT, a prior WATCH makes it nil.
 */
const REPLIES: Record<string, string> = {
  loading: 'LOADING Redis is loading the dataset in memory',
  readonly: "READONLY You can't write against a read only replica.",
  busy: 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.',
  oom: "OOM command not allowed when used memory > 'maxmemory'.",
  masterdown: 'MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no.',
  clusterdown: 'CLUSTERDOWN The cluster is down',
  tryagain: 'TRYAGAIN Multiple keys request during rehashing of slot',
  maxclients: 'ERR max number of clients reached',
  noauth: 'NOAUTH Authentication required.',
  wrongpass: 'WRONGPASS invalid username-password pair or user is disabled.',
  noperm: "NOPERM User app has no permissions to run the 'get' command",
  wrongtype: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  busygroup: 'BUSYGROUP Consumer Group name already exists',
}

function parseCommands(buffer: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = []
  let at = 0
  outer: while (at < buffer.length) {
    const lineEnd = buffer.indexOf('\r\n', at)
    if (lineEnd === -1 || buffer[at] !== 0x2a) break
    const count = Number(buffer.subarray(at + 1, lineEnd).toString())
    let cursor = lineEnd + 2
    const args: string[] = []
    for (let i = 0; i < count; i++) {
      const headerEnd = buffer.indexOf('\r\n', cursor)
      if (headerEnd === -1) break outer
      const length = Number(buffer.subarray(cursor + 1, headerEnd).toString())
      if (buffer.length < headerEnd + 2 + length + 2) break outer
      args.push(buffer.subarray(headerEnd + 2, headerEnd + 2 + length).toString())
      cursor = headerEnd + 2 + length + 2
    }
    commands.push(args)
    at = cursor
  }
  return { commands, rest: buffer.subarray(at) }
}

function handle(socket: Socket): void {
  let buffer: Buffer = Buffer.alloc(0)
  let queued: 'none' | 'ok' | 'aborted' = 'none'
  let watching = false
  socket.on('error', () => {})
  socket.on('data', (chunk) => {
    const parsed = parseCommands(Buffer.concat([buffer, chunk]))
    buffer = parsed.rest
    for (const [name = '', key = ''] of parsed.commands) {
      const command = name.toUpperCase()
      if (command === 'INFO') {
        const info = '# Server\r\nredis_version:7.2.4\r\nloading:0\r\n'
        socket.write(`$${info.length}\r\n${info}\r\n`)
      } else if (command === 'WATCH') {
        watching = true
        socket.write('+OK\r\n')
      } else if (command === 'MULTI') {
        queued = 'ok'
        socket.write('+OK\r\n')
      } else if (command === 'EXEC') {
        if (queued === 'aborted')
          socket.write('-EXECABORT Transaction discarded because of previous errors.\r\n')
        else socket.write(watching ? '*-1\r\n' : '*0\r\n')
        queued = 'none'
        watching = false
      } else if (key === 'hang') {
        // no reply
      } else if (key === 'drop') {
        socket.destroy()
      } else if (REPLIES[key] !== undefined) {
        if (queued !== 'none') queued = 'aborted'
        socket.write(`-${REPLIES[key]}\r\n`)
      } else {
        socket.write(queued === 'none' ? '+OK\r\n' : '+QUEUED\r\n')
      }
    }
  })
}

let server: Server
let port: number
let closedPort: number

beforeAll(async () => {
  server = createServer(handle)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  port = (server.address() as { port: number }).port
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  closedPort = (probe.address() as { port: number }).port
  probe.close()
  await once(probe, 'close')
})

afterAll(() => {
  server.close()
})

describe('redis: ioredis against a loopback server', () => {
  const clients: Redis[] = []

  afterAll(() => {
    for (const client of clients) client.disconnect()
  })

  function connect(options: RedisOptions = {}): Redis {
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: false, ...options })
    client.on('error', () => {})
    clients.push(client)
    return client
  }

  it.each([
    ['loading', 'LOADING'],
    ['readonly', 'READONLY'],
    ['busy', 'BUSY'],
    ['oom', 'OOM'],
    ['masterdown', 'MASTERDOWN'],
    ['clusterdown', 'CLUSTERDOWN'],
    ['tryagain', 'TRYAGAIN'],
  ])('answers the %s reply with 503, retryable', async (key, prefix) => {
    const error = await rejectionOf(() => connect().get(key))
    expect(error).toMatchObject({ name: 'ReplyError' })
    expect(classify(error)).toMatchObject({ status: 503, retryable: true, rule: `redis:${prefix}` })
  })

  it('answers "max number of clients reached" with 503', async () => {
    expect(classify(await rejectionOf(() => connect().get('maxclients')))).toMatchObject({
      status: 503,
      rule: 'redis:max-clients',
    })
  })

  it.each([
    ['noauth', 'NOAUTH'],
    ['wrongpass', 'WRONGPASS'],
    ['noperm', 'NOPERM'],
    ['wrongtype', 'WRONGTYPE'],
    ['busygroup', 'BUSYGROUP'],
  ])('answers the %s reply with 500 and hides it', async (key, prefix) => {
    const c = classify(await rejectionOf(() => connect().get(key)))
    expect(c).toMatchObject({ status: 500, retryable: false, rule: `redis:${prefix}` })
    expect(c.message).not.toContain(prefix)
  })

  it('answers an aborted MULTI by the reply that aborted it (EXECABORT ← READONLY)', async () => {
    const error = await rejectionOf(() => connect().multi().set('readonly', '1').exec())
    expect((error as Error).message).toMatch(/^EXECABORT/)
    expect(classify(error)).toMatchObject({ status: 503, rule: 'redis:READONLY' })
  })

  it("answers 'Command timed out' (commandTimeout) with 504", async () => {
    const error = await rejectionOf(() => connect({ commandTimeout: 50 }).get('hang'))
    expect((error as Error).message).toBe('Command timed out')
    expect(classify(error)).toMatchObject({ status: 504, retryable: true, rule: 'redis:command-timeout' })
  })

  it('answers MaxRetriesPerRequestError (nothing listening) with 503', async () => {
    const client = connect({ port: closedPort, maxRetriesPerRequest: 1, retryStrategy: () => 10 })
    const error = await rejectionOf(() => client.get('x'))
    expect(error).toMatchObject({ name: 'MaxRetriesPerRequestError' })
    expect(classify(error)).toMatchObject({ status: 503, rule: 'redis:MaxRetriesPerRequestError' })
  })

  it("answers 'Connection is closed.' with 503", async () => {
    const client = connect()
    await client.quit()
    const error = await rejectionOf(() => client.get('x'))
    expect((error as Error).message).toBe('Connection is closed.')
    expect(classify(error)).toMatchObject({ status: 503, rule: 'redis:connection-closed' })
  })

  it('answers a write with the offline queue disabled with 503', async () => {
    const client = connect({ lazyConnect: true, enableOfflineQueue: false })
    const error = await rejectionOf(() => client.get('x'))
    expect(classify(error)).toMatchObject({ status: 503, rule: 'redis:offline' })
  })
})

describe('redis: node-redis against a loopback server', () => {
  async function connect() {
    const client = createClient({ url: `redis://127.0.0.1:${port}` })
    client.on('error', () => {})
    await client.connect()
    return client
  }

  it('answers an ErrorReply (name "Error") by its prefix', async () => {
    const client = await connect()
    const loading = await rejectionOf(() => client.get('loading'))
    expect(loading).toMatchObject({ name: 'Error' })
    expect(classify(loading)).toMatchObject({ status: 503, rule: 'redis:LOADING' })
    const noauth = await rejectionOf(() => client.get('noauth'))
    expect(classify(noauth)).toMatchObject({ status: 500, rule: 'redis:NOAUTH' })
    client.destroy()
  })

  it('answers WatchError (a watched key changed) with 409', async () => {
    const client = await connect()
    await client.watch('key')
    const error = await rejectionOf(() => client.multi().set('key', 'v').exec())
    expect(error).toMatchObject({
      name: 'Error',
      message: 'One (or more) of the watched keys has been changed',
    })
    expect(classify(error)).toMatchObject({ status: 409, code: 'CONFLICT', rule: 'redis:WatchError' })
    client.destroy()
  })

  it('answers a per-command timeout (TimeoutError, empty message) with 504', async () => {
    // The timeout covers the wait to be written: here the client is still trying to connect.
    const client = createClient({
      url: `redis://127.0.0.1:${closedPort}`,
      socket: { reconnectStrategy: () => 1000 },
    })
    client.on('error', () => {})
    client.connect().catch(() => {})
    const error = await rejectionOf(() => client.withCommandOptions({ timeout: 50 }).get('x'))
    client.destroy()
    expect(error).toMatchObject({ name: 'Error', message: '' })
    expect(classify(error)).toMatchObject({ status: 504, rule: 'redis:TimeoutError' })
  })

  it('answers ClientClosedError with 503', async () => {
    const client = await connect()
    client.destroy()
    const error = await rejectionOf(() => client.get('x'))
    expect(classify(error)).toMatchObject({ status: 503, rule: 'redis:ClientClosedError' })
  })

  it('answers a refused connection (no reconnect) through the system code: 503', async () => {
    const client = createClient({
      url: `redis://127.0.0.1:${closedPort}`,
      socket: { reconnectStrategy: false },
    })
    client.on('error', () => {})
    const error = await rejectionOf(() => client.connect())
    expect(classify(error)).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
  })
})

describe('redis: lookalikes', () => {
  it('recognises node-redis messages when a bundler renamed the classes', () => {
    expect(classify(new Error('Socket closed unexpectedly'))).toMatchObject({ status: 503 })
    expect(classify(new Error('The client is closed'))).toMatchObject({ status: 503 })
  })

  it("answers ioredis' socketTimeout with 504", () => {
    const error = new Error("Socket timeout. Expecting data, but didn't receive any in 500ms.")
    expect(classify(error)).toMatchObject({ status: 504, rule: 'redis:socket-timeout' })
  })

  it('does not read a reply prefix from errors that are not replies', () => {
    expect(classify(new Error('LOADING the page failed')).rule).toBe('fallback')
  })
})

import { once } from 'node:events'
import { createServer, type Socket } from 'node:net'
import { Cluster, Redis, type RedisOptions } from 'ioredis'
import {
  CommandTimeoutDuringMaintenanceError,
  createClient,
  createCluster,
  type RedisClientOptions,
  SocketTimeoutDuringMaintenanceError,
} from 'redis'
import { rejectionOf } from '../support/caught.js'
import { closedPort, listen } from '../support/loopback.js'
import { catalog, type Example } from './example.js'

/**
 * A loopback server speaking enough RESP2 for ioredis and node-redis (and one-node Redis Cluster
 * for ioredis' `Cluster`): the key of a command chooses an error reply (real replies of Redis 7),
 * no reply (`hang`) or a closed socket (`drop`). A prior WATCH makes EXEC answer nil. Bytes that
 * are not RESP (a TLS hello) get no answer.
 */
const REPLIES: Readonly<Record<string, string>> = {
  loading: 'LOADING Redis is loading the dataset in memory',
  readonly: "READONLY You can't write against a read only replica.",
  busy: 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.',
  masterdown: 'MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no.',
  clusterdown: 'CLUSTERDOWN The cluster is down',
  tryagain: 'TRYAGAIN Multiple keys request during rehashing of slot',
  oom: "OOM command not allowed when used memory > 'maxmemory'.",
  misconf:
    'MISCONF Redis is configured to save RDB snapshots, but it is currently not able to persist on disk.',
  noreplicas: 'NOREPLICAS Not enough good replicas to write.',
  noauth: 'NOAUTH Authentication required.',
  noperm: "NOPERM User app has no permissions to run the 'get' command",
  wrongpass: 'WRONGPASS invalid username-password pair or user is disabled.',
  maxclients: 'ERR max number of clients reached',
  wrongtype: 'WRONGTYPE Operation against a key holding the wrong kind of value',
}

const bulk = (text: string) => `$${Buffer.byteLength(text)}\r\n${text}\r\n`

// RESP arrays of bulk strings, as the clients send commands (copied from test/rules/redis.test.ts).
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

interface Connection {
  readonly port: number
  multi: boolean
  watching: boolean
}

/** The server's answer to one command, or `undefined` for none. */
function answer(connection: Connection, name: string, key: string): string | undefined {
  switch (name.toUpperCase()) {
    case 'INFO':
      return bulk('# Server\r\nredis_version:7.2.4\r\nloading:0\r\n')
    case 'CLUSTER':
      // One node serving every slot.
      return key.toUpperCase() === 'SLOTS'
        ? `*1\r\n*3\r\n:0\r\n:16383\r\n*2\r\n${bulk('127.0.0.1')}:${connection.port}\r\n`
        : bulk('cluster_state:ok\r\n')
    case 'WATCH':
      connection.watching = true
      return '+OK\r\n'
    case 'MULTI':
      connection.multi = true
      return '+OK\r\n'
    case 'EXEC': {
      const watched = connection.watching
      connection.multi = false
      connection.watching = false
      return watched ? '*-1\r\n' : '*0\r\n'
    }
  }
  if (key === 'hang') return undefined
  const error = REPLIES[key]
  if (error !== undefined) return `-${error}\r\n`
  return connection.multi ? '+QUEUED\r\n' : '+OK\r\n'
}

const sockets = new Set<Socket>()

function handle(socket: Socket): void {
  const connection: Connection = { port: socket.localPort ?? 0, multi: false, watching: false }
  let buffer: Buffer = Buffer.alloc(0)
  sockets.add(socket)
  socket.on('error', () => {})
  socket.on('close', () => sockets.delete(socket))
  socket.on('data', (chunk) => {
    const parsed = parseCommands(Buffer.concat([buffer, chunk]))
    buffer = parsed.rest
    for (const [name = '', key = ''] of parsed.commands) {
      if (key === 'drop') return void socket.destroy()
      const text = answer(connection, name, key)
      if (text !== undefined) socket.write(text)
    }
  })
}

const server = createServer(handle)
let started: Promise<number> | undefined
/** The loopback server's port, started on first use. */
const serverPort = () => (started ??= listen(server))

let refused: Promise<number> | undefined
/** A port on 127.0.0.1 that nothing listens on, found once. */
const refusedPort = () => (refused ??= closedPort())

const opened: (() => unknown)[] = []

/** A real ioredis client, to the loopback server unless `options` say otherwise. */
async function ioredis(options: RedisOptions = {}): Promise<Redis> {
  const client = new Redis({ host: '127.0.0.1', port: await serverPort(), ...options })
  client.on('error', () => {})
  opened.push(() => client.disconnect())
  return client
}

/** A real ioredis `Cluster` of one node at `port`. */
function ioredisCluster(port: number, options: ConstructorParameters<typeof Cluster>[1] = {}): Cluster {
  const cluster = new Cluster([{ host: '127.0.0.1', port }], { clusterRetryStrategy: () => null, ...options })
  cluster.on('error', () => {})
  opened.push(() => cluster.disconnect())
  return cluster
}

/** A real node-redis client (not connected yet), to the loopback server unless `url` says otherwise. */
async function nodeRedis(options: RedisClientOptions = {}) {
  const client = createClient({ url: `redis://127.0.0.1:${await serverPort()}`, ...options })
  client.on('error', () => {})
  opened.push(() => client.destroy())
  return client
}

/** The first `error` event: where the clients report a socket that failed outside any command. */
async function firstError(emitter: NodeJS.EventEmitter): Promise<unknown> {
  const [error] = await once(emitter, 'error')
  return error
}

/** A Redis error reply, as ioredis rejects the command with it (`ReplyError`). */
function reply(prefix: string, status: number): Example {
  return {
    error: `Redis reply \`${prefix} …\` (ioredis \`ReplyError\`, node-redis \`ErrorReply\`)`,
    make: async () => rejectionOf(async () => (await ioredis()).get(prefix.toLowerCase())),
    rule: `redis:${prefix}`,
    status,
    ...(status === 503 ? { retryable: true } : {}),
  }
}

/** A node-redis client error: every class keeps `name: 'Error'`. */
function nodeRedisClass(name: string, status: number, make: () => unknown): Example {
  const example = { error: `node-redis \`${name}\``, make, rule: `redis:${name}`, status }
  return status >= 503 ? { ...example, retryable: true } : example
}

/** A node-redis error whose class a bundler renamed: only its message is left (node-redis packages/client/lib/errors.ts). */
function renamedNodeRedis(message: string, rule: string): Example {
  return {
    error: `\`Error('${message}')\``,
    make: () => new Error(message),
    rule,
    status: 503,
    retryable: true,
  }
}

export default catalog(
  'redis',
  [
    reply('LOADING', 503),
    reply('READONLY', 503),
    reply('BUSY', 503),
    reply('MASTERDOWN', 503),
    reply('CLUSTERDOWN', 503),
    reply('TRYAGAIN', 503),
    reply('OOM', 503),
    reply('MISCONF', 503),
    reply('NOREPLICAS', 503),
    reply('NOAUTH', 500),
    reply('NOPERM', 500),
    reply('WRONGPASS', 500),
    {
      error: 'Redis reply `ERR max number of clients reached`',
      make: async () => {
        const client = await nodeRedis()
        await client.connect()
        return rejectionOf(() => client.get('maxclients'))
      },
      rule: 'redis:max-clients',
      status: 503,
      retryable: true,
    },
    {
      error: 'any other Redis reply, e.g. `WRONGTYPE …`, `ERR …`',
      make: async () => {
        const client = await nodeRedis()
        await client.connect()
        return rejectionOf(() => client.get('wrongtype'))
      },
      rule: 'redis:WRONGTYPE',
      status: 500,
    },
    {
      error: 'ioredis `MaxRetriesPerRequestError`',
      make: async () => {
        const client = await ioredis({
          port: await refusedPort(),
          maxRetriesPerRequest: 1,
          retryStrategy: () => 10,
        })
        return rejectionOf(() => client.get('x'))
      },
      rule: 'redis:MaxRetriesPerRequestError',
      status: 503,
      retryable: true,
    },
    {
      error: 'ioredis `ClusterAllFailedError`',
      // No startup node answers: the cluster emits it while its connect fails.
      make: async () => {
        const cluster = ioredisCluster(await refusedPort(), { lazyConnect: true })
        const error = firstError(cluster)
        await rejectionOf(() => cluster.connect())
        return error
      },
      rule: 'redis:ClusterAllFailedError',
      status: 503,
      retryable: true,
    },
    nodeRedisClass('SocketClosedUnexpectedlyError', 503, async () => {
      const client = await nodeRedis({ socket: { reconnectStrategy: false } })
      await client.connect()
      return rejectionOf(() => client.get('drop'))
    }),
    nodeRedisClass('ClientClosedError', 503, async () => {
      const client = await nodeRedis()
      await client.connect()
      client.destroy()
      return rejectionOf(() => client.get('x'))
    }),
    nodeRedisClass('ClientOfflineError', 503, async () => {
      const url = `redis://127.0.0.1:${await refusedPort()}`
      const client = await nodeRedis({
        url,
        disableOfflineQueue: true,
        socket: { reconnectStrategy: () => 1000 },
      })
      client.connect().catch(() => {})
      return rejectionOf(() => client.get('x'))
    }),
    nodeRedisClass('ConnectionTimeoutError', 503, async () => {
      // TLS to a server that never answers the hello: the connect never completes.
      const url = `rediss://127.0.0.1:${await serverPort()}`
      const client = await nodeRedis({
        url,
        socket: { tls: true, connectTimeout: 50, reconnectStrategy: false },
      })
      return rejectionOf(() => client.connect())
    }),
    nodeRedisClass('DisconnectsClientError', 503, async () => {
      const client = await nodeRedis()
      await client.connect()
      const pending = client.get('hang')
      client.destroy()
      return rejectionOf(() => pending)
    }),
    nodeRedisClass('RootNodesUnavailableError', 503, async () => {
      const url = `redis://127.0.0.1:${await refusedPort()}`
      const cluster = createCluster({
        rootNodes: [{ url }],
        defaults: { socket: { reconnectStrategy: false } },
      })
      cluster.on('error', () => {})
      return rejectionOf(() => cluster.connect())
    }),
    nodeRedisClass('ReconnectStrategyError', 503, async () => {
      const url = `redis://127.0.0.1:${await refusedPort()}`
      const client = await nodeRedis({
        url,
        socket: { reconnectStrategy: () => new Error('Gave up reconnecting') },
      })
      return rejectionOf(() => client.connect())
    }),
    nodeRedisClass('TimeoutError', 504, async () => {
      // The command's timeout covers its wait to be written: here the client is still connecting.
      const url = `redis://127.0.0.1:${await refusedPort()}`
      const client = await nodeRedis({ url, socket: { reconnectStrategy: () => 1000 } })
      client.connect().catch(() => {})
      return rejectionOf(() => client.withCommandOptions({ timeout: 50 }).get('x'))
    }),
    nodeRedisClass('SocketTimeoutError', 504, async () => {
      const client = await nodeRedis({ socket: { socketTimeout: 50, reconnectStrategy: false } })
      await client.connect()
      return rejectionOf(() => client.get('hang'))
    }),
    // Both need a server's maintenance push notifications (Redis Enterprise): built with node-redis' own classes.
    nodeRedisClass(
      'SocketTimeoutDuringMaintenanceError',
      504,
      () => new SocketTimeoutDuringMaintenanceError(50),
    ),
    nodeRedisClass(
      'CommandTimeoutDuringMaintenanceError',
      504,
      () => new CommandTimeoutDuringMaintenanceError(50),
    ),
    nodeRedisClass('WatchError', 409, async () => {
      const client = await nodeRedis()
      await client.connect()
      await client.watch('key')
      return rejectionOf(() => client.multi().set('key', 'v').exec())
    }),
    {
      error: "`Error('Connection is closed.')`",
      make: async () => {
        const client = await ioredis()
        await client.quit()
        return rejectionOf(() => client.get('x'))
      },
      rule: 'redis:connection-closed',
      status: 503,
      retryable: true,
    },
    {
      error: "`Error('Stream isn't writeable and enableOfflineQueue options is false')`",
      make: async () =>
        rejectionOf(async () => (await ioredis({ lazyConnect: true, enableOfflineQueue: false })).get('x')),
      rule: 'redis:offline',
      status: 503,
      retryable: true,
    },
    {
      error: "`Error('Cluster isn't ready and enableOfflineQueue options is false')`",
      make: async () =>
        rejectionOf(async () => ioredisCluster(await refusedPort(), { enableOfflineQueue: false }).get('x')),
      rule: 'redis:offline',
      status: 503,
      retryable: true,
    },
    {
      error: "`Error('None of startup nodes is available')`",
      make: async () => rejectionOf(async () => ioredisCluster(await refusedPort()).get('x')),
      rule: 'redis:cluster-unavailable',
      status: 503,
      retryable: true,
    },
    {
      error: "`Error('Cluster is ended.')`",
      // A command waiting to retry after CLUSTERDOWN when the app disconnects the cluster.
      make: async () => {
        const cluster = ioredisCluster(await serverPort(), { retryDelayOnClusterDown: 100 })
        const pending = cluster.get('clusterdown')
        setTimeout(() => cluster.disconnect(), 50)
        return rejectionOf(() => pending)
      },
      rule: 'redis:cluster-unavailable',
      status: 503,
      retryable: true,
    },
    {
      error: "`Error('Command timed out')`",
      make: async () => rejectionOf(async () => (await ioredis({ commandTimeout: 50 })).get('hang')),
      rule: 'redis:command-timeout',
      status: 504,
      retryable: true,
    },
    renamedNodeRedis('Socket closed unexpectedly', 'redis:SocketClosedUnexpectedlyError'),
    renamedNodeRedis('The client is closed', 'redis:ClientClosedError'),
    renamedNodeRedis('The client is offline', 'redis:ClientOfflineError'),
    renamedNodeRedis('All the root nodes are unavailable', 'redis:RootNodesUnavailableError'),
    {
      error: 'ioredis `socketTimeout` (`Socket timeout. …`)',
      // The client reports it as an `error` event; the waiting command gets "Connection is closed.".
      make: async () => {
        const client = await ioredis({ socketTimeout: 50, retryStrategy: () => null })
        client.get('hang').catch(() => {})
        return firstError(client)
      },
      rule: 'redis:socket-timeout',
      status: 504,
      retryable: true,
    },
    {
      error: 'ioredis connect `ETIMEDOUT`',
      // TLS to a server that never answers the hello: the client reports it as an `error` event.
      make: async () => firstError(await ioredis({ tls: {}, connectTimeout: 50, retryStrategy: () => null })),
      rule: 'redis:connect-timeout',
      status: 503,
      retryable: true,
    },
  ],
  async () => {
    for (const release of opened.splice(0)) release()
    for (const socket of sockets) socket.destroy()
    if (started) server.close()
  },
)

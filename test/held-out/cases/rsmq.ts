import RedisSMQ from 'rsmq'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort } from './support/local.js'
import { respServer } from './support/resp.js'

const library = 'rsmq'

const bulk = (s: string) => `$${Buffer.byteLength(s)}\r\n${s}\r\n`
const array = (items: string[]) => `*${items.length}\r\n${items.join('')}`
const NIL = '$-1\r\n'

/**
 * A scripted Redis for rsmq: SCRIPT LOAD answers a sha, MULTI/EXEC answers the queue attributes
 * (`queue`: vt, delay, maxsize, or null for a queue that does not exist), EVALSHA answers `evalsha`.
 */
function scriptedRedis(queue: [string, string, string] | null, evalsha: string) {
  return respServer(() => (command) => {
    const name = command[0]?.toUpperCase()
    if (name === 'INFO') return bulk('# Server\r\nredis_version:7.2.4\r\n')
    if (name === 'SCRIPT') return bulk('0123456789abcdef0123456789abcdef01234567')
    if (name === 'MULTI') return '+OK\r\n'
    if (name === 'EXEC') {
      const attrs = queue === null ? array([NIL, NIL, NIL]) : array(queue.map(bulk))
      return array([attrs, array([bulk('1765000000'), bulk('123456')])])
    }
    if (name === 'EVALSHA') return evalsha
    if (name === 'QUIT') return '+OK\r\n'
    return '+QUEUED\r\n'
  })
}

const EMPTY = '*0\r\n'

export async function collect(): Promise<HeldOutCase[]> {
  const servers = {
    missing: await scriptedRedis(null, EMPTY),
    small: await scriptedRedis(['30', '0', '1024'], EMPTY),
    oom: await scriptedRedis(
      ['30', '0', '65536'],
      "-OOM command not allowed when used memory > 'maxmemory'.\r\n",
    ),
    loading: await scriptedRedis(['30', '0', '65536'], '-LOADING Redis is loading the dataset in memory\r\n'),
    noauth: await scriptedRedis(['30', '0', '65536'], '-NOAUTH Authentication required.\r\n'),
    busy: await scriptedRedis(
      ['30', '0', '65536'],
      '-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.\r\n',
    ),
  }
  const clients: RedisSMQ[] = []
  const rsmq = (port: number, extra: object = {}) => {
    const c = new RedisSMQ({ host: '127.0.0.1', port, ns: 'app', ...extra } as RedisSMQ.ConstructorOptions)
    ;(c as any).on('error', () => {})
    clients.push(c)
    return c
  }
  const refusedPort = await closedPort()
  try {
    return [
      {
        library,
        what: 'receiveMessage on a queue that was never created (deploy forgot createQueue): "Queue not found" (name queueNotFound)',
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => rsmq(servers.missing.port).receiveMessageAsync({ qname: 'emails' })),
      },
      {
        library,
        what: 'sendMessage of the client\'s 4 KB POST body as-is into a queue with maxsize 1024: "Message too long" (name messageTooLong)',
        why: "size: the client's own body is too large for the queue: 413",
        expect: { status: 413 },
        error: await rejectionOf(() =>
          rsmq(servers.small.port).sendMessageAsync({ qname: 'webhooks', message: 'x'.repeat(4096) }),
        ),
      },
      {
        library,
        what: 'sendMessage with an object instead of a string (our code forgot JSON.stringify): "Message must be a string" (name messageNotString)',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await rejectionOf(() =>
          rsmq(servers.small.port).sendMessageAsync({
            qname: 'webhooks',
            message: { id: 1 } as unknown as string,
          }),
        ),
      },
      {
        library,
        what: 'createQueue at startup with maxsize 100 (our option): "maxsize must be between 1024 and 65536" (name invalidValue)',
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error: await rejectionOf(() =>
          rsmq(servers.small.port).createQueueAsync({ qname: 'audit', maxsize: 100 }),
        ),
      },
      {
        library,
        what: 'sendMessage to qname "orders.v2" from our config: "Invalid qname format" (name invalidFormat)',
        why: 'our misconfiguration (the queue name is ours): 500',
        expect: { status: 500 },
        error: await rejectionOf(() =>
          rsmq(servers.small.port).sendMessageAsync({ qname: 'orders.v2', message: 'hello' }),
        ),
      },
      {
        library,
        what: 'setQueueAttributes with no attribute (our bug): "No attribute was supplied" (name noAttributeSupplied)',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => rsmq(servers.small.port).setQueueAttributesAsync({ qname: 'audit' })),
      },
      {
        library,
        what: 'receiveMessage: Redis answered EVALSHA with "OOM command not allowed when used memory > \'maxmemory\'." (ReplyError)',
        why: 'dependency full / out of memory: 503',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => rsmq(servers.oom.port).receiveMessageAsync({ qname: 'emails' })),
      },
      {
        library,
        what: 'popMessage: Redis answered "LOADING Redis is loading the dataset in memory" (ReplyError)',
        why: 'dependency unavailable (starting up): 503',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => rsmq(servers.loading.port).popMessageAsync({ qname: 'emails' })),
      },
      {
        library,
        what: 'receiveMessage: Redis answered "NOAUTH Authentication required." (we configured no password)',
        why: 'dependency rejected our credentials: 500',
        expect: { status: 500 },
        error: await rejectionOf(() => rsmq(servers.noauth.port).receiveMessageAsync({ qname: 'emails' })),
      },
      {
        library,
        what: 'receiveMessage: Redis answered "BUSY Redis is busy running a script" (ReplyError)',
        why: 'dependency overloaded / busy: 503',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() => rsmq(servers.busy.port).receiveMessageAsync({ qname: 'emails' })),
      },
      {
        library,
        what: 'receiveMessage with Redis on a closed port (retry_strategy gives up): AbortError CONNECTION_BROKEN "Redis connection in broken state: retry aborted.", origin connect ECONNREFUSED',
        why: 'dependency unavailable: refused',
        expect: { status: 503, retryable: true },
        error: await rejectionOf(() =>
          rsmq(refusedPort, { retry_strategy: (o: { error: unknown }) => o.error }).receiveMessageAsync({
            qname: 'emails',
          }),
        ),
      },
    ]
  } finally {
    for (const c of clients) (c as any).redis.end(false)
    await Promise.all(Object.values(servers).map((s) => s.close()))
  }
}

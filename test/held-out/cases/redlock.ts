import { Redis } from 'ioredis'
import Redlock from 'redlock'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, tcpServer } from './support/local.js'

const library = 'redlock'

/** The complete RESP arrays at the start of `buffer` (each a command and its arguments), and the rest. */
function commands(buffer: string): [string[][], string] {
  const found: string[][] = []
  let at = 0
  for (;;) {
    if (buffer[at] !== '*') break
    const end = buffer.indexOf('\r\n', at)
    if (end < 0) break
    const count = Number(buffer.slice(at + 1, end))
    const args: string[] = []
    let next = end + 2
    for (let i = 0; i < count; i++) {
      const lengthEnd = buffer.indexOf('\r\n', next)
      if (lengthEnd < 0) break
      const length = Number(buffer.slice(next + 1, lengthEnd))
      if (buffer.length < lengthEnd + 2 + length + 2) break
      args.push(buffer.slice(lengthEnd + 2, lengthEnd + 2 + length))
      next = lengthEnd + 2 + length + 2
    }
    if (args.length < count) break
    found.push(args)
    at = next
  }
  return [found, buffer.slice(at)]
}

// redlock 4 (the Redlock algorithm over ioredis clients), against a scripted Redis on 127.0.0.1:
// the lock script (EVALSHA with 1 key and 2 args) answers `lockReply`, the unlock script (1 key,
// 1 arg) answers `unlockReply`, anything else +OK. Redlock's own error is `LockError` (a
// util.inherits subclass of Error, `attempts` where it retried).
export const collect: Collect = async () => {
  let lockReply = ':0'
  const unlockReply = ':0'
  const server = await tcpServer((socket) => {
    let pending = ''
    socket.on('data', (chunk) => {
      const [found, rest] = commands(pending + chunk.toString('latin1'))
      pending = rest
      for (const command of found) {
        const name = command[0]?.toUpperCase()
        if (name === 'EVALSHA' || name === 'EVAL')
          socket.write(`${command.length === 6 ? lockReply : unlockReply}\r\n`)
        else socket.write('+OK\r\n')
      }
    })
  })
  // @types/redlock describes node_redis's callback-style eval(args[], cb); ioredis 6 accepts that at
  // run time (redlock 4 calls it so) but its own types differ, hence the casts below.
  const options = { enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null }
  const redis = new Redis({ host: '127.0.0.1', port: server.port, ...options })
  const redlock = new Redlock([redis as unknown as Redlock.CompatibleRedisClient], {
    retryCount: 2,
    retryDelay: 10,
    retryJitter: 0,
  })
  redlock.on('clientError', () => {})
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'lock("orders:1") while another process holds it (the script answers 0 on every try): LockError "Exceeded 2 attempts to lock the resource …", attempts 3',
      why: 'contention that a retry fixes: lock not available, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => redlock.lock('orders:1', 1000)),
    })
    lockReply = ':1'
    const held = await redlock.lock('orders:1', 1000)
    cases.push({
      library,
      what: 'unlock() after the key expired or was taken over (the unlock script answers 0): LockError "Unable to fully release the lock on resource …"',
      why: 'everything else: our critical section outlived its lock TTL (our timing/config), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => held.unlock()),
    })
    const short = await redlock.lock('orders:2', 30)
    await new Promise((resolve) => setTimeout(resolve, 50))
    cases.push({
      library,
      what: 'extend() of a lock whose 30 ms TTL has passed: LockError "Cannot extend lock on resource … because the lock has already expired.", attempts 0',
      why: 'everything else: our critical section outlived its lock TTL (our timing/config), 500',
      expect: { status: 500 },
      error: await rejectionOf(() => short.extend(1000)),
    })
  } finally {
    redis.disconnect()
    await server.close()
  }
  const dead = new Redis({
    host: '127.0.0.1',
    port: await closedPort(),
    enableOfflineQueue: false,
    ...options,
  })
  dead.on('error', () => {})
  const unreachable = new Redlock([dead as unknown as Redlock.CompatibleRedisClient], {
    retryCount: 1,
    retryDelay: 10,
    retryJitter: 0,
  })
  unreachable.on('clientError', () => {})
  try {
    cases.push({
      library,
      what: 'lock() when the only Redis refuses connections (every vote fails): LockError "Exceeded 1 attempts to lock the resource …", attempts 2',
      why: 'dependency unavailable: refused connection, no quorum, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => unreachable.lock('orders:3', 1000)),
    })
  } finally {
    dead.disconnect()
  }
  return cases
}

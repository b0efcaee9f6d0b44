import { createRequire } from 'node:module'
import { connect } from 'node:net'
import type { HeldOutCase } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

const library = 'better-queue'
const Queue = createRequire(import.meta.url)('better-queue') as any

/** What a task's ticket failed with (the queue reports failures through the push callback). */
function failureOf(queue: any, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    queue.push(input, (error: unknown) => {
      if (error === null || error === undefined) reject(new Error('expected the task to fail'))
      else resolve(error)
    })
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
  const slow = await hangingServer()
  const refusedPort = await closedPort()
  const sockets = new Set<import('node:net').Socket>()
  const queues: any[] = []
  const queue = (opts: object) => {
    const q = new Queue(opts)
    queues.push(q)
    return q
  }
  // The task calls the hanging dependency and waits for its answer, which never comes.
  const callSlowDependency = (_task: unknown, cb: (err: unknown, result?: unknown) => void) => {
    const socket = connect(slow.port, '127.0.0.1')
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('data', () => cb(null, 'ok'))
  }
  // A store whose backing database is down: connect fails with ECONNREFUSED.
  const downStore = {
    connect(cb: (err: unknown, len?: number) => void) {
      const socket = connect(refusedPort, '127.0.0.1')
      socket.on('error', (err) => cb(err))
    },
    getTask() {},
    putTask() {},
    takeFirstN() {},
    takeLastN() {},
    deleteTask() {},
    getLock() {},
    getRunningTasks() {},
    releaseLock() {},
  }
  const storeError = new Promise<unknown>((resolve) => {
    const q = queue({
      process: callSlowDependency,
      store: downStore,
      storeMaxRetries: 2,
      storeRetryTimeout: 20,
    })
    q.on('error', resolve)
  })
  try {
    return [
      {
        library,
        what: 'task calling a dependency that never answers, maxTimeout 200 ms: ticket failed with the string "task_timeout"',
        why: 'dependency too slow: our task timeout',
        expect: { status: 504, retryable: true },
        error: await failureOf(queue({ process: callSlowDependency, maxTimeout: 200 }), { id: 'a', to: 'x' }),
      },
      {
        library,
        what: 'batch of tasks (batchSize 3) calling a dependency that never answers, maxTimeout 200 ms, 1 retry: "task_timeout"',
        why: 'dependency too slow: our task timeout',
        expect: { status: 504, retryable: true },
        error: await failureOf(
          queue({ process: callSlowDependency, batchSize: 3, maxTimeout: 200, maxRetries: 2 }),
          { id: 'b' },
        ),
      },
      {
        library,
        what: 'queue store whose database refuses connections (ECONNREFUSED) after 2 tries: queue emitted Error "failed_connect_to_store"',
        why: 'dependency unavailable: the queue store is down (ambiguous: bare message)',
        expect: { status: 503, retryable: true },
        error: await storeError,
      },
      {
        library,
        what: 'our id function failed for a task: ticket failed with the string "id_error"',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: await failureOf(
          queue({
            process: (_t: unknown, cb: (e: unknown) => void) => cb(null),
            id: (_task: unknown, cb: (err: unknown) => void) => cb(new Error('no key')),
          }),
          { to: 'x' },
        ),
      },
      {
        library,
        what: 'the client\'s task input failed our queue filter (missing "to"): ticket failed with the string "input_rejected"',
        why: 'client input rejected by our validation: 422 (ambiguous: bare string, could be read as 400)',
        expect: { status: 422 },
        error: await failureOf(
          queue({
            process: (_t: unknown, cb: (e: unknown) => void) => cb(null),
            filter: (input: any, cb: (err: unknown, task?: unknown) => void) =>
              typeof input.to === 'string' ? cb(null, input) : cb(new Error('to required')),
          }),
          { subject: 'hi' },
        ),
      },
      {
        library,
        what: 'new Queue({}) without a process function (our bug): Error "Queue has no process function."',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: thrownBy(() => new Queue({})),
      },
      {
        library,
        what: 'new Queue with store "redis" (better-queue-redis not installed): Error "Attempting to require better-queue-redis, but failed."',
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error: thrownBy(() => new Queue({ process: () => {}, store: 'redis' })),
      },
      {
        library,
        what: 'new Queue with a store object missing its methods (our bug): Error "unknown_store"',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: thrownBy(() => new Queue({ process: () => {}, store: { host: 'db' } })),
      },
    ]
  } finally {
    for (const q of queues) q.destroy()
    for (const s of sockets) s.destroy()
    await slow.close()
  }
}

import { Tinypool } from 'tinypool'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { caseAdder } from './support/http-matrix.js'

const library = 'tinypool'
const filename = new URL('./support/tinypool-worker.mjs', import.meta.url).href

// A worker pool used as a bulkhead for CPU-heavy work in request handlers (one thread, a bounded
// queue), and what its rejections look like.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const pools: Tinypool[] = []
  const pool = (options: ConstructorParameters<typeof Tinypool>[0]) => {
    const made = new Tinypool({ minThreads: 1, maxThreads: 1, ...options })
    pools.push(made)
    return made
  }
  try {
    const bounded = pool({ filename, maxQueue: 1 })
    const busy = bounded.run({ kind: 'sleep', ms: 300 })
    const queued = bounded.run({ kind: 'sleep', ms: 1 })
    add(
      'third task while the only thread is busy and the queue (maxQueue 1) is full',
      'bulkhead full (pool exhausted): 503',
      { status: 503, retryable: true },
      await rejectionOf(() => bounded.run({ kind: 'sleep', ms: 1 })),
    )
    await Promise.all([busy, queued])
    const unqueued = pool({ filename, maxQueue: 0 })
    const running = unqueued.run({ kind: 'sleep', ms: 300 })
    add(
      'second task while the only thread is busy, on a pool with no queue (maxQueue 0)',
      'bulkhead full (pool exhausted): 503',
      { status: 503, retryable: true },
      await rejectionOf(() => unqueued.run({ kind: 'sleep', ms: 1 })),
    )
    await running
    const controller = new AbortController()
    const task = pool({ filename }).run({ kind: 'sleep', ms: 2_000 }, { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    add(
      "a running task aborted by the server's own AbortController (the work was cancelled)",
      "AbortError from the server's own controller, not a timeout: 500",
      { status: 500 },
      await rejectionOf(() => task),
    )
    add(
      'a task whose code throws inside the worker (a SyntaxError from JSON.parse)',
      'our own bug: 500',
      { status: 500 },
      await rejectionOf(() => pool({ filename }).run({ kind: 'crash' })),
    )
    const closing = pool({ filename })
    const cut = closing.run({ kind: 'sleep', ms: 2_000 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const destroyed = closing.destroy()
    add(
      'a running task when the pool is destroyed (graceful shutdown of our server)',
      'our own shutdown, no policy row: 500',
      { status: 500 },
      await rejectionOf(() => cut),
    )
    await destroyed
    add(
      'run() with no filename on a pool created without one',
      'our misconfiguration: 500',
      { status: 500 },
      await rejectionOf(() => pool({}).run({ kind: 'sleep' })),
    )
    let rangeError: unknown
    try {
      pool({ filename, minThreads: 4, maxThreads: 2 })
    } catch (error) {
      rangeError = error
    }
    add(
      'a pool configured with minThreads 4 and maxThreads 2',
      'our misconfiguration: 500',
      { status: 500 },
      rangeError,
    )
  } finally {
    await Promise.all(pools.map((made) => made.destroy()))
  }
  return cases
}

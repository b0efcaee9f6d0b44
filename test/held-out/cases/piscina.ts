import { Piscina } from 'piscina'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'piscina'

export const collect: Collect = async () => {
  // A worker that takes `ms` milliseconds per task: a file that stays, since the pool starts a new
  // thread (which loads it) after an aborted task's thread is ended, even while it is destroyed.
  const pool = new Piscina({
    filename: new URL('./support/sleep-worker.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: 1,
    maxQueue: 1,
  })
  const cases: HeldOutCase[] = []
  try {
    // One task runs, one waits in the queue: the third is rejected at once.
    const running = pool.run(300)
    const queued = pool.run(300)
    cases.push({
      library,
      what: 'a task submitted while the one thread is busy and the queue (maxQueue 1) is full: "Task queue is at limit"',
      why: 'dependency unavailable: pool exhausted, 503',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => pool.run(10)),
    })
    await Promise.all([running, queued])

    cases.push({
      library,
      what: "a task aborted by the server's own AbortSignal.timeout(100) while it ran (AbortError, reason TimeoutError)",
      why: "dependency too slow: the server's own controller aborted with a TimeoutError, 504",
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => pool.run(1000, { signal: AbortSignal.timeout(100) })),
    })
    return cases
  } finally {
    await pool.destroy()
  }
}

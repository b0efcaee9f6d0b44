import AsyncLock from 'async-lock'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'async-lock'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// async-lock: in-process keyed locks. Its own errors are plain `Error`s with a message only.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const lock = new AsyncLock({ timeout: 40, maxPending: 1 })
  // One request holds the lock on account 42 for 120 ms, a second one waits in the queue.
  const holder = lock.acquire('account:42', () => sleep(120))
  const waiter = lock.acquire('account:42', () => 'done')
  cases.push({
    library,
    what: 'third request on a lock whose queue is full (maxPending 1): Error "Too many pending tasks in queue account:42"',
    why: 'dependency unavailable: the lock queue is full, like pool exhausted, 503 retryable',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => lock.acquire('account:42', () => 'done')),
  })
  cases.push({
    library,
    what: 'request that waited 40 ms for the lock another request holds: Error "async-lock timed out in queue account:42"',
    why: 'contention that a retry fixes: lock wait timeout (like mysql 1205), 503 retryable',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => waiter),
  })
  await holder

  const occupied = new AsyncLock({ maxOccupationTime: 40 })
  const slowOccupied = occupied.acquire('report', () => sleep(80))
  cases.push({
    library,
    what: 'critical section that ran past maxOccupationTime 40 ms: Error "Maximum occupation time is exceeded in queue report"',
    why: 'dependency too slow: our own deadline on the locked operation expired, 504',
    expect: { status: 504 },
    error: await rejectionOf(() => slowOccupied),
  })
  const executing = new AsyncLock({ maxExecutionTime: 40 })
  const slowExecuting = executing.acquire('export', () => sleep(80))
  cases.push({
    library,
    what: 'critical section that ran past maxExecutionTime 40 ms: Error "Maximum execution time is exceeded export"',
    why: 'dependency too slow: our own deadline on the locked operation expired, 504',
    expect: { status: 504 },
    error: await rejectionOf(() => slowExecuting),
  })
  // The timed-out functions keep running: let them finish so that no timer is left.
  await sleep(60)
  return cases
}

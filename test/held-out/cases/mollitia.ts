import { setTimeout as sleep } from 'node:timers/promises'
import { BreakerState, Bulkhead, Circuit, Ratelimit, SlidingCountBreaker, Timeout } from 'mollitia'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'mollitia'

// Mollitia circuits around a call to a dependency (here an async function that takes `ms`).
export const collect: Collect = async () => {
  const call = async (ms: number) => {
    await sleep(ms)
    return 'ok'
  }
  const fail = async () => {
    throw new Error('ECONNRESET from the inventory service')
  }
  const cases: HeldOutCase[] = []

  const timed = new Circuit({ func: call, options: { modules: [new Timeout({ delay: 50 })] } })
  cases.push({
    library,
    what: 'a call through Timeout({ delay: 50 }) took 300 ms: TimeoutError',
    why: 'dependency too slow: breaker / p-timeout style timeout, 504',
    expect: { status: 504, retryable: true },
    error: await rejectionOf(() => timed.execute(300)),
  })

  const breaker = new SlidingCountBreaker({
    slidingWindowSize: 2,
    minimumNumberOfCalls: 2,
    failureRateThreshold: 50,
    openStateDelay: 60_000,
  })
  const guarded = new Circuit({ func: fail, options: { modules: [breaker] } })
  await guarded.execute().catch(() => {})
  await guarded.execute().catch(() => {})
  cases.push({
    library,
    what: 'SlidingCountBreaker opened after 2 failures out of 2: the next call is refused (BreakerError)',
    why: 'dependency unavailable: circuit breaker open, 503',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => guarded.execute()),
  })
  breaker.dispose()

  const halfOpen = new SlidingCountBreaker({
    state: BreakerState.HALF_OPENED,
    permittedNumberOfCallsInHalfOpenState: 1,
    halfOpenStateMaxDelay: 0,
  })
  const probing = new Circuit({ func: call, options: { modules: [halfOpen] } })
  const probe = probing.execute(100)
  await sleep(10) // the trial call has taken its slot
  cases.push({
    library,
    what: 'a second call while the half-open breaker lets 1 trial call through: BreakerMaxAllowedRequestError',
    why: 'dependency unavailable: circuit breaker (half-open) refuses the call, 503',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => probing.execute(1)),
  })
  await probe
  halfOpen.dispose()

  const bulkhead = new Bulkhead({ concurrentSize: 1, queueSize: 0 })
  const limited = new Circuit({ func: call, options: { modules: [bulkhead] } })
  const busy = limited.execute(100)
  await sleep(10)
  cases.push({
    library,
    what: 'a second call into a Bulkhead of concurrentSize 1 and queueSize 0: BulkheadOverloadError',
    why: 'dependency unavailable: pool exhausted, 503',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => limited.execute(1)),
  })
  await busy

  const queued = new Bulkhead({ concurrentSize: 1, queueSize: 1, maxQueueWait: 50 })
  const waiting = new Circuit({ func: call, options: { modules: [queued] } })
  const holding = waiting.execute(200)
  await sleep(10)
  cases.push({
    library,
    what: 'a call waited 50 ms (maxQueueWait) in a full Bulkhead queue: BulkheadQueueWaitError',
    why: 'contention that a retry fixes (like a lock wait timeout): 503',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() => waiting.execute(1)),
  })
  await holding

  const ratelimit = new Ratelimit({ limitForPeriod: 1, limitPeriod: 30_000 })
  const throttled = new Circuit({ func: call, options: { modules: [ratelimit] } })
  await throttled.execute(1)
  cases.push({
    library,
    what: 'a second call within 30 s through Ratelimit({ limitForPeriod: 1 }): RatelimitError (remainingTimeInRatelimit in ms)',
    why: 'rate limiter rejection: 429 (Retry-After ~30 s, its value not pinned)',
    expect: { status: 429, retryable: true },
    error: await rejectionOf(() => throttled.execute(1)),
  })
  return cases
}

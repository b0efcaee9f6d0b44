import rateLimit from '@fastify/rate-limit'
import Bottleneck from 'bottleneck'
import { bulkhead, ConsecutiveBreaker, circuitBreaker, handleAll, TimeoutStrategy, timeout } from 'cockatiel'
import Fastify from 'fastify'
import CircuitBreaker from 'opossum'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { rejectionOf } from '../support/caught.js'
import { catalog } from './example.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** An opossum breaker that opens on its first failure. */
function fragileBreaker(
  action: () => Promise<unknown>,
  options: CircuitBreaker.Options = {},
): CircuitBreaker {
  return new CircuitBreaker(action, {
    errorThresholdPercentage: 1,
    volumeThreshold: 1,
    resetTimeout: 10_000,
    ...options,
  })
}

/** A cockatiel breaker that opens on its first failure, opened. */
async function brokenCockatielCircuit() {
  const breaker = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(1) })
  await rejectionOf(() =>
    breaker.execute(() => {
      throw new Error('upstream failed')
    }),
  )
  return breaker
}

export default catalog('resilience', [
  {
    error: 'opossum `EOPENBREAKER`',
    make: async () => {
      const breaker = fragileBreaker(async () => {
        throw new Error('upstream failed')
      })
      await rejectionOf(() => breaker.fire())
      const open = await rejectionOf(() => breaker.fire())
      breaker.shutdown()
      return open
    },
    rule: 'resilience:opossum:EOPENBREAKER',
    status: 503,
    retryable: true,
  },
  {
    error: 'opossum `ESEMLOCKED`',
    make: async () => {
      const breaker = new CircuitBreaker(() => sleep(20), { capacity: 1 })
      const running = breaker.fire()
      const locked = await rejectionOf(() => breaker.fire())
      await running
      breaker.shutdown()
      return locked
    },
    rule: 'resilience:opossum:ESEMLOCKED',
    status: 503,
    retryable: true,
  },
  {
    error: 'opossum `ESHUTDOWN`',
    make: () => {
      const breaker = new CircuitBreaker(async () => 'ok')
      breaker.shutdown()
      return rejectionOf(() => breaker.fire())
    },
    rule: 'resilience:opossum:ESHUTDOWN',
    status: 503,
    retryable: true,
  },
  {
    error: 'opossum "Timed out after …ms" (`ETIMEDOUT`)',
    make: async () => {
      const breaker = new CircuitBreaker(() => sleep(100), { timeout: 10 })
      const timedOut = await rejectionOf(() => breaker.fire())
      breaker.shutdown()
      return timedOut
    },
    rule: 'resilience:opossum:timeout',
    status: 504,
    retryable: true,
  },
  {
    error: 'cockatiel error with `isBrokenCircuitError`',
    make: async () => {
      const breaker = await brokenCockatielCircuit()
      return rejectionOf(() => breaker.execute(() => 'ok'))
    },
    rule: 'resilience:cockatiel:circuit-open',
    status: 503,
    retryable: true,
  },
  {
    // A breaker restored from a saved open state reports a HydratingCircuitError as its last failure.
    error: 'cockatiel error with `isHydratingCircuitError`',
    make: async () => {
      const saved = (await brokenCockatielCircuit()).toJSON()
      const restored = circuitBreaker(handleAll, {
        halfOpenAfter: 10_000,
        breaker: new ConsecutiveBreaker(1),
        initialState: saved,
      })
      return restored.lastFailure && 'error' in restored.lastFailure ? restored.lastFailure.error : undefined
    },
    rule: 'resilience:cockatiel:circuit-open',
    status: 503,
    retryable: true,
  },
  {
    error: 'cockatiel error with `isBulkheadRejectedError`',
    make: async () => {
      const policy = bulkhead(1, 0)
      const running = policy.execute(() => sleep(20))
      const rejected = await rejectionOf(() => policy.execute(() => 'ok'))
      await running
      return rejected
    },
    rule: 'resilience:cockatiel:bulkhead',
    status: 503,
    retryable: true,
  },
  {
    error: 'cockatiel `TaskCancelledError` "Operation timed out after …"',
    make: () => rejectionOf(() => timeout(10, TimeoutStrategy.Aggressive).execute(() => sleep(100))),
    rule: 'resilience:cockatiel:timeout',
    status: 504,
    retryable: true,
  },
  {
    // A call queued in a bulkhead, then cancelled by the caller.
    error: "cockatiel `TaskCancelledError`, cancelled by the caller's signal",
    make: async () => {
      const controller = new AbortController()
      const policy = bulkhead(1, 1)
      const running = policy.execute(() => sleep(20))
      const queued = policy.execute(() => 'ok', controller.signal)
      controller.abort()
      const cancelled = await rejectionOf(() => queued)
      await running
      return cancelled
    },
    rule: 'resilience:cockatiel:cancelled',
    status: 499,
    retryable: false,
  },
  {
    error: 'bottleneck `BottleneckError` /^This job has been dropped by Bottleneck$/',
    make: async () => {
      const limiter = new Bottleneck({
        maxConcurrent: 1,
        highWater: 0,
        strategy: Bottleneck.strategy.OVERFLOW,
      })
      const running = limiter.schedule(() => sleep(20))
      const dropped = await rejectionOf(() => limiter.schedule(() => sleep(1)))
      await running
      await limiter.stop()
      return dropped
    },
    rule: 'resilience:bottleneck:dropped',
    status: 503,
    retryable: true,
  },
  {
    error: 'bottleneck `BottleneckError` /^This job timed out after \\d+ ms\\.$/',
    make: async () => {
      const limiter = new Bottleneck()
      const expired = await rejectionOf(() => limiter.schedule({ expiration: 10 }, () => sleep(100)))
      await limiter.stop()
      return expired
    },
    rule: 'resilience:bottleneck:timeout',
    status: 504,
    retryable: true,
  },
  {
    error: 'bottleneck `BottleneckError` /^This limiter has been stopped/',
    make: async () => {
      const limiter = new Bottleneck()
      await limiter.stop()
      return rejectionOf(() => limiter.schedule(() => sleep(1)))
    },
    rule: 'resilience:bottleneck:stopped',
    status: 503,
    retryable: true,
  },
  {
    // Two jobs scheduled with the same id: "A job with the same id already exists (id=…)".
    error: 'bottleneck `BottleneckError`, any other message',
    make: async () => {
      const limiter = new Bottleneck({ maxConcurrent: 1 })
      const running = limiter.schedule({ id: 'invoice-42' }, () => sleep(10))
      const duplicate = await rejectionOf(() => limiter.schedule({ id: 'invoice-42' }, () => sleep(1)))
      await running
      await limiter.stop()
      return duplicate
    },
    rule: 'resilience:bottleneck',
    status: 500,
    retryable: false,
  },
  {
    error: 'rate-limiter-flexible `RateLimiterRes` (rejected, not an Error)',
    make: async () => {
      const limiter = new RateLimiterMemory({ points: 1, duration: 30 })
      await limiter.consume('client-1')
      return rejectionOf(() => limiter.consume('client-1'))
    },
    rule: 'resilience:rate-limiter-flexible',
    status: 429,
    retryable: true,
    headers: ['retry-after'],
  },
  {
    // The error the plugin hands to the app's error handler on the second request in the window.
    error: '@fastify/rate-limit "Rate limit exceeded, retry in …" (`statusCode: 429`)',
    make: async () => {
      let caught: unknown
      const app = Fastify()
      await app.register(rateLimit, { max: 1, timeWindow: '30 seconds' })
      app.get('/', async () => 'ok')
      app.setErrorHandler((error, _request, reply) => {
        caught = error
        return reply.code(429).send()
      })
      await app.inject('/')
      await app.inject('/')
      await app.close()
      return caught
    },
    rule: 'resilience:fastify-rate-limit',
    status: 429,
    retryable: true,
    headers: ['retry-after'],
  },
])

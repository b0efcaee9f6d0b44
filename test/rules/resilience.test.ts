import rateLimit from '@fastify/rate-limit'
import Bottleneck from 'bottleneck'
import { bulkhead, ConsecutiveBreaker, circuitBreaker, handleAll, TimeoutStrategy, timeout } from 'cockatiel'
import Fastify from 'fastify'
import CircuitBreaker from 'opossum'
import pTimeout from 'p-timeout'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call
  } catch (error) {
    return error
  }
  throw new Error('expected the call to be rejected')
}

describe('opossum', () => {
  it('answers its timeout with 504 and the open breaker that follows with 503', async () => {
    const breaker = new CircuitBreaker(() => sleep(200), {
      timeout: 30,
      errorThresholdPercentage: 1,
      volumeThreshold: 1,
      resetTimeout: 10_000,
    })
    const timedOut = await rejection(breaker.fire())
    expect(timedOut).toMatchObject({ code: 'ETIMEDOUT' })
    expect(classify(timedOut)).toMatchObject({ status: 504, rule: 'resilience:opossum:timeout' })
    const open = await rejection(breaker.fire())
    expect(open).toMatchObject({ code: 'EOPENBREAKER' })
    expect(classify(open)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryable: true })
    breaker.shutdown()
    const shutDown = await rejection(breaker.fire())
    expect(classify(shutDown)).toMatchObject({ status: 503, rule: 'resilience:opossum:ESHUTDOWN' })
  })

  it('answers a full semaphore with 503', async () => {
    const breaker = new CircuitBreaker(() => sleep(30), { capacity: 1 })
    const running = breaker.fire()
    const locked = await rejection(breaker.fire())
    await running
    breaker.shutdown()
    expect(classify(locked)).toMatchObject({ status: 503, rule: 'resilience:opossum:ESEMLOCKED' })
  })

  it('lets the action’s own error through to its own rule', async () => {
    const breaker = new CircuitBreaker(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
    })
    const c = classify(await rejection(breaker.fire()))
    breaker.shutdown()
    expect(c).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
  })
})

describe('cockatiel', () => {
  it('answers a broken and an isolated circuit with 503', async () => {
    const breaker = circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(1) })
    await rejection(
      breaker.execute(() => {
        throw new Error('upstream failed')
      }),
    )
    const broken = await rejection(breaker.execute(() => 1))
    expect(broken).toMatchObject({ name: 'Error', isBrokenCircuitError: true })
    expect(classify(broken)).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'resilience:cockatiel:circuit-open',
    })
    const isolation = breaker.isolate()
    const isolated = await rejection(breaker.execute(() => 1))
    isolation.dispose()
    expect(classify(isolated).status).toBe(503)
  })

  it('answers a full bulkhead with 503', async () => {
    const policy = bulkhead(1, 0)
    const running = policy.execute(() => sleep(30))
    const rejected = await rejection(policy.execute(() => 1))
    await running
    expect(classify(rejected)).toMatchObject({ status: 503, rule: 'resilience:cockatiel:bulkhead' })
  })

  it('answers its timeout with 504 and a caller’s cancellation with 499', async () => {
    const timedOut = await rejection(timeout(30, TimeoutStrategy.Aggressive).execute(() => sleep(200)))
    expect(classify(timedOut)).toMatchObject({ status: 504, rule: 'resilience:cockatiel:timeout' })
    const controller = new AbortController()
    const policy = bulkhead(1, 1)
    const running = policy.execute(() => sleep(50))
    const queued = policy.execute(() => 1, controller.signal)
    controller.abort()
    const cancelled = await rejection(queued)
    await running
    expect(cancelled).toMatchObject({ isTaskCancelledError: true })
    expect(classify(cancelled)).toMatchObject({ status: 499, rule: 'resilience:cockatiel:cancelled' })
  })
})

describe('bottleneck', () => {
  it('answers a dropped job with 503 and an expired job with 504', async () => {
    const limiter = new Bottleneck({ maxConcurrent: 1, highWater: 0, strategy: Bottleneck.strategy.OVERFLOW })
    const running = limiter.schedule(() => sleep(30))
    const dropped = await rejection(limiter.schedule(() => sleep(1)))
    await running
    expect(dropped).toMatchObject({ name: 'Error', message: 'This job has been dropped by Bottleneck' })
    expect(classify(dropped)).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'resilience:bottleneck:dropped',
    })

    const expiring = new Bottleneck()
    const expired = await rejection(expiring.schedule({ expiration: 30 }, () => sleep(200)))
    expect(classify(expired)).toMatchObject({ status: 504, rule: 'resilience:bottleneck:timeout' })
    await Promise.all([limiter.stop(), expiring.stop()])
  })

  it('answers a job sent to a stopped limiter with 503', async () => {
    const limiter = new Bottleneck()
    await limiter.stop()
    const c = classify(await rejection(limiter.schedule(() => sleep(1))))
    expect(c).toMatchObject({ status: 503, rule: 'resilience:bottleneck:stopped' })
  })
})

describe('p-timeout', () => {
  it('answers its TimeoutError with 504', async () => {
    const error = await rejection(pTimeout(sleep(200), { milliseconds: 30 }))
    expect(error).toMatchObject({ name: 'TimeoutError' })
    expect(classify(error)).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT' })
  })
})

describe('rate-limiter-flexible', () => {
  it('answers its RateLimiterRes rejection (not an Error) with 429 and Retry-After in seconds', async () => {
    const limiter = new RateLimiterMemory({ points: 1, duration: 30 })
    await limiter.consume('client-1')
    const res = await rejection(limiter.consume('client-1'))
    expect(res).not.toBeInstanceOf(Error)
    const c = classify(res)
    expect(c).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      retryable: true,
      retryAfter: 30,
      rule: 'resilience:rate-limiter-flexible',
    })
    expect(c.headers['retry-after']).toBe('30')
  })

  it('rounds a sub-second wait up to one second', () => {
    // The shape of npm:rate-limiter-flexible lib/RateLimiterRes.js, read through its getters.
    const res = { msBeforeNext: 250, remainingPoints: 0, consumedPoints: 6, isFirstInDuration: false }
    expect(classify(res).retryAfter).toBe(1)
  })
})

describe('@fastify/rate-limit', () => {
  async function limitedError(timeWindow: string): Promise<unknown> {
    let caught: unknown
    const app = Fastify()
    await app.register(rateLimit, { max: 1, timeWindow })
    app.get('/', async () => 'ok')
    app.setErrorHandler((error, _request, reply) => {
      caught = error
      return reply.code(429).send()
    })
    await app.inject('/')
    const limited = await app.inject('/')
    await app.close()
    expect(limited.statusCode).toBe(429)
    return caught
  }

  it('answers its default error with 429, its message and Retry-After from it', async () => {
    const error = await limitedError('30 seconds')
    expect(error).toMatchObject({ statusCode: 429, message: 'Rate limit exceeded, retry in 30 seconds' })
    const c = classify(error)
    expect(c).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      expose: true,
      retryAfter: 30,
      rule: 'resilience:fastify-rate-limit',
    })
    expect(c.message).toBe('Rate limit exceeded, retry in 30 seconds')
  })

  it('reads a window in minutes', async () => {
    expect(classify(await limitedError('2 minutes')).retryAfter).toBe(120)
  })
})

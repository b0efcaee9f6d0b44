import { setTimeout as sleep } from 'node:timers/promises'
import { Errors, ServiceBroker } from 'moleculer'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'moleculer'

// One in-process ServiceBroker (no transporter) with the built-in validator, timeout, bulkhead,
// circuit-breaker and call-level middlewares; an HTTP handler would `await broker.call(...)`.
export const collect: Collect = async () => {
  let skipped: unknown
  const broker = new ServiceBroker({
    nodeID: 'node-test',
    logger: false,
    maxCallLevel: 3,
    circuitBreaker: {
      enabled: true,
      threshold: 0.5,
      minRequestCount: 2,
      windowTime: 60,
      halfOpenTime: 60_000,
      check: (err: any) => err?.code >= 500,
    },
  })
  broker.createService({
    name: 'articles',
    actions: {
      get: {
        params: { id: { type: 'number', positive: true, integer: true } },
        handler(ctx: any) {
          throw new Errors.MoleculerClientError(
            `Article ${ctx.params.id} not found`,
            404,
            'ARTICLE_NOT_FOUND',
            {
              id: ctx.params.id,
            },
          )
        },
      },
      slow: {
        bulkhead: { enabled: true, concurrency: 1, maxQueueSize: 1 },
        async handler() {
          await sleep(300)
          return 'late'
        },
      },
      async chain(ctx: any) {
        return ctx.call('articles.chain')
      },
      async nested(ctx: any) {
        await sleep(80)
        // The caller has already had its RequestTimeoutError; this is what the action itself gets.
        skipped = await rejectionOf(() => ctx.call('articles.get', { id: 1 }))
        return 'late'
      },
    },
  })
  broker.createService({
    name: 'payments',
    actions: {
      charge() {
        throw new Errors.MoleculerServerError('Payment provider unreachable', 502, 'PROVIDER_DOWN')
      },
    },
  })
  await broker.start()
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: "broker.call('users.get'): no service registers that action (ServiceNotFoundError)",
      why: "an RPC framework's error read by its own table: code 404 SERVICE_NOT_FOUND",
      expect: { status: 404 },
      error: await rejectionOf(() => broker.call('users.get', { id: 1 })),
    })
    cases.push({
      library,
      what: "broker.call('articles.get', { id: 'abc' }): parameter validation failed (ValidationError)",
      why: 'schema validation of client input: 422',
      expect: { status: 422 },
      error: await rejectionOf(() => broker.call('articles.get', { id: 'abc' })),
    })
    cases.push({
      library,
      what: 'the action threw MoleculerClientError(…, 404, ARTICLE_NOT_FOUND)',
      why: 'an error that carries its status (code 404)',
      expect: { status: 404 },
      error: await rejectionOf(() => broker.call('articles.get', { id: 7 })),
    })
    cases.push({
      library,
      what: "broker.call('articles.slow', {}, { timeout: 50 }): RequestTimeoutError",
      why: 'dependency too slow: the call timed out (code 504)',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => broker.call('articles.slow', {}, { timeout: 50 })),
    })
    await sleep(300)
    cases.push({
      library,
      what: 'inside an action, a nested ctx.call made after the 50 ms distributed timeout budget was spent',
      why: "an RPC framework's error read by its own table: code 514 is in 400–599 and stands",
      expect: { status: 514 },
      error: await (async () => {
        await broker.call('articles.nested', {}, { timeout: 50 }).catch(() => {})
        await sleep(100)
        return skipped
      })(),
    })
    cases.push({
      library,
      what: 'an action that calls itself past maxCallLevel 3: MaxCallLevelError',
      why: 'a programming error in our services (code 500)',
      expect: { status: 500 },
      error: await rejectionOf(() => broker.call('articles.chain')),
    })
    // Bulkhead (concurrency 1, queue 1): a third concurrent call is refused at once.
    const running = [
      broker.call('articles.slow').catch(() => {}),
      broker.call('articles.slow').catch(() => {}),
    ]
    cases.push({
      library,
      what: 'a third concurrent call to a bulkhead of concurrency 1 and queue 1: QueueIsFullError (code 429)',
      why: 'an RPC framework’s error that carries 429 (its queue is full)',
      expect: { status: 429 },
      error: await rejectionOf(() => broker.call('articles.slow')),
    })
    await Promise.all(running)
    // Two failures with code ≥ 500 trip the endpoint's breaker; the next call is rejected.
    await broker.call('payments.charge').catch(() => {})
    await broker.call('payments.charge').catch(() => {})
    cases.push({
      library,
      what: "the circuit breaker of 'payments.charge' opened after two 502 failures: the next call is refused",
      why: 'dependency unavailable: circuit breaker open (although the error carries moleculer’s code 404)',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => broker.call('payments.charge')),
    })
    return cases
  } finally {
    await broker.stop()
  }
}

import circuitBreaker from '@fastify/circuit-breaker'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'
import { closedPort } from './support/local.js'

const library = '@fastify/circuit-breaker'

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  const app = Fastify({ logger: false })
  // Set before the plugin and the routes, so every route has it.
  const errors = keepErrors(app)
  // resetTimeout: the half-open timer is not unref()ed, so a long one would hold the run open.
  await app.register(circuitBreaker, { threshold: 2, timeout: 100, resetTimeout: 1000 })
  app.after(() => {
    // A route whose handler awaits a stock service that refuses: two failures open the circuit.
    app.get('/stock', { preHandler: app.circuitBreaker() }, async () => {
      const res = await fetch(`http://127.0.0.1:${refusedPort}/stock`)
      return res.json()
    })
    // A route whose handler takes longer than the breaker's timeout (100 ms).
    app.get('/report', { preHandler: app.circuitBreaker() }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 150))
      return { ok: true }
    })
  })
  const { errorsOf } = await serveErrors(app, errors)
  const cases: HeldOutCase[] = []
  try {
    // Two failures (the handler's own fetch errors) reach the threshold and open the circuit. The
    // plugin's onSend hook throws FST_ERR_CIRCUIT_BREAKER_OPEN on the second one too, but Fastify does not
    // run the error handler a second time for an error response, so that one is not collected.
    await errorsOf('/stock')
    await errorsOf('/stock')
    const open = await errorsOf('/stock')
    const slow = await errorsOf('/report')
    if (open.length !== 1 || slow.length !== 1)
      throw new Error(`unexpected errors: ${open.length} ${slow.length}`)
    cases.push(
      {
        library,
        what: 'a request while the circuit is open: the preHandler sends FST_ERR_CIRCUIT_BREAKER_OPEN (statusCode 503) without running the route',
        why: 'circuit breaker open: dependency unavailable, 503',
        expect: { status: 503, retryable: true },
        error: open[0],
      },
      {
        library,
        what: 'a handler slower than the breaker\'s timeout of 100 ms: the onSend hook throws FST_ERR_CIRCUIT_BREAKER_TIMEOUT "Timeout" (statusCode 503)',
        why: 'carries a status: 503, the plugin made it for our answer (retryable)',
        expect: { status: 503, retryable: true },
        error: slow[0],
      },
    )
    return cases
  } finally {
    await app.close()
  }
}

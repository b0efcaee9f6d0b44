import underPressure from '@fastify/under-pressure'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'
import { closedPort } from './support/local.js'

const library = '@fastify/under-pressure'

/** A Fastify app whose error handler (set before any plugin, so every route has it) keeps what it gets. */
function errorKeepingApp() {
  const app = Fastify({ logger: false })
  return { app, errors: keepErrors(app) }
}

/** Adds a route, starts `app`, and gives a way to request a path and take the error it caused. */
async function serve({ app, errors }: ReturnType<typeof errorKeepingApp>) {
  app.get('/orders', async () => ({ ok: true }))
  const server = await serveErrors(app, errors)
  return server.rejection
}

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  // 1. An awaited external health check (a dependency's ping) that answers "unhealthy".
  const unhealthy = errorKeepingApp()
  await unhealthy.app.register(underPressure, {
    healthCheck: async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      return false
    },
    healthCheckInterval: 10,
    exposeStatusRoute: '/status',
    retryAfter: 7,
  })
  // 2. A health check that awaits a dependency that refuses: it throws, the plugin reports unhealthy.
  const throwing = errorKeepingApp()
  await throwing.app.register(underPressure, {
    healthCheck: async () => {
      const res = await fetch(`http://127.0.0.1:${refusedPort}/ping`)
      return res.ok
    },
    exposeStatusRoute: '/status',
    retryAfter: 7,
  })
  // 3. A heap limit the process is always over (maxHeapUsedBytes 1), sampled every 10 ms.
  const heap = errorKeepingApp()
  await heap.app.register(underPressure, { maxHeapUsedBytes: 1, sampleInterval: 10, retryAfter: 7 })
  const cases: HeldOutCase[] = []
  try {
    const unhealthyGet = await serve(unhealthy)
    const throwingGet = await serve(throwing)
    const heapGet = await serve(heap)
    await new Promise((resolve) => setTimeout(resolve, 60))
    cases.push(
      {
        library,
        what: 'a route while the awaited healthCheck reports unhealthy (FST_UNDER_PRESSURE "Service Unavailable", statusCode 503; Retry-After set on the reply, not on the error)',
        why: 'carries a status: 503, the server sheds load (retryable)',
        expect: { status: 503, retryable: true },
        error: await unhealthyGet('/orders'),
      },
      {
        library,
        what: 'the exposed /status route while the awaited healthCheck reports unhealthy (FST_UNDER_PRESSURE, statusCode 503)',
        why: 'carries a status: 503 (retryable)',
        expect: { status: 503, retryable: true },
        error: await unhealthyGet('/status'),
      },
      {
        library,
        what: 'the /status route whose healthCheck threw (fetch to a refused port); the plugin logs it and throws its FST_UNDER_PRESSURE 503 instead',
        why: 'carries a status: 503 (retryable)',
        expect: { status: 503, retryable: true },
        error: await throwingGet('/status'),
      },
      {
        library,
        what: 'a route while the heap is over maxHeapUsedBytes (FST_UNDER_PRESSURE, statusCode 503)',
        why: 'carries a status: 503, the server sheds load (retryable)',
        expect: { status: 503, retryable: true },
        error: await heapGet('/orders'),
      },
    )
    return cases
  } finally {
    await unhealthy.app.close()
    await throwing.app.close()
    await heap.app.close()
  }
}

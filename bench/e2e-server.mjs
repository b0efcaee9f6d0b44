// One server for the end-to-end benchmark: a route that throws, answered by the framework's
// default error handler, by a fixed handler that writes the response http-triage writes (same
// status, headers and body size, nothing classified), or by http-triage's adapter. Logging is off.
// Run by e2e.mjs as: node bench/e2e-server.mjs <express|fastify|hono> <default|fixed|http-triage>
const [framework, variant] = process.argv.slice(2)
const triage = variant === 'http-triage'
const fixed = variant === 'fixed'

// What http-triage answers for `new Error('boom')`, with a constant request id.
const FIXED_BODY = JSON.stringify({
  type: 'about:blank',
  title: 'Internal Server Error',
  status: 500,
  detail: 'An unexpected error occurred.',
  code: 'INTERNAL_SERVER_ERROR',
  request_id: '01JD3W9Q0X7M2X4C5V6B7N8M9P',
})
const FIXED_HEADERS = {
  'content-type': 'application/problem+json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-request-id': '01JD3W9Q0X7M2X4C5V6B7N8M9P',
}

// Express's final handler (finalhandler) and Hono's default onError write the error with
// console.error, and neither has an option to stop it: silence it here, for both variants.
console.error = () => {}

const servers = {
  async express() {
    const { default: express } = await import('express')
    const app = express()
    app.set('env', 'production') // finalhandler then sends the status text, not the stack
    app.get('/boom', () => {
      throw new Error('boom')
    })
    if (triage) {
      const { errorHandler } = await import('http-triage/express')
      app.use(errorHandler({ log: false }))
    }
    if (fixed) {
      app.use((_error, _req, res, _next) => {
        res.statusCode = 500
        for (const [name, value] of Object.entries(FIXED_HEADERS)) res.setHeader(name, value)
        res.end(FIXED_BODY)
      })
    }
    return new Promise((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => resolve(server.address().port))
    })
  },

  async fastify() {
    const { default: Fastify } = await import('fastify')
    const app = Fastify({ logger: false })
    app.get('/boom', async () => {
      throw new Error('boom')
    })
    if (triage) {
      const { errorHandler } = await import('http-triage/fastify')
      app.setErrorHandler(errorHandler({ log: false }))
    }
    if (fixed) {
      const bytes = new TextEncoder().encode(FIXED_BODY) // as the adapter sends it
      app.setErrorHandler((_error, _request, reply) => reply.code(500).headers(FIXED_HEADERS).send(bytes))
    }
    await app.listen({ port: 0, host: '127.0.0.1' })
    return app.server.address().port
  },

  async hono() {
    const { Hono } = await import('hono')
    const { serve } = await import('@hono/node-server')
    const app = new Hono()
    app.get('/boom', () => {
      throw new Error('boom')
    })
    if (triage) {
      const { errorHandler } = await import('http-triage/hono')
      app.onError(errorHandler({ log: false }))
    }
    if (fixed) app.onError(() => new Response(FIXED_BODY, { status: 500, headers: FIXED_HEADERS }))
    return new Promise((resolve) => {
      serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
    })
  },
}

const port = await servers[framework]()
// If the benchmark dies, its IPC channel closes: leave with it rather than keep the port open.
process.on('disconnect', () => process.exit(0))
process.on('message', (message) => {
  if (message === 'cpu') process.send({ cpu: process.cpuUsage() })
  if (message === 'exit') process.exit(0)
})
process.send({ port })

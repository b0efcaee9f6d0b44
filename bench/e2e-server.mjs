// One server for the end-to-end benchmark: test/apps' app for the framework, with one route that
// throws, answered by the framework's default error handler (the app built with no adapter), by a
// fixed handler that writes the response http-triage writes (same status, headers and body size,
// nothing classified), or by http-triage's adapter from the built package. Logging is off.
// Run by e2e.mjs as: node bench/e2e-server.mjs <express|fastify|hono> <default|fixed|http-triage>
import { build, fromPackage } from '../test/apps/index.mjs'
import { start } from '../test/apps/serve.mjs'

const [framework, variant] = process.argv.slice(2)
const SERVER = { express: 'express 5', fastify: 'fastify 5', hono: 'hono 4' }[framework]

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

/** Stand-ins for the adapter module: the fixed handler in each framework's shape. */
const FIXED = {
  express: {
    errorHandler: () => (_error, _req, res, _next) => {
      res.statusCode = 500
      for (const [name, value] of Object.entries(FIXED_HEADERS)) res.setHeader(name, value)
      res.end(FIXED_BODY)
    },
  },
  fastify: {
    errorHandler: () => {
      const bytes = new TextEncoder().encode(FIXED_BODY) // as the adapter sends it
      return (_error, _request, reply) => reply.code(500).headers(FIXED_HEADERS).send(bytes)
    },
  },
  hono: {
    errorHandler: () => () => new Response(FIXED_BODY, { status: 500, headers: FIXED_HEADERS }),
  },
}

// Express's final handler (finalhandler) and Hono's default onError write the error with
// console.error, and neither has an option to stop it: silence it here, for every variant.
console.error = () => {}

const routes = [
  {
    method: 'GET',
    path: '/boom',
    run: () => {
      throw new Error('boom')
    },
  },
]
const adapter = { default: {}, fixed: FIXED[framework], 'http-triage': undefined }[variant]
const server = await start(
  await build(SERVER, { load: fromPackage, adapter, routes, options: { log: false } }),
)
// If the benchmark dies, its IPC channel closes: leave with it rather than keep the port open.
process.on('disconnect', () => process.exit(0))
process.on('message', (message) => {
  if (message === 'cpu') process.send({ cpu: process.cpuUsage() })
  if (message === 'exit') process.exit(0)
})
process.send({ url: server.url })

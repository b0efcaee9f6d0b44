// Fastify 4 or 5 (`framework`, default the installed `fastify`) with http-triage/fastify's plugin
// registered first, then the routes. An `adapter` with only `errorHandler` is set with
// setErrorHandler; one with neither leaves Fastify's own handler (the benchmark's baseline).
import fastify5 from 'fastify'
import { BODY_LIMIT } from './routes.mjs'

export async function create({ adapter, routes, options, framework: fastify = fastify5, bodyLimit }) {
  const app = fastify({ bodyLimit: bodyLimit ?? BODY_LIMIT, logger: false })
  if (adapter.httpTriage) await app.register(adapter.httpTriage, options)
  else if (adapter.errorHandler) app.setErrorHandler(adapter.errorHandler(options))
  for (const { method, path, run } of routes) {
    app.route({
      method,
      url: path,
      handler: async (request) => ({ ok: true, value: await run(request.body) }),
    })
  }
  app.get('/after-headers', async (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/plain' })
    reply.raw.write('partial')
    throw new Error('failed mid-response')
  })
  return {
    app,
    async start() {
      await app.listen({ port: 0, host: '127.0.0.1' })
      return { url: `http://127.0.0.1:${app.server.address().port}`, close: () => app.close() }
    },
  }
}

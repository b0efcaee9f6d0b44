import fastifyBearerAuth from '@fastify/bearer-auth'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'
import { closedPort } from './support/local.js'

const library = '@fastify/bearer-auth'

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  const app = Fastify({ logger: false })
  await app.register(fastifyBearerAuth, {
    keys: new Set<string>(),
    // addHook: false hands every failure to the route's hook chain (and so to the error handler).
    addHook: false,
    verifyErrorLogLevel: 'debug',
    // An async key check that awaits a token store before it decides.
    auth: async (key) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      if (key === 'store-down') {
        const res = await fetch(`http://127.0.0.1:${refusedPort}/tokens/${key}`)
        return res.ok
      }
      return key === 'good-token'
    },
  })
  const errors = keepErrors(app)
  app.after(() => {
    app.addHook('onRequest', app.verifyBearerAuth!)
  })
  app.get('/reports', async () => ({ ok: true }))
  const server = await serveErrors(app, errors)
  const rejection = (authorization?: string) =>
    server.rejection('/reports', { headers: authorization === undefined ? {} : { authorization } })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a request without an Authorization header (FST_BEARER_AUTH_MISSING_AUTHORIZATION_HEADER, statusCode 401)',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await rejection(),
      },
      {
        library,
        what: 'an Authorization header of another scheme, "Basic Zm9vOmJhcg==" (FST_BEARER_AUTH_INVALID_AUTHORIZATION_HEADER, statusCode 401)',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await rejection('Basic Zm9vOmJhcg=='),
      },
      {
        library,
        what: 'a bearer token that the async auth function rejects after awaiting (FST_BEARER_AUTH_INVALID_AUTHORIZATION_HEADER, statusCode 401)',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await rejection('Bearer not-a-known-token'),
      },
      {
        library,
        what: 'the async auth function awaited a token store that refused (the raw TypeError fetch failed, cause ECONNREFUSED; the plugin set reply.code(500))',
        why: 'refused / unreachable dependency: 503 (the plugin passes the lookup error through unchanged)',
        expect: { status: 503, retryable: true },
        error: await rejection('Bearer store-down'),
      },
    )
    return cases
  } finally {
    await app.close()
  }
}

import fastifyBasicAuth from '@fastify/basic-auth'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'
import { closedPort } from './support/local.js'

const library = '@fastify/basic-auth'

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  const app = Fastify({ logger: false })
  await app.register(fastifyBasicAuth, {
    authenticate: { realm: 'orders' },
    // An async validate that awaits before it decides, as one that looks the user up would.
    validate: async (user, password) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      if (user === 'lookup') {
        // The user store is down: the lookup's own error reaches the plugin.
        await fetch(`http://127.0.0.1:${refusedPort}/users/${user}`)
      }
      if (user !== 'alice' || password !== 'secret') throw new Error('Unauthorized')
    },
  })
  const errors = keepErrors(app)
  app.after(() => {
    app.addHook('onRequest', app.basicAuth)
  })
  app.get('/orders', async () => ({ ok: true }))
  const server = await serveErrors(app, errors)
  const rejection = (authorization?: string) =>
    server.rejection('/orders', { headers: authorization === undefined ? {} : { authorization } })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a request without an Authorization header (FST_BASIC_AUTH_MISSING_OR_BAD_AUTHORIZATION_HEADER, statusCode 401)',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await rejection(),
      },
      {
        library,
        what: 'an Authorization header of another scheme, "Bearer abc" (FST_BASIC_AUTH_MISSING_OR_BAD_AUTHORIZATION_HEADER, statusCode 401)',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await rejection('Bearer abc'),
      },
      {
        library,
        what: 'a wrong password that the async validate rejects with a plain Error("Unauthorized"), to which the plugin adds statusCode 401',
        why: 'carries a status: 401 (set by the auth plugin for our answer)',
        expect: { status: 401 },
        error: await rejection(basic('alice', 'wrong')),
      },
      {
        library,
        what: 'the async validate awaited a user lookup whose server refused (TypeError fetch failed, cause ECONNREFUSED), and the plugin added statusCode 401 to that TypeError',
        why: 'carries a status: 401, set by the auth plugin for our answer on the error itself (the refusal is only its cause)',
        expect: { status: 401 },
        error: await rejection(basic('lookup', 'secret')),
      },
    )
    return cases
  } finally {
    await app.close()
  }
}

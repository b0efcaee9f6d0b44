import fastifyJwt from '@fastify/jwt'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'

const library = '@fastify/jwt'

export const collect: Collect = async () => {
  const app = Fastify({ logger: false })
  await app.register(fastifyJwt, { secret: 'a-test-secret-of-enough-length-0123456789' })
  // The app's own error handler: it keeps the error that request.jwtVerify() rejected with.
  const errors = keepErrors(app)
  app.addHook('onRequest', async (request) => {
    await request.jwtVerify()
  })
  app.get('/me', async () => ({ ok: true }))
  const server = await serveErrors(app, errors)
  const rejection = (authorization?: string) =>
    server.rejection('/me', { headers: authorization === undefined ? {} : { authorization } })
  const now = Math.floor(Date.now() / 1000)
  const expired = app.jwt.sign({ sub: 'u1', iat: now - 3600, exp: now - 60 })
  const forged = Fastify({ logger: false })
  await forged.register(fastifyJwt, { secret: 'another-secret-that-is-not-ours-0123456789' })
  await forged.ready()
  const wrongKey = forged.jwt.sign({ sub: 'u1' })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a request without an Authorization header (FST_JWT_NO_AUTHORIZATION_IN_HEADER, statusCode 401)',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await rejection(),
      },
      {
        library,
        what: 'an expired bearer token (FST_JWT_AUTHORIZATION_TOKEN_EXPIRED, statusCode 401)',
        why: 'carries a status: 401 (an expired token)',
        expect: { status: 401 },
        error: await rejection(`Bearer ${expired}`),
      },
      {
        library,
        what: 'a bearer token signed with another key (FST_JWT_AUTHORIZATION_TOKEN_INVALID, statusCode 401)',
        why: 'carries a status: 401 (an invalid token)',
        expect: { status: 401 },
        error: await rejection(`Bearer ${wrongKey}`),
      },
      {
        library,
        what: 'a malformed bearer header with two values, "Bearer a b" (FST_JWT_BAD_REQUEST, statusCode 400)',
        why: 'carries a status: 400',
        expect: { status: 400 },
        error: await rejection('Bearer a b'),
      },
      {
        library,
        what: 'an Authorization header of another scheme, "Basic Zm9vOmJhcg==" (FST_JWT_NO_AUTHORIZATION_IN_HEADER, statusCode 401)',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await rejection('Basic Zm9vOmJhcg=='),
      },
      {
        library,
        what: 'a bearer value that is not a JWT at all, "Bearer not.a.jwt" (FST_JWT_AUTHORIZATION_TOKEN_INVALID, statusCode 401)',
        why: 'carries a status: 401 (an invalid token)',
        expect: { status: 401 },
        error: await rejection('Bearer not.a.jwt'),
      },
    )
    return cases
  } finally {
    await forged.close()
    await app.close()
  }
}

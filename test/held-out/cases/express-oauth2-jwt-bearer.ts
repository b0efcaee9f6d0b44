import express, { type RequestHandler } from 'express'
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer'
import { SignJWT } from 'jose'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'
import { startUpstream } from './support/http-upstream.js'

const library = 'express-oauth2-jwt-bearer'

export const collect: Collect = async () => {
  const secret = 'a-secret-that-is-long-enough-for-hs256-000'
  const issuer = 'https://issuer.example.test/'
  const audience = 'https://api.example.test'
  const key = new TextEncoder().encode(secret)
  const token = (claims: Record<string, unknown>, expires: string | number = '5m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(key)
  const idp = await startUpstream({ status: 500, body: 'Internal Server Error' })

  const app = express()
  const bySecret = auth({ secret, tokenSigningAlg: 'HS256', issuer, audience })
  app.get('/me', bySecret, (_req, res) => {
    res.json({ ok: true })
  })
  app.post('/users', bySecret, requiredScopes('write:users') as RequestHandler, (_req, res) => {
    res.json({ ok: true })
  })
  // Keys come from the identity provider's discovery document, which answers 500.
  app.get('/orders', auth({ issuerBaseURL: `${idp.url}/`, audience }), (_req, res) => {
    res.json({ ok: true })
  })
  const { rejection, close } = await serveErrors(app)
  const bearer = (value: string) => ({ headers: { authorization: `Bearer ${value}` } })

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'a request without an Authorization header: UnauthorizedError (status 401, WWW-Authenticate)',
      why: 'errors that carry a status keep it; auth: no credentials',
      // The middleware's own challenge, as it sets it (Bearer, and DPoP with its algorithms).
      expect: {
        status: 401,
        headers: {
          'www-authenticate':
            'Bearer realm="api", DPoP algs="RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES256K ES384 ES512 EdDSA"',
        },
      },
      error: await rejection('/me'),
    })
    cases.push({
      library,
      what: 'an expired bearer token: InvalidTokenError invalid_token (status 401)',
      why: 'errors that carry a status keep it; auth: expired token',
      expect: { status: 401 },
      error: await rejection('/me', bearer(await token({ sub: 'u1' }, Math.floor(Date.now() / 1000) - 600))),
    })
    cases.push({
      library,
      what: 'a token signed with another secret: InvalidTokenError signature verification failed',
      why: 'errors that carry a status keep it; auth: invalid token',
      expect: { status: 401 },
      error: await rejection(
        '/me',
        bearer(
          await new SignJWT({ sub: 'u1' })
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuer(issuer)
            .setAudience(audience)
            .setExpirationTime('5m')
            .sign(new TextEncoder().encode('another-secret-that-is-long-enough-000')),
        ),
      ),
    })
    cases.push({
      library,
      what: 'a valid token without the write:users scope: InsufficientScopeError (status 403)',
      why: 'errors that carry a status keep it',
      expect: { status: 403 },
      error: await rejection('/users', { method: 'POST', ...bearer(await token({ scope: 'read:users' })) }),
    })
    cases.push({
      library,
      what: 'the token sent both in the header and in the query: InvalidRequestError (status 400)',
      why: 'errors that carry a status keep it',
      expect: { status: 400 },
      error: await rejection(`/me?access_token=${await token({})}`, bearer(await token({}))),
    })
    cases.push({
      library,
      what: 'the identity provider answered 500 to discovery: the library reports InvalidTokenError (401)',
      upstreamStatus: 500,
      why: 'errors that carry a status keep it: the library decided 401, with no outbound evidence',
      expect: { status: 401 },
      error: await rejection('/orders', bearer('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln')),
    })
    return cases
  } finally {
    await close()
    await idp.close()
  }
}

import Hapi from '@hapi/hapi'
import { SignJWT } from 'jose'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { caseAdder } from './support/http-matrix.js'

const library = 'hapi-auth-jwt2'

const SECRET = 'a-long-enough-hs256-secret-for-the-tests-0123456789'

async function token(
  claims: Record<string, unknown>,
  secret = SECRET,
  exp: string | number = '1h',
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret))
}

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const server = Hapi.server({ host: '127.0.0.1', port: 0 })
  // The plugin is CommonJS (`export =`); its namespace carries the `plugin` export that hapi registers.
  const hapiAuthJwt2 = await import('hapi-auth-jwt2')
  await server.register(hapiAuthJwt2)
  server.auth.strategy('jwt', 'jwt', {
    key: SECRET,
    verifyOptions: { algorithms: ['HS256'] },
    validate: async (decoded: { sub?: string }) => {
      if (decoded.sub === 'db-down') throw new Error('session store lookup failed')
      return { isValid: decoded.sub !== 'revoked' }
    },
  })
  server.auth.strategy('lookup', 'jwt', {
    key: async () => {
      throw new Error('key lookup: tenant signing key table is empty')
    },
    validate: async () => ({ isValid: true }),
  })
  server.auth.default('jwt')
  server.route({ method: 'GET', path: '/me', handler: (request) => request.auth.credentials })
  server.route({ method: 'GET', path: '/tenant', options: { auth: 'lookup' }, handler: () => 'ok' })
  const errors: unknown[] = []
  server.ext('onPreResponse', (request, h) => {
    const response = request.response
    if (response instanceof Error) errors.push(response)
    return h.continue
  })
  const rejection = async (headers: Record<string, string>, url = '/me'): Promise<unknown> => {
    const before = errors.length
    await server.inject({ method: 'GET', url, headers })
    if (errors.length !== before + 1) throw new Error(`no error for ${url}`)
    return errors[before]
  }
  const why401 = 'auth of the incoming request failed (token missing / invalid / expired): 401'
  try {
    add(
      'hapi route with the jwt strategy, request without an Authorization header; hapi answers with the Boom the ' +
        'scheme raised',
      why401,
      { status: 401 },
      await rejection({}),
    )
    add(
      'request with "Authorization: Bearer not-a-jwt" (token fails the three-part format check; hapi reports it as ' +
        'missing authentication)',
      why401,
      { status: 401 },
      await rejection({ authorization: 'Bearer not-a-jwt' }),
    )
    add(
      'request with a JWT signed by another secret (invalid signature)',
      why401,
      { status: 401 },
      await rejection({
        authorization: `Bearer ${await token({ sub: 'u1' }, 'some-other-secret-of-an-attacker-0123456789')}`,
      }),
    )
    add(
      'request with an expired JWT',
      why401,
      { status: 401 },
      await rejection({
        authorization: `Bearer ${await token({ sub: 'u1' }, SECRET, Math.floor(Date.now() / 1000) - 60)}`,
      }),
    )
    add(
      'request with a well-signed JWT whose session the validate function reports revoked ({ isValid: false })',
      why401,
      { status: 401 },
      await rejection({ authorization: `Bearer ${await token({ sub: 'revoked' })}` }),
    )
    add(
      "the strategy's validate function throws (our session store lookup failed); the plugin boomifies it",
      'our own failure while checking a valid token: 500',
      { status: 500 },
      await rejection({ authorization: `Bearer ${await token({ sub: 'db-down' })}` }),
    )
    add(
      "the strategy's key function throws (our signing key lookup is broken)",
      'our own failure / misconfiguration: 500',
      { status: 500 },
      await rejection({ authorization: `Bearer ${await token({ sub: 'u1' })}` }, '/tenant'),
    )
    add(
      'server.auth.strategy() registered without a validate or verify function (an AssertionError at startup)',
      'our misconfiguration: 500',
      { status: 500 },
      await rejectionOf(() => server.auth.strategy('broken', 'jwt', { key: SECRET })),
    )
  } finally {
    await server.stop()
  }
  return cases
}

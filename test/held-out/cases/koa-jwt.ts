import { createHmac } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import jwt from 'koa-jwt'
import type { Collect, HeldOutCase } from '../case.js'
import { closedPort } from './support/local.js'

const library = 'koa-jwt'

const SECRET = 'a-test-secret-of-enough-length-0123456789'

/** An HS256 JWT, signed by hand (node:crypto) so that no other JWT library is needed here. */
function sign(payload: Record<string, unknown>, secret = SECRET): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}

export const collect: Collect = async () => {
  const refusedPort = await closedPort()
  const app = new Koa()
  const errors: unknown[] = []
  // The app's first middleware is its error handler: it keeps what the rest of the chain threw.
  app.use(async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      errors.push(error)
      ctx.status = 599
    }
  })
  app.use(async (ctx, next) => {
    if (ctx.path === '/jwks') {
      // The secret comes from a key server that is down: the loader awaits a refused fetch.
      ctx.state.secret = async () => {
        const res = await fetch(`http://127.0.0.1:${refusedPort}/.well-known/jwks.json`)
        return res.text()
      }
    }
    await next()
  })
  app.use(
    jwt({
      secret: SECRET,
      algorithms: ['HS256'],
      isRevoked: async (_ctx, decoded) => (decoded as { jti?: string }).jti === 'revoked-1',
    }),
  )
  app.use((ctx) => {
    ctx.body = { ok: true }
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, token?: string) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    })
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const now = Math.floor(Date.now() / 1000)
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a request without a token (http-errors UnauthorizedError 401 "Authentication Error", expose true)',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await rejection('/me'),
      },
      {
        library,
        what: 'an expired token (UnauthorizedError 401, originalError jsonwebtoken TokenExpiredError)',
        why: 'carries a status: 401 (an expired token)',
        expect: { status: 401 },
        error: await rejection('/me', sign({ sub: 'u1', iat: now - 3600, exp: now - 60 })),
      },
      {
        library,
        what: 'a token signed with another secret (UnauthorizedError 401, originalError JsonWebTokenError "invalid signature")',
        why: 'carries a status: 401 (an invalid token)',
        expect: { status: 401 },
        error: await rejection('/me', sign({ sub: 'u1' }, 'not-our-secret')),
      },
      {
        library,
        what: 'a valid token that the async isRevoked check rejects (UnauthorizedError 401, originalError Error "Token revoked")',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await rejection('/me', sign({ sub: 'u1', jti: 'revoked-1' })),
      },
      {
        library,
        what: 'the async secret loader could not reach its key server (UnauthorizedError 401, originalError TypeError fetch failed, cause ECONNREFUSED)',
        why: 'carries a status: 401; the outermost decision (koa-jwt answers 401) is not overruled by its cause',
        expect: { status: 401 },
        error: await rejection('/jwks', sign({ sub: 'u1' })),
      },
    )
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

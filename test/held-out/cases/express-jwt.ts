import type { Request, Response } from 'express'
import { expressjwt } from 'express-jwt'
import jwt from 'jsonwebtoken'
import type { Collect } from '../case.js'

export const collect: Collect = async () => {
  const secret = 'a-secret-that-is-long-enough-000'
  const middleware = expressjwt({ secret, algorithms: ['HS256'] })
  // What the middleware passes to next(err) for a request with these headers.
  const rejection = (headers: Record<string, string>) =>
    new Promise<unknown>((resolve) => {
      const req = { method: 'GET', url: '/me', headers } as unknown as Request
      void middleware(req, {} as Response, (error?: unknown) => resolve(error))
    })
  const stale = jwt.sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 60 }, secret)
  return [
    {
      library: 'express-jwt',
      what: 'a request without an Authorization header: UnauthorizedError credentials_required',
      why: 'auth: no credentials',
      expect: { status: 401 },
      error: await rejection({}),
    },
    {
      library: 'express-jwt',
      what: 'a request with an expired bearer token: UnauthorizedError invalid_token (inner TokenExpiredError)',
      why: 'auth: expired token presented by the client',
      expect: { status: 401 },
      error: await rejection({ authorization: `Bearer ${stale}` }),
    },
  ]
}

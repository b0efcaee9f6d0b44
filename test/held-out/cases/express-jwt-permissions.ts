import express, { type RequestHandler } from 'express'
import guard from 'express-jwt-permissions'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'express-jwt-permissions'

export const collect: Collect = async () => {
  const app = express()
  // Stands in for express-jwt: the verified claims of the caller's token land on req.auth
  // (only when the test client sends the X-Test-Claims header, as an optional-auth setup does).
  const claims: RequestHandler = (req, _res, next) => {
    const raw = req.get('x-test-claims')
    if (raw !== undefined) (req as unknown as { auth: unknown }).auth = JSON.parse(raw)
    next()
  }
  const permissions = guard({ requestProperty: 'auth', permissionsProperty: 'scope' })
  const ok: RequestHandler = (_req, res) => {
    res.json({ ok: true })
  }
  app.post('/posts', claims, permissions.check('posts:write'), ok)
  app.delete('/users/:id', claims, permissions.check([['admin'], ['users:delete', 'users:write']]), ok)
  const { rejection, close } = await serveErrors(app)
  const as = (body: unknown, method = 'POST') => ({
    method,
    headers: { 'x-test-claims': JSON.stringify(body) },
  })

  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a token whose scope "posts:read" lacks posts:write (UnauthorizedError code permission_denied, status 403; one shared error object)',
        why: 'errors that carry a status keep it: 403',
        expect: { status: 403 },
        error: await rejection('/posts', as({ sub: 'u1', scope: 'posts:read profile' })),
      },
      {
        library,
        what: 'a token with users:delete but not users:write nor admin, on a route needing either set (permission_denied, 403)',
        why: 'errors that carry a status keep it: 403',
        expect: { status: 403 },
        error: await rejection('/users/7', as({ sub: 'u1', scope: ['users:delete'] }, 'DELETE')),
      },
      {
        library,
        what: 'no token at all, so no req.auth (UnauthorizedError code user_object_not_found, status 403)',
        why: 'errors that carry a status keep it: 403 (the middleware chose it)',
        expect: { status: 403 },
        error: await rejection('/posts', { method: 'POST' }),
      },
      {
        library,
        what: 'a token without a scope claim (UnauthorizedError code permissions_not_found, status 403)',
        why: 'errors that carry a status keep it: 403',
        expect: { status: 403 },
        error: await rejection('/posts', as({ sub: 'u1' })),
      },
      {
        library,
        what: 'a token whose scope claim is a number (UnauthorizedError code permissions_invalid, status 403)',
        why: 'errors that carry a status keep it: 403',
        expect: { status: 403 },
        error: await rejection('/posts', as({ sub: 'u1', scope: 42 })),
      },
    )
    return cases
  } finally {
    await close()
  }
}

import type { AddressInfo } from 'node:net'
import express, { type ErrorRequestHandler } from 'express'
import passport from 'passport'
import { Strategy as BearerStrategy } from 'passport-http-bearer'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'passport'

export const collect: Collect = async () => {
  const authenticator = new passport.Passport()
  authenticator.use(
    new BearerStrategy((token, done) => {
      if (token === 'good-token') done(null, { id: 'u1' })
      else done(null, false, 'the token is unknown or revoked')
    }),
  )
  // The error that the middleware chain passes to next(err), per request.
  const errors: unknown[] = []
  const app = express()
  app.use(authenticator.initialize())
  app.get(
    '/me',
    authenticator.authenticate('bearer', { session: false, failWithError: true }),
    (_req, res) => {
      res.json({ ok: true })
    },
  )
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error)
    res.status(599).end()
  }
  app.use(onError)
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'bearer strategy, failWithError, no token sent: AuthenticationError "Unauthorized" (401)',
      why: 'errors that carry a status keep it; auth: no credentials',
      expect: { status: 401 },
      error: await rejection('/me'),
    })
    cases.push({
      library,
      what: 'bearer strategy, failWithError, a token the verify callback rejects: AuthenticationError 401',
      why: 'errors that carry a status keep it; auth: invalid token',
      expect: { status: 401 },
      error: await rejection('/me', { headers: { authorization: 'Bearer stale-token' } }),
    })
    cases.push({
      library,
      what: 'bearer strategy, failWithError, token in both header and query: AuthenticationError (400)',
      why: 'errors that carry a status keep it (400)',
      expect: { status: 400 },
      error: await rejection('/me?access_token=good-token', {
        headers: { authorization: 'Bearer good-token' },
      }),
    })
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

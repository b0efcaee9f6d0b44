import express from 'express'
import passport from 'passport'
import { Strategy as BearerStrategy } from 'passport-http-bearer'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'passport'

export const collect: Collect = async () => {
  const authenticator = new passport.Passport()
  authenticator.use(
    new BearerStrategy((token, done) => {
      if (token === 'good-token') done(null, { id: 'u1' })
      else done(null, false, 'the token is unknown or revoked')
    }),
  )
  const app = express()
  app.use(authenticator.initialize())
  app.get(
    '/me',
    authenticator.authenticate('bearer', { session: false, failWithError: true }),
    (_req, res) => {
      res.json({ ok: true })
    },
  )
  const { rejection, close } = await serveErrors(app)

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
    await close()
  }
}

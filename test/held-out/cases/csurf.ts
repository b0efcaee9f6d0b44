import csrf from 'csurf'
import express from 'express'
import session from 'express-session'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'csurf'

export const collect: Collect = async () => {
  const app = express()
  app.use(express.urlencoded({ extended: false }))
  // /s/*: token secret in the session (the usual setup).
  const withSession = express.Router()
  withSession.use(session({ secret: 'keyboard cat is not a secret', resave: false, saveUninitialized: true }))
  withSession.use(csrf())
  withSession.get('/form', (req, res) => {
    // Another CSRF library's types in this repository declare `csrfToken` optional.
    res.json({ token: (req.csrfToken as () => string)() })
  })
  withSession.post('/transfer', (_req, res) => {
    res.json({ ok: true })
  })
  app.use('/s', withSession)
  // /c/*: our bug: cookie mode, but cookie-parser was never mounted.
  app.post('/c/transfer', csrf({ cookie: true }), (_req, res) => {
    res.json({ ok: true })
  })
  // /n/*: our bug: session mode, but the route is mounted before the session middleware.
  app.post('/n/transfer', csrf(), (_req, res) => {
    res.json({ ok: true })
  })
  const { base, rejection, close } = await serveErrors(app)

  const cases: HeldOutCase[] = []
  try {
    const form = await fetch(`${base}/s/form`)
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!
    const { token } = (await form.json()) as { token: string }
    const post = (body: string): RequestInit => ({
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
    cases.push({
      library,
      what: 'a form POST without the _csrf field: ForbiddenError "invalid csrf token" (status 403, code EBADCSRFTOKEN)',
      why: 'errors that carry a status keep it; the client’s forbidden (cross-site) action: 403',
      expect: { status: 403 },
      error: await rejection('/s/transfer', post('amount=100')),
    })
    cases.push({
      library,
      what: 'a form POST with a forged _csrf value: ForbiddenError "invalid csrf token" (403, EBADCSRFTOKEN)',
      why: 'errors that carry a status keep it: 403',
      expect: { status: 403 },
      error: await rejection('/s/transfer', post(`amount=100&_csrf=${token.slice(0, -4)}AAAA`)),
    })
    cases.push({
      library,
      what: 'a form POST from a client without a session cookie: ForbiddenError "invalid csrf token" (403)',
      why: 'errors that carry a status keep it: 403',
      expect: { status: 403 },
      error: await rejection('/s/transfer', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `amount=100&_csrf=${token}`,
      }),
    })
    cases.push({
      library,
      what: 'csrf({ cookie: true }) without cookie-parser mounted: Error "misconfigured csrf"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/c/transfer', post(`amount=100&_csrf=${token}`)),
    })
    cases.push({
      library,
      what: 'csrf() on a route without the session middleware: Error "misconfigured csrf"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/n/transfer', post(`amount=100&_csrf=${token}`)),
    })
    return cases
  } finally {
    await close()
  }
}

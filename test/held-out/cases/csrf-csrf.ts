import cookieParser from 'cookie-parser'
import { doubleCsrf } from 'csrf-csrf'
import express from 'express'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'csrf-csrf'

export const collect: Collect = async () => {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => 'a-csrf-secret-that-is-long-enough-000',
    getSessionIdentifier: (req) => String(req.headers['x-session'] ?? 'anonymous'),
  })
  const app = express()
  app.use(cookieParser())
  app.get('/form', (req, res) => {
    res.json({ token: generateCsrfToken(req, res, { validateOnReuse: true }) })
  })
  app.post('/transfer', doubleCsrfProtection, (_req, res) => {
    res.json({ ok: true })
  })
  const { base, rejection, close } = await serveErrors(app)

  // A token and its cookie, issued to session s1.
  const issued = await fetch(`${base}/form`, { headers: { 'x-session': 's1' } })
  const { token } = (await issued.json()) as { token: string }
  const setCookie = issued.headers.get('set-cookie') ?? ''
  const pair = setCookie.slice(0, setCookie.indexOf(';'))

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'a POST without a CSRF cookie or header: ForbiddenError "invalid csrf token" EBADCSRFTOKEN',
      why: 'errors that carry a status keep it (403)',
      expect: { status: 403 },
      error: await rejection('/transfer', { method: 'POST', headers: { 'x-session': 's1' } }),
    })
    cases.push({
      library,
      what: 'a POST whose x-csrf-token header does not match its CSRF cookie: ForbiddenError',
      why: 'errors that carry a status keep it (403)',
      expect: { status: 403 },
      error: await rejection('/transfer', {
        method: 'POST',
        headers: { 'x-session': 's1', cookie: pair, 'x-csrf-token': `${token}x` },
      }),
    })
    cases.push({
      library,
      what: "another session's token reused on GET with validateOnReuse: generateCsrfToken throws",
      why: 'errors that carry a status keep it (403)',
      expect: { status: 403 },
      error: await rejection('/form', { headers: { 'x-session': 's2', cookie: pair } }),
    })
    return cases
  } finally {
    await close()
  }
}

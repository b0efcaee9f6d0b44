import express from 'express'
import { getIronSession, type SessionOptions, sealData } from 'iron-session'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'iron-session'
const password = 'a-password-of-at-least-32-characters!!'

interface AppSession {
  user?: string
  cart?: string[]
}

export const collect: Collect = async () => {
  const options: SessionOptions = { cookieName: 'app_session', password }
  const app = express()
  // The session of a request, as every route of the app reads it.
  const read = (opts: SessionOptions) => async (req: express.Request, res: express.Response) => {
    const session = await getIronSession<AppSession>(req, res, opts)
    res.json({ user: session.user ?? null })
  }
  app.get('/me', read(options))
  app.get('/me-short-password', read({ cookieName: 'app_session', password: 'dev-secret' }))
  app.get(
    '/me-no-password',
    read({ cookieName: 'app_session', password: process.env.V_UNSET_SESSION_PASSWORD ?? '' }),
  )
  app.get('/me-no-cookie-name', read({ cookieName: '', password }))
  app.post('/cart', async (req, res) => {
    const session = await getIronSession<AppSession>(req, res, options)
    // Our bug: the whole catalogue goes into the cookie.
    session.cart = Array.from({ length: 400 }, (_, i) => `sku-${i}-with-a-long-variant-name`)
    await session.save()
    res.json({ ok: true })
  })
  app.post('/logout', async (req, res) => {
    const session = await getIronSession<AppSession>(req, res, options)
    session.destroy()
    // Our bug: the headers go out before the session is saved.
    res.status(200).flushHeaders()
    await session.save()
    res.end()
  })
  const { rejection, close } = await serveErrors(app)
  const cookie = (value: string): RequestInit => ({ headers: { cookie: `app_session=${value}` } })

  const cases: HeldOutCase[] = []
  try {
    const good = await sealData({ user: 'alice' }, { password })
    const parts = good.split('*')
    cases.push({
      library,
      what: 'a cookie whose seal has another mac prefix (Fe26.1, edited by the client): Error "Wrong mac prefix" from iron-webcrypto',
      why: 'client’s invalid session credential: 401 (no WWW-Authenticate: a cookie session, not a bearer token)',
      expect: { status: 401 },
      error: await rejection('/me', cookie(['Fe26.1', ...parts.slice(1)].join('*'))),
    })
    const badExpiry = [...parts]
    badExpiry[5] = 'tomorrow'
    cases.push({
      library,
      what: 'a cookie whose seal has a non-numeric expiration field: Error "Invalid expiration"',
      why: 'client’s invalid session credential: 401',
      expect: { status: 401 },
      error: await rejection('/me', cookie(badExpiry.join('*'))),
    })
    cases.push({
      library,
      what: 'our config has a 10-character session password: Error "iron-session: Bad usage. Password must be at least 32 characters long."',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/me-short-password'),
    })
    cases.push({
      library,
      what: 'the session password env var is unset: Error "iron-session: Bad usage. Missing password."',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/me-no-password'),
    })
    cases.push({
      library,
      what: 'our config has an empty cookie name: Error "iron-session: Bad usage. Missing cookie name."',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/me-no-cookie-name'),
    })
    cases.push({
      library,
      what: 'session.save() with a 400-item cart: Error "iron-session: Cookie length is too big (… bytes), browsers will refuse it"',
      why: 'our own bug (too much data in the cookie): 500, not the client’s 413',
      expect: { status: 500 },
      error: await rejection('/cart', { method: 'POST' }),
    })
    cases.push({
      library,
      what: 'session.save() after res.flushHeaders(): Error "iron-session: Cannot set session cookie: session.save() was called after headers were sent"',
      why: 'our own bug: 500',
      expect: { status: 500 },
      error: await rejection('/logout', { method: 'POST' }),
    })
    return cases
  } finally {
    await close()
  }
}

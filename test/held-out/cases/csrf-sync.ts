// csrf-sync: an Express app with an in-memory session stand-in; state-changing requests need the
// synchronizer token. What the protection middleware passes to `next(err)` is recorded.

import { csrfSync } from 'csrf-sync'
import express, { type RequestHandler } from 'express'
import type { HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'csrf-sync'

/** A per-cookie session object on req.session, as express-session would give. */
function sessions(): RequestHandler {
  const store = new Map<string, Record<string, unknown>>()
  return (req, _res, next) => {
    const sid = /sid=(\w+)/.exec(req.headers.cookie ?? '')?.[1] ?? 'anonymous'
    let session = store.get(sid)
    if (!session) {
      session = {}
      store.set(sid, session)
    }
    ;(req as unknown as { session: Record<string, unknown> }).session = session
    next()
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []

  // A correctly wired app.
  const app = express()
  app.use(sessions())
  const { csrfSynchronisedProtection } = csrfSync()
  app.get('/form', csrfSynchronisedProtection, (req, res) => {
    res.json({ token: (req as unknown as { csrfToken: () => string }).csrfToken() })
  })
  app.post('/transfer', csrfSynchronisedProtection, (_req, res) => {
    res.json({ ok: true })
  })
  // The app chose 419 ("page expired", as Laravel does) for its CSRF failures.
  const { csrfSynchronisedProtection: expiredProtection } = csrfSync({
    errorConfig: { statusCode: 419, message: 'page expired', code: 'EBADCSRFTOKEN' },
  })
  app.post('/profile', expiredProtection, (_req, res) => {
    res.json({ ok: true })
  })
  // Misconfigured: a status that is no error status. (http-errors, through depd, prints a
  // deprecation warning for it when the middleware is built, unless process has a 'deprecation'
  // listener: one is added for that call so that the run writes nothing to stderr.)
  const ignore = () => {}
  process.on('deprecation', ignore)
  const { csrfSynchronisedProtection: okProtection } = csrfSync({
    errorConfig: { statusCode: 200, message: 'csrf check failed', code: 'EBADCSRFTOKEN' },
  })
  process.off('deprecation', ignore)
  app.post('/settings', okProtection, (_req, res) => {
    res.json({ ok: true })
  })
  const server = await serveErrors(app)

  const formRes = await fetch(`${server.base}/form`, { headers: { cookie: 'sid=alice' } })
  const { token } = (await formRes.json()) as { token: string }

  cases.push({
    library,
    what: 'POST /transfer from a form without the x-csrf-token header: HttpError ForbiddenError "invalid csrf token", code EBADCSRFTOKEN, status 403',
    why: 'carried status the middleware set for our answer: 403',
    expect: { status: 403 },
    error: await server.rejection('/transfer', { method: 'POST', headers: { cookie: 'sid=alice' } }),
  })
  cases.push({
    library,
    what: "POST /transfer with another session's token (a forged request): ForbiddenError EBADCSRFTOKEN, status 403",
    why: 'carried status: 403',
    expect: { status: 403 },
    error: await server.rejection('/transfer', {
      method: 'POST',
      headers: { cookie: 'sid=mallory', 'x-csrf-token': token },
    }),
  })
  cases.push({
    library,
    what: 'POST /profile without a token, protection configured with errorConfig.statusCode 419: http-errors error with status 419 "page expired"',
    why: 'a status the application chose in 400-599 stands: 419',
    expect: { status: 419 },
    error: await server.rejection('/profile', { method: 'POST', headers: { cookie: 'sid=alice' } }),
  })
  cases.push({
    library,
    what: 'POST /settings without a token, protection misconfigured with errorConfig.statusCode 200: an Error carrying status 200',
    why: 'carried status outside 400-599 → 500 (our misconfiguration)',
    expect: { status: 500 },
    error: await server.rejection('/settings', { method: 'POST', headers: { cookie: 'sid=alice' } }),
  })
  await server.close()

  // Misconfigured: the protection mounted before (without) the session middleware.
  const bare = express()
  bare.post('/transfer', csrfSync().csrfSynchronisedProtection, (_req, res) => {
    res.json({ ok: true })
  })
  const bareServer = await serveErrors(bare)
  cases.push({
    library,
    what: 'protection used without a session middleware: default getTokenFromState throws TypeError "Cannot read properties of undefined (reading \'csrfToken\')"',
    why: 'our misconfiguration / bug: 500',
    expect: { status: 500 },
    error: await bareServer.rejection('/transfer', { method: 'POST', headers: { 'x-csrf-token': 'abc' } }),
  })
  await bareServer.close()
  return cases
}

import type { AddressInfo } from 'node:net'
import express, { type ErrorRequestHandler } from 'express'
import oauth2orize from 'oauth2orize'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'oauth2orize'

export const collect: Collect = async () => {
  const client = { id: 'app', redirectUri: 'https://app.example.test/cb' }
  // A client and code store that answers after a tick, as a database would.
  const lookup = <T>(value: T) => new Promise<T>((resolve) => setImmediate(() => resolve(value)))
  const server = oauth2orize.createServer()
  server.grant(
    oauth2orize.grant.code(
      (_client, _redirectUri, _user, _ares, done: oauth2orize.IssueGrantCodeDoneFunction) => {
        done(null, 'a-code')
      },
    ),
  )
  server.exchange(
    oauth2orize.exchange.code(
      (_client, code: string, _redirectUri, done: oauth2orize.ExchangeDoneFunction) => {
        lookup(code === 'known' ? 'an-access-token' : false).then((token) => done(null, token), done)
      },
    ),
  )
  server.exchange(
    oauth2orize.exchange.password((_client, username, password, _scope, done) => {
      lookup(username === 'ada' && password === 'right' ? 'an-access-token' : false).then(
        (token) => done(null, token),
        done,
      )
    }),
  )

  // The error that the middleware chain passes to next(err), per request.
  const errors: unknown[] = []
  const app = express()
  app.use(express.urlencoded({ extended: false }))
  app.post(
    '/oauth/token',
    (req, _res, next) => {
      // The app's own client authentication ran before: the client is req.user.
      Object.assign(req, { user: client })
      next()
    },
    server.token(),
  )
  app.get(
    '/oauth/authorize',
    server.authorization((clientId: string, redirectUri: string, done: oauth2orize.ValidateDoneFunction) => {
      lookup(clientId === client.id ? client : false).then((found) => done(null, found, redirectUri), done)
    }),
    (_req, res) => {
      res.json({ ok: true })
    },
  )
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error)
    res.status(599).end()
  }
  app.use(onError)
  const listening = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => listening.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const token = (fields: Record<string, string>) =>
    rejection('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  const redirect = encodeURIComponent(client.redirectUri)

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'an authorization code the store does not know: TokenError invalid_grant (403)',
      why: 'errors that carry a status keep it (the library chose 403)',
      expect: { status: 403 },
      error: await token({
        grant_type: 'authorization_code',
        code: 'unknown',
        redirect_uri: client.redirectUri,
      }),
    })
    cases.push({
      library,
      what: 'a password grant without a password: TokenError invalid_request (400)',
      why: 'errors that carry a status keep it',
      expect: { status: 400 },
      error: await token({ grant_type: 'password', username: 'ada' }),
    })
    cases.push({
      library,
      what: 'a grant type the server has no exchange for: TokenError unsupported_grant_type (501)',
      why: 'errors that carry a status keep it (501, as the library chose)',
      expect: { status: 501 },
      error: await token({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: 'd' }),
    })
    cases.push({
      library,
      what: 'an authorization request without response_type: AuthorizationError invalid_request (400)',
      why: 'errors that carry a status keep it',
      expect: { status: 400 },
      error: await rejection(`/oauth/authorize?client_id=app&redirect_uri=${redirect}`),
    })
    cases.push({
      library,
      what: 'an authorization request from a client the store does not know: AuthorizationError (403)',
      why: 'errors that carry a status keep it',
      expect: { status: 403 },
      error: await rejection(`/oauth/authorize?response_type=code&client_id=other&redirect_uri=${redirect}`),
    })
    cases.push({
      library,
      what: 'an authorization request for response_type=token, not enabled: AuthorizationError (501)',
      why: 'errors that carry a status keep it (501, as the library chose)',
      expect: { status: 501 },
      error: await rejection(`/oauth/authorize?response_type=token&client_id=app&redirect_uri=${redirect}`),
    })
    return cases
  } finally {
    listening.closeAllConnections()
    await new Promise<void>((resolve) => listening.close(() => resolve()))
  }
}

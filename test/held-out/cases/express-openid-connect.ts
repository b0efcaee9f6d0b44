import type { AddressInfo } from 'node:net'
import express, { type ErrorRequestHandler } from 'express'
import oidc, { type ConfigParams } from 'express-openid-connect'
import type { Collect, HeldOutCase } from '../case.js'
import { REFUSED, UPSTREAM_5XX, WHY } from './support/http-expect.js'
import { closedPort, startUpstream, type Upstream } from './support/http-upstream.js'

const library = 'express-openid-connect'

/** An identity provider's discovery document, with its endpoints on the loopback upstream. */
function discovery(idp: Upstream) {
  return {
    issuer: `${idp.url}/`,
    authorization_endpoint: `${idp.url}/authorize`,
    token_endpoint: `${idp.url}/oauth/token`,
    jwks_uri: `${idp.url}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
  }
}

/** An Express app on 127.0.0.1 with the middleware in front; `rejection` returns what next(err) got. */
async function serve(issuerBaseURL: string, extra: Partial<ConfigParams> = {}) {
  const errors: unknown[] = []
  const app = express()
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  app.use(
    oidc.auth({
      issuerBaseURL,
      baseURL: base,
      clientID: 'app',
      clientSecret: 'a-client-secret',
      secret: 'a-session-secret-that-is-long-enough-000',
      authRequired: false,
      authorizationParams: { response_type: 'code', scope: 'openid' },
      ...extra,
    }),
  )
  app.get('/api/me', oidc.requiresAuth(), (_req, res) => {
    res.json({ ok: true })
  })
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error)
    res.status(599).end()
  }
  app.use(onError)
  return {
    base,
    async rejection(path: string, init: RequestInit = {}) {
      const before = errors.length
      const res = await fetch(`${base}${path}`, { redirect: 'manual', ...init })
      await res.arrayBuffer()
      if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
      return errors[before]
    },
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export const collect: Collect = async () => {
  const idp = await startUpstream()
  const refused = await closedPort()
  const cases: HeldOutCase[] = []
  const apps: { close(): Promise<void> }[] = []
  try {
    const app = await serve(idp.url, { errorOnRequiredAuth: true })
    apps.push(app)
    cases.push({
      library,
      what: 'an API route behind requiresAuth() with errorOnRequiredAuth and no session: 401 (http-errors)',
      why: 'errors that carry a status keep it; auth: no credentials',
      expect: { status: 401 },
      error: await app.rejection('/api/me', { headers: { accept: 'application/json' } }),
    })

    idp.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'the login route discovers the identity provider, which answers 500 to the discovery request',
      upstreamStatus: 500,
      why: WHY.upstream5xx,
      expect: UPSTREAM_5XX,
      error: await app.rejection('/login'),
    })

    const down = await serve(`http://127.0.0.1:${refused}`)
    apps.push(down)
    cases.push({
      library,
      what: 'the login route discovers an identity provider that refuses the connection',
      why: WHY.refused,
      expect: REFUSED,
      error: await down.rejection('/login'),
    })

    idp.reply((req, res) => {
      if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(discovery(idp)))
        return
      }
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'server_error' }))
    })
    cases.push({
      library,
      what: 'the callback route is hit without the transaction cookie: the library answers 400 (http-errors)',
      why: 'errors that carry a status keep it',
      expect: { status: 400 },
      error: await app.rejection('/callback?code=abc&state=xyz'),
    })

    // A real login: the redirect's state and the transaction cookie it set.
    const login = await fetch(`${app.base}/login`, { redirect: 'manual' })
    await login.arrayBuffer()
    const state = new URL(login.headers.get('location') ?? '').searchParams.get('state') ?? ''
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.slice(0, c.indexOf(';')))
      .join('; ')
    cases.push({
      library,
      what: 'the callback exchanges the code and the token endpoint answers 500: the library reports 400',
      upstreamStatus: 500,
      why: 'errors that carry a status keep it: the library decided 400, with no outbound evidence',
      expect: { status: 400 },
      error: await app.rejection(`/callback?code=abc&state=${encodeURIComponent(state)}`, {
        headers: { cookie },
      }),
    })
    return cases
  } finally {
    for (const app of apps) await app.close()
    await idp.close()
  }
}

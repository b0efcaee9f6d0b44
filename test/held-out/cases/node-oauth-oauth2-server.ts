import OAuth2Server, { Request, Response } from '@node-oauth/oauth2-server'
import express from 'express'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = '@node-oauth/oauth2-server'

export const collect: Collect = async () => {
  const hour = 3600 * 1000
  const user = { id: 'u1' }
  const client = { id: 'app', grants: ['password'] }
  // A token store that answers after a tick, as a database would.
  const tick = () => new Promise((resolve) => setImmediate(resolve))
  const oauth = new OAuth2Server({
    model: {
      async getAccessToken(accessToken: string) {
        await tick()
        if (accessToken === 'store-down') throw new Error('token store: connection lost')
        if (accessToken === 'good') {
          return {
            accessToken,
            accessTokenExpiresAt: new Date(Date.now() + hour),
            scope: ['read'],
            client,
            user,
          }
        }
        if (accessToken === 'stale') {
          return {
            accessToken,
            accessTokenExpiresAt: new Date(Date.now() - hour),
            scope: ['read'],
            client,
            user,
          }
        }
        return null
      },
      async verifyScope(token, scope) {
        await tick()
        return scope.every((wanted) => token.scope?.includes(wanted) ?? false)
      },
      async getClient(clientId: string, clientSecret: string) {
        await tick()
        return clientId === 'app' && clientSecret === 's3cret' ? client : null
      },
      async getUser(username: string, password: string) {
        await tick()
        return username === 'ada' && password === 'right' ? user : null
      },
      async saveToken(token) {
        return { ...token, client, user }
      },
    },
  })

  const app = express()
  app.use(express.urlencoded({ extended: false }))
  app.get('/me', async (req, res) => {
    await oauth.authenticate(new Request(req), new Response(res))
    res.json({ ok: true })
  })
  app.get('/admin', async (req, res) => {
    await oauth.authenticate(new Request(req), new Response(res), { scope: ['admin'] })
    res.json({ ok: true })
  })
  app.post('/oauth/token', async (req, res) => {
    res.json(await oauth.token(new Request(req), new Response(res)))
  })
  const { rejection, close } = await serveErrors(app)
  const bearer = (value: string) => ({ headers: { authorization: `Bearer ${value}` } })
  const tokenRequest = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  })

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'a request without a bearer token: UnauthorizedRequestError (code/status 401)',
      why: 'errors that carry a status keep it; auth: no credentials',
      expect: { status: 401 },
      error: await rejection('/me'),
    })
    cases.push({
      library,
      what: 'a bearer token the token store does not know: InvalidTokenError invalid_token (401)',
      why: 'errors that carry a status keep it; auth: invalid token',
      expect: { status: 401 },
      error: await rejection('/me', bearer('unknown')),
    })
    cases.push({
      library,
      what: 'an expired bearer token: InvalidTokenError "access token has expired" (401)',
      why: 'errors that carry a status keep it; auth: expired token',
      expect: { status: 401 },
      error: await rejection('/me', bearer('stale')),
    })
    cases.push({
      library,
      what: 'a valid token without the admin scope: InsufficientScopeError insufficient_scope (403)',
      why: 'errors that carry a status keep it',
      expect: { status: 403 },
      error: await rejection('/admin', bearer('good')),
    })
    cases.push({
      library,
      what: 'the token store threw: the library wraps it in ServerError server_error (code/status 503)',
      why: 'errors that carry a status keep it (the library chose 503)',
      expect: { status: 503 },
      error: await rejection('/me', bearer('store-down')),
    })
    cases.push({
      library,
      what: 'a password grant with a wrong password: InvalidGrantError invalid_grant (400)',
      why: 'errors that carry a status keep it',
      expect: { status: 400 },
      error: await rejection(
        '/oauth/token',
        tokenRequest({
          grant_type: 'password',
          client_id: 'app',
          client_secret: 's3cret',
          username: 'ada',
          password: 'wrong',
        }),
      ),
    })
    cases.push({
      library,
      what: 'a wrong client secret in Basic auth at the token endpoint: InvalidClientError (401)',
      why: 'errors that carry a status keep it; auth: bad client credentials',
      expect: { status: 401 },
      error: await rejection(
        '/oauth/token',
        tokenRequest(
          { grant_type: 'password', username: 'ada', password: 'right' },
          { authorization: `Basic ${Buffer.from('app:wrong').toString('base64')}` },
        ),
      ),
    })
    return cases
  } finally {
    await close()
  }
}

import ClientOAuth2 from 'client-oauth2'
import express from 'express'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { serveErrors } from './support/express-errors.js'
import { REFUSED, RESET, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_503_BARE, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'client-oauth2'

// Our login callback: the browser comes back to /callback?code=…&state=…, and the server exchanges
// the code at the IdP's token endpoint.
export const collect: Collect = async () => {
  const idp = await startUpstream()
  const options = {
    clientId: 'web-app',
    clientSecret: 'wrong-secret',
    accessTokenUri: `${idp.url}/oauth/token`,
    authorizationUri: `${idp.url}/oauth/authorize`,
    redirectUri: 'http://127.0.0.1/callback',
    state: 'state-from-our-session',
  }
  let auth = new ClientOAuth2(options)
  const app = express()
  app.get('/callback', async (req, res) => {
    const token = await auth.code.getToken(`http://127.0.0.1${req.originalUrl}`, { state: options.state })
    res.json({ scopes: token.data.scope ?? null })
  })
  app.get('/auth/callback', async (req, res) => {
    const token = await auth.code.getToken(`http://127.0.0.1${req.originalUrl}`, { state: options.state })
    res.json({ scopes: token.data.scope ?? null })
  })
  const { rejection, close } = await serveErrors(app)
  const callback = '/callback?code=code-from-idp&state=state-from-our-session'
  const machineToken = () => auth.credentials.getToken()

  const cases: HeldOutCase[] = []
  try {
    idp.reply({ status: 401, body: { error: 'invalid_client', error_description: 'bad secret' } })
    cases.push({
      library,
      what: 'token endpoint answered 401 {error: invalid_client}: Error "Client authentication failed due to unknown client…" (code EAUTH, body; the status is not kept)',
      why: 'IdP rejected our client credentials: 500, status never passed through',
      upstreamStatus: 401,
      expect: { status: 500, headers: { 'www-authenticate': null } },
      error: await rejection(callback),
    })

    idp.reply({ status: 400, body: { error: 'invalid_grant', error_description: 'code expired' } })
    cases.push({
      library,
      what: 'token endpoint answered 400 {error: invalid_grant} to the code we sent: Error "The provided authorization grant is invalid, expired, revoked…" (EAUTH)',
      why: 'IdP said 4xx to our request (invalid_grant): 500',
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejection(callback),
    })

    idp.reply({ status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' })
    cases.push({
      library,
      what: 'token endpoint answered 404 with HTML (wrong accessTokenUri in our config): Error "HTTP status 404" (code ESTATUS, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(machineToken),
    })

    idp.reply({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'token endpoint answered 500 with a text body: Error "HTTP status 500" (ESTATUS, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejection(callback),
    })

    idp.reply({ status: 500, body: { error: 'server_error' } })
    cases.push({
      library,
      what: 'token endpoint answered 500 {error: server_error}: Error "The authorization server encountered an unexpected condition…" (EAUTH, no status)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(machineToken),
    })

    idp.reply({ status: 503, body: { error: 'temporarily_unavailable' } })
    cases.push({
      library,
      what: 'token endpoint answered 503 {error: temporarily_unavailable}: Error "The authorization server is currently unable to handle the request…" (EAUTH)',
      why: 'upstream 503: dependency unavailable, 503',
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejection(callback),
    })

    idp.reply('reset')
    cases.push({
      library,
      what: 'token endpoint reset the connection: popsicle ConnectionError "Unable to connect to 127.0.0.1:PORT" (code EUNAVAILABLE, cause ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(machineToken),
    })

    cases.push({
      library,
      what: 'the browser came back with ?error=access_denied (the user declined consent): Error "The resource owner or authorization server denied the request." (EAUTH)',
      why: 'the client’s own refusal, nothing upstream failed: 403 (ambiguous: 401 would also fit; no upstream status)',
      expect: { status: 403 },
      error: await rejection('/callback?error=access_denied&state=state-from-our-session'),
    })

    cases.push({
      library,
      what: 'a callback whose state does not match the session (forged/CSRF): TypeError "Invalid state: attacker-state"',
      why: 'the client’s forbidden (cross-site) request: 403; ambiguous, 400 would also fit',
      expect: { status: 403 },
      error: await rejection('/callback?code=c&state=attacker-state'),
    })

    cases.push({
      library,
      what: 'a callback without a code: TypeError "Missing code, unable to request token"',
      why: 'the client’s malformed request: 400',
      expect: { status: 400 },
      error: await rejection('/callback?state=state-from-our-session'),
    })

    cases.push({
      library,
      what: 'our route is /auth/callback but our config says /callback: TypeError "Redirected path should match configured path, but got: /auth/callback"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection('/auth/callback?code=c&state=state-from-our-session'),
    })

    auth = new ClientOAuth2({
      ...options,
      accessTokenUri: `http://127.0.0.1:${await closedPort()}/oauth/token`,
    })
    cases.push({
      library,
      what: 'token endpoint refused the connection: popsicle ConnectionError "Unable to connect to 127.0.0.1:PORT" (code EUNAVAILABLE, cause ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejection(callback),
    })

    auth = new ClientOAuth2({ ...options, clientId: process.env.V_UNSET_CLIENT_ID as string })
    cases.push({
      library,
      what: 'the client id env var is unset: TypeError \'Expected "clientId" to exist\'',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejection(callback),
    })
    return cases
  } finally {
    await close()
    await idp.close()
  }
}

// passport-oauth2: our login callback (`/auth/callback?code=…`) run through an OAuth2Strategy the
// way passport runs it (error/fail/success/redirect hooks), against a loopback IdP.
import OAuth2Strategy, { InternalOAuthError } from 'passport-oauth2'
import type { HeldOutCase } from '../case.js'
import { REFUSED, RESET, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_503_BARE, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'passport-oauth2'

type Verify = (
  accessToken: string,
  refreshToken: string,
  profile: any,
  done: (err: unknown, user?: unknown) => void,
) => void

/** A provider strategy as passport-github & co. write them: the profile comes from a userinfo URL. */
class ShopIdpStrategy extends OAuth2Strategy {
  constructor(
    options: OAuth2Strategy.StrategyOptions,
    verify: Verify,
    private readonly profileURL: string,
  ) {
    super(options, verify)
  }
  override userProfile(accessToken: string, done: (err?: unknown, profile?: any) => void): void {
    this._oauth2.get(this.profileURL, accessToken, (err, body) => {
      if (err) return done(new InternalOAuthError('Failed to fetch user profile', err))
      try {
        done(null, JSON.parse(String(body)))
      } catch (e) {
        done(e)
      }
    })
  }
}

/** Runs `authenticate` as passport does and returns what it passed to `error()`. */
function errorOf(
  strategy: OAuth2Strategy,
  query: Record<string, string>,
  session?: object,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const s = strategy as any
    s.error = (err: unknown) => resolve(err)
    s.fail = (info: unknown) => reject(new Error(`unexpected fail ${JSON.stringify(info)}`))
    s.success = () => reject(new Error('unexpected success'))
    s.redirect = (url: string) => reject(new Error(`unexpected redirect ${url}`))
    const req: any = { query, headers: { host: '127.0.0.1' }, url: '/auth/callback', connection: {} }
    if (session) req.session = session
    strategy.authenticate(req, {})
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const idp = await startUpstream()
  const cases: HeldOutCase[] = []
  try {
    const options = (tokenURL: string) => ({
      authorizationURL: `${idp.url}/authorize`,
      tokenURL,
      clientID: 'shop-api',
      clientSecret: 'client-secret',
      callbackURL: 'http://127.0.0.1/auth/callback',
    })
    let verify: Verify = (_at, _rt, profile, done) => done(null, { id: profile.sub })
    const strategy = new ShopIdpStrategy(
      options(`${idp.url}/oauth/token`),
      (at, rt, profile, done) => verify(at, rt, profile, done),
      `${idp.url}/userinfo`,
    )
    const callback = { code: 'code-from-the-redirect' }

    idp.reply({ status: 400, body: { error: 'invalid_grant', error_description: 'Code expired' } })
    cases.push({
      library,
      what: 'token endpoint answered 400 {error: invalid_grant} to the code we exchanged: TokenError "Code expired" (code invalid_grant, status 500)',
      why: 'IdP said 4xx to our token request: 500 (the TokenError carries 500 too)',
      expect: UPSTREAM_4XX,
      error: await errorOf(strategy, callback),
    })

    idp.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="idp"' },
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    })
    cases.push({
      library,
      what: 'token endpoint answered 401 {error: invalid_client} to our client secret: TokenError "Client authentication failed" (status 500)',
      why: WHY.upstream401,
      expect: { status: 500, headers: { 'www-authenticate': null } },
      error: await errorOf(strategy, callback),
    })

    idp.reply({ status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' })
    cases.push({
      library,
      what: 'our tokenURL path is wrong, IdP answered 404 HTML: InternalOAuthError "Failed to obtain access token" (oauthError {statusCode: 404, data})',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await errorOf(strategy, callback),
    })

    idp.reply({
      status: 500,
      headers: { 'content-type': 'text/html' },
      body: '<h1>Internal Server Error</h1>',
    })
    cases.push({
      library,
      what: 'token endpoint answered 500 HTML: InternalOAuthError "Failed to obtain access token" (oauthError {statusCode: 500})',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await errorOf(strategy, callback),
    })

    idp.reply({ status: 503, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'token endpoint answered 503: InternalOAuthError "Failed to obtain access token" (oauthError {statusCode: 503})',
      why: 'upstream 503: dependency unavailable, 503',
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await errorOf(strategy, callback),
    })

    idp.reply('reset')
    cases.push({
      library,
      what: 'IdP reset the connection during the token request: InternalOAuthError "Failed to obtain access token" (oauthError Error ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await errorOf(strategy, callback),
    })

    idp.reply({ status: 200, body: { token_type: 'Bearer' } })
    cases.push({
      library,
      what: 'token endpoint answered 200 without access_token: Error "Failed to obtain access token"',
      why: 'upstream answered badly (a 200 without the token): 502; ambiguous, a plain Error',
      expect: { status: 502, retryable: true },
      error: await errorOf(strategy, callback),
    })

    idp.reply((req, res) => {
      if (req.url?.startsWith('/oauth/token')) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ access_token: 'at', token_type: 'Bearer' }))
      } else {
        res.writeHead(401, {
          'content-type': 'application/json',
          'www-authenticate': 'Bearer error="invalid_token"',
        })
        res.end(JSON.stringify({ error: 'invalid_token' }))
      }
    })
    cases.push({
      library,
      what: 'userinfo endpoint answered 401 to the access token we just got: InternalOAuthError "Failed to fetch user profile" (oauthError {statusCode: 401})',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: { status: 500, headers: { 'www-authenticate': null } },
      error: await errorOf(strategy, callback),
    })

    idp.reply((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify(
          req.url?.startsWith('/oauth/token') ? { access_token: 'at', token_type: 'Bearer' } : { sub: 'u1' },
        ),
      )
    })
    verify = (_at, _rt, profile, done) => done(null, { id: profile.sub, email: profile.emails[0].value })
    cases.push({
      library,
      what: 'our verify callback read profile.emails[0] of a profile without emails: TypeError "Cannot read properties of undefined"',
      why: 'our own bug: 500',
      expect: { status: 500 },
      error: await errorOf(strategy, callback),
    })

    cases.push({
      library,
      what: 'IdP redirected back with error=server_error: AuthorizationError (code server_error, status 502)',
      why: 'errors that carry a status: 502 (the IdP failed), retryable',
      expect: { status: 502, retryable: true },
      error: await errorOf(strategy, { error: 'server_error', error_description: 'Unexpected condition' }),
    })

    cases.push({
      library,
      what: 'IdP redirected back with error=temporarily_unavailable: AuthorizationError (status 503)',
      why: 'errors that carry a status: 503, the IdP is unavailable, retryable',
      expect: { status: 503, retryable: true },
      error: await errorOf(strategy, { error: 'temporarily_unavailable', error_description: 'Maintenance' }),
    })

    cases.push({
      library,
      what: 'IdP redirected back with error=invalid_scope (our authorization request asked for a scope it does not know): AuthorizationError (status 500)',
      why: 'errors that carry a status: 500; our request was misconfigured',
      expect: { status: 500 },
      error: await errorOf(strategy, { error: 'invalid_scope', error_description: 'Unknown scope admin' }),
    })

    const port = await closedPort()
    const down = new ShopIdpStrategy(
      options(`http://127.0.0.1:${port}/oauth/token`),
      (_at, _rt, profile, done) => done(null, profile),
      `${idp.url}/userinfo`,
    )
    cases.push({
      library,
      what: 'token endpoint refuses the connection: InternalOAuthError "Failed to obtain access token" (oauthError ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await errorOf(down, callback),
    })

    const withState = new OAuth2Strategy({ ...options(`${idp.url}/oauth/token`), state: true }, ((
      _a,
      _r,
      p,
      done,
    ) => done(null, p)) as Verify)
    cases.push({
      library,
      what: 'state: true but the app has no session middleware: Error "OAuth 2.0 authentication requires session support when using state…"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await errorOf(withState, { code: 'c', state: 's' }),
    })

    let thrown: unknown
    try {
      new OAuth2Strategy({ ...options(`${idp.url}/oauth/token`), clientID: '' }, () => {})
    } catch (error) {
      thrown = error
    }
    cases.push({
      library,
      what: 'strategy set up with an empty clientID (unset env var): TypeError "OAuth2Strategy requires a clientID option"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: thrown,
    })
  } finally {
    await idp.close()
  }
  return cases
}

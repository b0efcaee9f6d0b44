// arctic: the OAuth 2.0 callback of our server (authorization code → tokens) against a loopback
// Keycloak realm, and a generic OAuth2Client for the refresh / revoke endpoints.
import { decodeIdToken, KeyCloak, OAuth2Client } from 'arctic'
import { type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'arctic'

export async function collect(): Promise<HeldOutCase[]> {
  const idp = await startUpstream()
  const cases: HeldOutCase[] = []
  try {
    const realm = `${idp.url}/realms/shop`
    const keycloak = new KeyCloak(realm, 'shop-api', 'client-secret', 'http://127.0.0.1/callback')
    const callback = () => keycloak.validateAuthorizationCode('code-from-the-redirect', 'pkce-verifier-0123')

    idp.reply({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Code not valid' },
    })
    cases.push({
      library,
      what: 'Keycloak token endpoint answered 400 {error: invalid_grant} to the code we exchanged: OAuth2RequestError "OAuth request error: invalid_grant"',
      why: 'IdP said 4xx to our token request (invalid_grant): 500, status never passed through',
      expect: UPSTREAM_4XX,
      error: await rejectionOf(callback),
    })

    idp.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="shop"' },
      body: {
        error: 'unauthorized_client',
        error_description: 'Invalid client or Invalid client credentials',
      },
    })
    cases.push({
      library,
      what: 'token endpoint answered 401 {error: unauthorized_client} to our client secret: OAuth2RequestError "OAuth request error: unauthorized_client"',
      why: WHY.upstream401,
      expect: UPSTREAM_401,
      error: await rejectionOf(callback),
    })

    idp.reply({ status: 400, headers: { 'content-type': 'text/html' }, body: '<html>Bad Request</html>' })
    cases.push({
      library,
      what: 'token endpoint answered 400 with an HTML page: UnexpectedResponseError "Unexpected error response" (status 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(callback),
    })

    idp.reply({ status: 401, body: { message: 'HTTP 401 Unauthorized' } })
    cases.push({
      library,
      what: 'token endpoint answered 401 with a JSON body that is not an OAuth error: UnexpectedErrorResponseBodyError (status 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(callback),
    })

    idp.reply({
      status: 500,
      headers: { 'content-type': 'text/html' },
      body: '<h1>Internal Server Error</h1>',
    })
    cases.push({
      library,
      what: 'token endpoint answered 500 HTML: UnexpectedResponseError "Unexpected error response" (status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(callback),
    })

    idp.reply({ status: 502, body: 'Bad Gateway' })
    cases.push({
      library,
      what: 'token endpoint (behind its proxy) answered 502: UnexpectedResponseError (status 502)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(callback),
    })

    idp.reply({ status: 503, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'token endpoint answered 503: UnexpectedResponseError (status 503; the Retry-After is not kept)',
      why: 'upstream 503: dependency unavailable, 503',
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(callback),
    })

    idp.reply({ status: 429, body: 'Too Many Requests' })
    cases.push({
      library,
      what: 'token endpoint answered 429: UnexpectedResponseError (status 429)',
      why: 'upstream 429: dependency unavailable, 503',
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(callback),
    })

    idp.reply({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Login</html>' })
    cases.push({
      library,
      what: 'token endpoint answered 200 with an HTML login page instead of JSON: UnexpectedResponseError (status 200)',
      why: 'upstream answered badly (not the protocol): 502',
      upstreamStatus: 200,
      expect: { status: 502, retryable: true },
      error: await rejectionOf(callback),
    })

    idp.reply({ status: 200, body: { token_type: 'Bearer', access_token: 'at', id_token: 'not-a-jwt' } })
    const tokens = await callback()
    cases.push({
      library,
      what: 'token endpoint answered 200 with an id_token that is not a JWT; decodeIdToken threw Error "Invalid ID token" (cause: JWT parse error)',
      why: 'upstream answered badly (garbage in a 200): 502; ambiguous, a plain Error with a cause',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => decodeIdToken(tokens.idToken())),
    })

    idp.reply({ status: 200, body: { token_type: 'Bearer' } })
    const noAccess = await callback()
    cases.push({
      library,
      what: 'token endpoint answered 200 without access_token; tokens.accessToken() threw Error "Missing or invalid \'access_token\' field"',
      why: 'upstream answered badly (missing field in a 200): 502; ambiguous, a plain Error',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => noAccess.accessToken()),
    })

    idp.reply('reset')
    cases.push({
      library,
      what: 'IdP reset the connection: ArcticFetchError "Failed to send request" (cause TypeError fetch failed, ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(callback),
    })

    const client = new OAuth2Client('shop-api', 'client-secret', null)
    const port = await closedPort()
    cases.push({
      library,
      what: 'refresh against a token endpoint that refuses the connection: ArcticFetchError "Failed to send request" (cause fetch failed, ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() =>
        client.refreshAccessToken(`http://127.0.0.1:${port}/oauth/token`, 'refresh-token', []),
      ),
    })

    cases.push({
      library,
      what: 'our config has a token endpoint without a scheme: TypeError "Failed to parse URL" (ERR_INVALID_URL) from new Request',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => client.revokeToken('idp.internal/oauth/revoke', 'token')),
    })
  } finally {
    await idp.close()
  }
  return cases
}

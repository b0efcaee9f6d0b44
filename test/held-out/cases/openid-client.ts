import { custom, Issuer } from 'openid-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream, type Upstream } from './support/http-upstream.js'

const library = 'openid-client'

const REDIRECT = 'https://app.example.test/callback'

function metadata(idp: Upstream) {
  return {
    issuer: `${idp.url}/`,
    authorization_endpoint: `${idp.url}/authorize`,
    token_endpoint: `${idp.url}/oauth/token`,
    userinfo_endpoint: `${idp.url}/userinfo`,
    jwks_uri: `${idp.url}/.well-known/jwks.json`,
  }
}

export const collect: Collect = async () => {
  const idp = await startUpstream()
  const cases: HeldOutCase[] = []
  const add = caseAdder(
    library,
    cases,
    '; openid-client 5 (its own node:http requests, 3500 ms default timeout)',
  )
  try {
    const issuer = new Issuer(metadata(idp))
    const client = new issuer.Client({
      client_id: 'orders-web',
      client_secret: 'a-client-secret',
      redirect_uris: [REDIRECT],
      response_types: ['code'],
    })
    const exchange = () =>
      client.callback(REDIRECT, { code: 'auth-code-1', state: 'st-1' }, { state: 'st-1' })

    idp.reply({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' })
    add(
      'discovery of the identity provider answered 500 with a text body: OPError "expected 200 OK, got: 500 …"',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => Issuer.discover(idp.url)),
      500,
    )

    idp.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head><body></body></html>',
    })
    add(
      'discovery answered 200 with an HTML login page where the JSON document was due (JSON.parse error with the ' +
        'response attached)',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => Issuer.discover(idp.url)),
    )

    add(
      'discovery of an identity provider on a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(async () => Issuer.discover(`http://127.0.0.1:${await closedPort()}`)),
    )

    idp.reply('hang')
    custom.setHttpOptionsDefaults({ timeout: 250 })
    try {
      add(
        "the library's own request timeout (250 ms) fired on a discovery endpoint that never answers: RPError " +
          '"outgoing request timed out after 250ms"',
        WHY.timeout,
        TIMED_OUT,
        await rejectionOf(() => Issuer.discover(idp.url)),
      )
    } finally {
      custom.setHttpOptionsDefaults({ timeout: 3500 })
    }

    idp.reply({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authorization code is invalid or expired' },
    })
    add(
      'token endpoint answered 400 {error: invalid_grant} to the code our callback exchanged: OPError with the ' +
        'response',
      'IdP said 4xx to our token request: 500, status never passed through',
      UPSTREAM_4XX,
      await rejectionOf(exchange),
      400,
    )

    idp.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="orders-idp"' },
      body: { error: 'invalid_client', error_description: 'client authentication failed' },
    })
    add(
      'token endpoint answered 401 {error: invalid_client} with WWW-Authenticate: Basic to our client secret',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(exchange),
      401,
    )

    idp.reply({
      status: 401,
      headers: {
        'www-authenticate':
          'Bearer realm="orders-idp", error="invalid_token", error_description="token expired"',
      },
    })
    add(
      'userinfo answered 401 with WWW-Authenticate: Bearer error="invalid_token" to the access token we hold: ' +
        'OPError parsed from the challenge',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => client.userinfo('an-expired-access-token')),
      401,
    )

    idp.reply({ status: 429, headers: RETRY_AFTER, body: 'Too Many Requests' })
    add(
      'userinfo answered 429 with Retry-After: 7 and a text body: OPError "expected 200 OK, got: 429 …"; the ' +
        'response (and its headers) stays on the error',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => client.userinfo('an-access-token')),
      429,
    )

    idp.reply({ status: 200, body: { access_token: 'at-1', token_type: 'Bearer', id_token: 'not-a-jwt' } })
    add(
      'token endpoint answered 200 with an id_token that is not a JWT: RPError while validating it',
      'upstream answered badly (garbage in a 200): 502',
      RESET,
      await rejectionOf(exchange),
    )

    add(
      "the callback's state does not match the login transaction's (a forged or replayed callback): RPError " +
        '"state mismatch"',
      "the client's callback request is invalid (state mismatch): 400",
      { status: 400 },
      await rejectionOf(() =>
        client.callback(REDIRECT, { code: 'auth-code-1', state: 'forged-state' }, { state: 'st-1' }),
      ),
    )

    add(
      'our config builds a client without client_id: TypeError "client_id is required"',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new issuer.Client({ client_id: '' })),
    )
    return cases
  } finally {
    await idp.close()
  }
}

import { AuthorizationCode, ClientCredentials, ResourceOwnerPassword } from 'simple-oauth2'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'simple-oauth2'

export const collect: Collect = async () => {
  const idp = await startUpstream()
  const config = {
    client: { id: 'web-app', secret: 'wrong-secret' },
    auth: { tokenHost: idp.url, tokenPath: '/oauth/token', authorizePath: '/oauth/authorize' },
  }
  // The login callback of our server: it exchanges the code the browser brought back.
  const authCode = new AuthorizationCode(config)
  const exchange = () =>
    authCode.getToken({ code: 'code-from-browser', redirect_uri: 'http://127.0.0.1/callback' })
  // A backend job that gets a machine token.
  const machine = new ClientCredentials({
    client: config.client,
    auth: { tokenHost: idp.url, tokenPath: '/oauth/token' },
    http: { timeout: 150 },
  })
  const machineToken = () => machine.getToken({ scope: 'reports:read' })

  const cases: HeldOutCase[] = []
  try {
    idp.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="oauth"' },
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    })
    cases.push({
      library,
      what: 'token endpoint answered 401 invalid_client to our client secret: Boom "Response Error: 401 Unauthorized" (output.statusCode 401, data.payload)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(exchange),
    })

    idp.reply({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authorization code expired or already used' },
    })
    cases.push({
      library,
      what: 'token endpoint answered 400 invalid_grant to the code we sent: Boom "Response Error: 400 Bad Request"',
      why: 'IdP said 4xx to our request (invalid_grant): 500, status never passed through',
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(exchange),
    })

    idp.reply({ status: 403, body: { error: 'unauthorized_client' } })
    cases.push({
      library,
      what: 'token endpoint answered 403 unauthorized_client to a client_credentials grant: Boom "Response Error: 403 Forbidden"',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(machineToken),
    })

    idp.reply({ status: 500, body: { error: 'server_error' } })
    cases.push({
      library,
      what: 'token endpoint answered 500: Boom "Response Error: 500 Internal Server Error"',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(exchange),
    })

    idp.reply({ status: 503, headers: RETRY_AFTER, body: { error: 'temporarily_unavailable' } })
    cases.push({
      library,
      what: 'token endpoint answered 503 with Retry-After: 7: Boom "Response Error: 503 Service Unavailable"',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(machineToken),
    })

    idp.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'slow_down' } })
    cases.push({
      library,
      what: 'token endpoint answered 429 with Retry-After: 7: Boom "Response Error: 429 Too Many Requests"',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(exchange),
    })

    idp.reply({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>login</html>' })
    cases.push({
      library,
      what: 'token endpoint answered 200 with an HTML page: Boom notAcceptable "The content-type is not JSON compatible" (406)',
      why: 'upstream answered badly (not the token JSON): 502; the 406 is the client library’s verdict on the upstream reply, not ours to the client',
      expect: UPSTREAM_5XX,
      error: await rejectionOf(exchange),
    })

    idp.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"access_token": ' })
    cases.push({
      library,
      what: 'token endpoint answered 200 application/json with truncated JSON: Boom badGateway (502) "Unexpected end of JSON input"',
      why: 'upstream answered badly: 502',
      expect: UPSTREAM_5XX,
      error: await rejectionOf(exchange),
    })

    idp.reply('hang')
    cases.push({
      library,
      what: 'token endpoint never answered, http.timeout 150 ms: Boom gatewayTimeout "Client request timeout" (504)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(machineToken),
    })

    idp.reply('reset')
    cases.push({
      library,
      what: 'token endpoint reset the connection: Boom badGateway (502) "Client request error: read ECONNRESET" (boomified socket error, code ECONNRESET)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(exchange),
    })

    const down = new AuthorizationCode({
      ...config,
      auth: { tokenHost: `http://127.0.0.1:${await closedPort()}` },
    })
    cases.push({
      library,
      what: 'token endpoint refused the connection: Boom badGateway (502) "Client request error: connect ECONNREFUSED …" (boomified socket error, code ECONNREFUSED)',
      why: `${WHY.refused} (the Boom carries 502, the cause is a refusal)`,
      expect: REFUSED,
      error: await rejectionOf(() => down.getToken({ code: 'c', redirect_uri: 'http://127.0.0.1/callback' })),
    })

    cases.push({
      library,
      what: 'our config has no tokenHost (env var unset): constructor throws a joi ValidationError "\\"auth.tokenHost\\" is required"',
      why: 'our own misconfiguration at startup: 500 (not the client’s input, despite the validation error)',
      expect: { status: 500 },
      error: await rejectionOf(
        () =>
          new ResourceOwnerPassword({
            client: config.client,
            auth: { tokenHost: process.env.V_UNSET_IDP_URL },
          } as never),
      ),
    })

    cases.push({
      library,
      what: 'our config passes authorizePath to a client_credentials client: constructor throws a joi ValidationError "Invalid options provided to simple-oauth2 \\"auth.authorizePath\\" is not allowed"',
      why: 'our own misconfiguration at startup: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => new ClientCredentials(config)),
    })

    cases.push({
      library,
      what: 'our config has a tokenHost that is not a URI: constructor throws a joi ValidationError "\\"auth.tokenHost\\" must be a valid uri"',
      why: 'our own misconfiguration at startup: 500',
      expect: { status: 500 },
      error: await rejectionOf(
        () => new ClientCredentials({ client: config.client, auth: { tokenHost: 'idp.internal:8443' } }),
      ),
    })
    return cases
  } finally {
    await idp.close()
  }
}

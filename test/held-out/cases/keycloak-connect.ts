import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import Keycloak from 'keycloak-connect'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'keycloak-connect'

interface Grants {
  createGrant(raw: { access_token: string }): Promise<unknown>
  obtainDirectly(username: string, password: string): Promise<unknown>
  userInfo(token: string): Promise<unknown>
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const keycloak = (authServerUrl: string) =>
    new Keycloak({}, {
      realm: 'shop',
      'auth-server-url': authServerUrl,
      resource: 'orders-api',
      'ssl-required': 'none',
      'confidential-port': 0,
      credentials: { secret: 'orders-api-client-secret' },
    } as unknown as Keycloak.KeycloakConfig)
  const grants = (url = up.url) => keycloak(url).grantManager as unknown as Grants
  const { privateKey } = await generateKeyPair('RS256')
  const { publicKey: otherPublic } = await generateKeyPair('RS256')
  const issuer = `${up.url}/realms/shop`
  const token = (exp: string | number = '1h', iss = issuer, kid = 'realm-key-1') =>
    new SignJWT({ typ: 'Bearer', azp: 'orders-api' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(iss)
      .setAudience('orders-api')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(privateKey)
  const why401 = 'bearer token of the incoming request is invalid: 401'
  try {
    add(
      'grantManager.createGrant on the expired bearer token of an incoming request (plain Error "invalid token ' +
        '(expired)")',
      why401,
      { status: 401 },
      await rejectionOf(async () =>
        grants().createGrant({ access_token: await token(Math.floor(Date.now() / 1000) - 60) }),
      ),
    )
    add(
      'grantManager.createGrant on a bearer token issued by another realm (plain Error "invalid token (wrong ISS)")',
      why401,
      { status: 401 },
      await rejectionOf(async () =>
        grants().createGrant({ access_token: await token('1h', 'http://127.0.0.1:1/realms/other') }),
      ),
    )
    up.reply({
      status: 200,
      body: { keys: [{ ...(await exportJWK(otherPublic)), kid: 'realm-key-2', alg: 'RS256', use: 'sig' }] },
    })
    add(
      'grantManager.createGrant on a bearer token whose kid is not among the realm certs (signed by a foreign key)',
      why401,
      { status: 401 },
      await rejectionOf(async () => grants().createGrant({ access_token: await token() })),
    )
    up.reply({ status: 500, body: 'Internal Server Error' })
    add(
      'grantManager.createGrant: the realm certs endpoint answered 500 ("failed to load public key … Error ' +
        'fetching JWK Keys", no status kept)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(async () => grants().createGrant({ access_token: await token() })),
    )
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="shop"' },
      body: {
        error: 'unauthorized_client',
        error_description: 'Invalid client or Invalid client credentials',
      },
    })
    add(
      'grantManager.obtainDirectly: Keycloak answered 401 to our client secret (plain Error "401:Unauthorized")',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => grants().obtainDirectly('ada', 'correct-horse')),
      401,
    )
    up.reply({
      status: 400,
      body: {
        error: 'unauthorized_client',
        error_description: 'Client not allowed for direct access grants',
      },
    })
    add(
      'grantManager.obtainDirectly: Keycloak answered 400, direct access grants are off for our client (plain ' +
        'Error "400:Bad Request")',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => grants().obtainDirectly('ada', 'correct-horse')),
      400,
    )
    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    add(
      'grantManager.obtainDirectly: Keycloak answered 503 with Retry-After: 7 (plain Error "503:Service ' +
        'Unavailable", no headers kept)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => grants().obtainDirectly('ada', 'correct-horse')),
      503,
    )
    up.reply({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' })
    add(
      'grantManager.userInfo: the userinfo endpoint answered 502 (plain Error "Error fetching account", no status ' +
        'kept)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => grants().userInfo('access-token-of-the-user')),
    )
    up.reply({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '<html>login page</html>',
    })
    add(
      "grantManager.obtainDirectly: the token endpoint answered 200 with an HTML page; the library's JSON.parse " +
        'throws a SyntaxError',
      'garbage reply from the identity provider: 502',
      RESET,
      await rejectionOf(() => grants().obtainDirectly('ada', 'correct-horse')),
    )
    const port = await closedPort()
    add(
      'grantManager.obtainDirectly: nothing listens on the Keycloak port (raw ECONNREFUSED from node:http)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => grants(`http://127.0.0.1:${port}`).obtainDirectly('ada', 'correct-horse')),
    )
  } finally {
    await up.close()
  }
  return cases
}

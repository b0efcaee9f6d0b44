import OktaJwtVerifier from '@okta/jwt-verifier'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_429_BARE, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@okta/jwt-verifier'

const AUDIENCE = 'api://default'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }
  const issuer = `${up.url}/oauth2/default`
  const token = (
    claims: Record<string, unknown> = { sub: 'user-1' },
    kid = 'key-1',
    exp: string | number = '1h',
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(privateKey)
  // A new verifier per case: each has its own JWKS cache. The issuer is plain http on loopback.
  const verifier = (iss = issuer, assertClaims?: Record<string, unknown>) =>
    new OktaJwtVerifier({
      issuer: iss,
      testing: { disableHttpsCheck: true },
      ...(assertClaims === undefined ? {} : { assertClaims }),
    })
  const warn = console.warn
  console.warn = () => {}
  const why401 = 'access token on the incoming request is invalid: 401'
  try {
    up.reply({ status: 200, body: { keys: [jwk] } })
    add(
      'verifyAccessToken on a bearer value that is not a JWT ("Jwt cannot be parsed")',
      why401,
      { status: 401 },
      await rejectionOf(() => verifier().verifyAccessToken('not.a.jwt', AUDIENCE)),
    )
    add(
      'verifyAccessToken on an expired access token ("Jwt is expired")',
      why401,
      { status: 401 },
      await rejectionOf(async () =>
        verifier().verifyAccessToken(
          await token({ sub: 'user-1' }, 'key-1', Math.floor(Date.now() / 1000) - 120),
          AUDIENCE,
        ),
      ),
    )
    add(
      'verifyAccessToken on a token minted for another API (audience claim mismatch, a plain Error)',
      why401,
      { status: 401 },
      await rejectionOf(async () => verifier().verifyAccessToken(await token(), 'api://payments')),
    )
    add(
      "verifyAccessToken on a token whose kid is not in the issuer's JWKS (forged / foreign key)",
      why401,
      { status: 401 },
      await rejectionOf(async () =>
        verifier().verifyAccessToken(await token({ sub: 'user-1' }, 'attacker-key'), AUDIENCE),
      ),
    )
    add(
      'verifyAccessToken with assertClaims { "scp.includes": ["invoices:write"] } on a valid token that only has ' +
        'invoices:read',
      'valid credential lacking the required scope: forbidden action, 403',
      { status: 403 },
      await rejectionOf(async () =>
        verifier(issuer, { 'scp.includes': ['invoices:write'] }).verifyAccessToken(
          await token({ sub: 'user-1', scp: ['invoices:read'] }),
          AUDIENCE,
        ),
      ),
    )
    up.reply({ status: 500, body: 'internal error' })
    add(
      "the issuer's JWKS endpoint answered 500 while resolving the signing key (JwtParseError wrapping a " +
        'JwksError as innerError)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(async () => verifier().verifyAccessToken(await token(), AUDIENCE)),
      500,
    )
    up.reply({ status: 404, body: { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found' } })
    add(
      'the JWKS endpoint of the issuer we are configured with answered 404 (wrong authorization server id)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(async () => verifier().verifyAccessToken(await token(), AUDIENCE)),
      404,
    )
    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit' },
    })
    add(
      'the JWKS endpoint answered 429 with Retry-After: 7; the wrapped JwksError keeps no headers',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(async () => verifier().verifyAccessToken(await token(), AUDIENCE)),
      429,
    )
    const port = await closedPort()
    add(
      "nothing listens on the issuer's port while fetching the JWKS (innerError ECONNREFUSED)",
      WHY.refused,
      REFUSED,
      await rejectionOf(async () =>
        verifier(`http://127.0.0.1:${port}/oauth2/default`).verifyAccessToken(await token(), AUDIENCE),
      ),
    )
    add(
      'new OktaJwtVerifier with an http:// issuer and the HTTPS check on (ConfigurationValidationError)',
      'our misconfiguration: 500',
      { status: 500 },
      await rejectionOf(() => new OktaJwtVerifier({ issuer: 'http://dev-123456.okta.com/oauth2/default' })),
    )
  } finally {
    console.warn = warn
    await up.close()
  }
  return cases
}

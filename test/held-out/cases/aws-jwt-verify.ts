import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { JwtRsaVerifier } from 'aws-jwt-verify'
import { SimpleFetcher } from 'aws-jwt-verify/https'
import { SimpleJwksCache } from 'aws-jwt-verify/jwk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'

const library = 'aws-jwt-verify'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** An RS256 JWT signed with `key`. */
function jwt(key: KeyObject, kid: string, payload: Record<string, unknown>): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(payload)}`
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`
}

export const collect: Collect = async () => {
  const issuer = 'https://issuer.example.com'
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const other = createPrivateKey(
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
  )
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }
  const now = Math.floor(Date.now() / 1000)
  const claims = { iss: issuer, aud: 'api', sub: 'u1', iat: now - 10, exp: now + 600 }
  // A verifier whose JWKS is cached in advance: token checks need no network.
  const cached = JwtRsaVerifier.create({
    issuer,
    audience: 'api',
    jwksUri: `${issuer}/.well-known/jwks.json`,
  })
  cached.cacheJwks({ keys: [jwk as never] })
  // Verifiers that must download the JWKS (over HTTPS only) from a loopback port that refuses, or
  // that accepts and never answers; the fetcher's responseTimeout is 250 ms.
  const fetching = (jwksUri: string) =>
    JwtRsaVerifier.create(
      { issuer, audience: 'api', jwksUri },
      {
        jwksCache: new SimpleJwksCache({
          fetcher: new SimpleFetcher({ defaultRequestOptions: { responseTimeout: 250 } }),
        }),
      },
    )
  const silent = await hangingServer()
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a bearer token that expired a minute ago (JwtExpiredError)',
        why: 'auth: expired token presented by the client',
        expect: { status: 401 },
        error: await rejectionOf(() => cached.verify(jwt(privateKey, 'k1', { ...claims, exp: now - 60 }))),
      },
      {
        library,
        what: 'a bearer token signed by another key (JwtInvalidSignatureError)',
        why: 'auth: invalid token presented by the client',
        expect: { status: 401 },
        error: await rejectionOf(() => cached.verify(jwt(other, 'k1', claims))),
      },
      {
        library,
        what: 'a bearer token for another audience (JwtInvalidAudienceError)',
        why: 'auth: invalid token presented by the client',
        expect: { status: 401 },
        error: await rejectionOf(() => cached.verify(jwt(privateKey, 'k1', { ...claims, aud: 'billing' }))),
      },
      {
        library,
        what: 'a bearer token that is not a JWT at all (JwtParseError)',
        why: 'auth: invalid token presented by the client',
        expect: { status: 401 },
        error: await rejectionOf(() => cached.verify('not.a-jwt')),
      },
    )

    const refused = fetching(`https://127.0.0.1:${await closedPort()}/.well-known/jwks.json`)
    cases.push({
      library,
      what: 'the JWKS download was refused by a closed loopback port (FetchError, ECONNREFUSED only in the message)',
      why: 'dependency unavailable: the identity provider refused, 503',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => refused.verify(jwt(privateKey, 'k1', claims))),
    })

    const slow = fetching(`https://127.0.0.1:${silent.port}/.well-known/jwks.json`)
    cases.push({
      library,
      what: "the JWKS download hit the fetcher's 250 ms responseTimeout (FetchError 'Response time-out')",
      why: 'dependency too slow (client timeout): 504',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => slow.verify(jwt(privateKey, 'k1', claims))),
    })
    return cases
  } finally {
    await silent.close()
  }
}

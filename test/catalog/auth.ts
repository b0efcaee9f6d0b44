import { createServer, type Server } from 'node:http'
import * as jose from 'jose'
import jwt from 'jsonwebtoken'
import { rejectionOf, thrownBy } from '../support/caught.js'
import { listen } from '../support/loopback.js'
import { catalog, type Example, errorWith } from './example.js'

// Real verification failures of jsonwebtoken, jose and fast-jwt; a remote JWKS is a loopback
// identity provider.

const SECRET = 'catalog-secret-that-is-long-enough-for-hs256'
const ATTACKER = 'another-secret-that-the-attacker-signed-with'
const now = () => Math.floor(Date.now() / 1000)

/** A 401 for a rejected token: it carries a `WWW-Authenticate` challenge (RFC 6750). */
const rejected = (error: string, rule: string, make: () => unknown): Example => ({
  error,
  make,
  rule,
  status: 401,
  retryable: false,
  headers: ['www-authenticate'],
})

const jsonWebTokenError = (message: string, make: () => unknown): Example =>
  rejected(`jsonwebtoken \`JsonWebTokenError\` "${message}"`, 'auth:JsonWebTokenError', make)

/** What jsonwebtoken's verify throws. */
const verified = (token: string, key: string, options: jwt.VerifyOptions = {}) =>
  thrownBy(() => jwt.verify(token, key, options))

/** A token signed with SECRET, for the audience `internal-billing-api`. */
const billingToken = () => jwt.sign({ sub: 'u1' }, SECRET, { audience: 'internal-billing-api' })

/** A token with `header` and `payload` and no signature. */
function unsigned(header: object, payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part(header)}.${part(payload)}.`
}

// jose: one key pair (and a stranger's), and a token of ours, made on first use.
let keys:
  | Promise<{ publicKey: CryptoKey; privateKey: CryptoKey; otherKey: CryptoKey; token: string }>
  | undefined
function joseKeys() {
  keys ??= (async () => {
    const { publicKey, privateKey } = await jose.generateKeyPair('ES256')
    const { publicKey: otherKey } = await jose.generateKeyPair('ES256')
    const token = await new jose.SignJWT({ scope: 'read' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuedAt()
      .setAudience('internal-billing-api')
      .setExpirationTime('1h')
      .sign(privateKey)
    return { publicKey, privateKey, otherKey, token }
  })()
  return keys
}

/** What jose's jwtVerify rejects with for our token and `key`. */
async function joseRejection(
  key: (keys: Awaited<ReturnType<typeof joseKeys>>) => Parameters<typeof jose.jwtVerify>[1],
  options: jose.JWTVerifyOptions = {},
): Promise<unknown> {
  const k = await joseKeys()
  return rejectionOf(() => jose.jwtVerify(k.token, key(k) as CryptoKey, options))
}

// The identity provider's JWKS endpoint, on loopback, started on first use: `/slow` never
// answers, `/garbage` answers a key set that is not one, `/unavailable` answers 503.
let idp: Promise<{ server: Server; base: string }> | undefined
function identityProvider() {
  idp ??= (async () => {
    const server = createServer((request, response) => {
      if (request.url === '/garbage')
        response.setHeader('content-type', 'application/json').end('{"keys":"none"}')
      if (request.url === '/unavailable') response.writeHead(503).end()
    })
    return { server, base: `http://127.0.0.1:${await listen(server)}` }
  })()
  return idp
}

async function close(): Promise<void> {
  const started = await idp
  idp = undefined
  if (!started) return
  started.server.closeAllConnections()
  await new Promise((resolve) => started.server.close(resolve))
}

/** What jwtVerify rejects with when the key set is the IdP's `path`. */
async function remoteJwksRejection(path: string): Promise<unknown> {
  const { base } = await identityProvider()
  const keySet = jose.createRemoteJWKSet(new URL(`${base}${path}`), { timeoutDuration: 50 })
  const { token } = await joseKeys()
  return rejectionOf(() => jose.jwtVerify(token, keySet))
}

const joseError = (code: string, make: () => unknown): Example =>
  rejected(`jose \`${code}\``, `auth:${code}`, make)

export default catalog(
  'auth',
  [
    rejected('jsonwebtoken `TokenExpiredError`', 'auth:TokenExpiredError', () =>
      verified(jwt.sign({ sub: 'u1', exp: now() - 60 }, SECRET), SECRET),
    ),
    rejected('jsonwebtoken `NotBeforeError`', 'auth:NotBeforeError', () =>
      verified(jwt.sign({ sub: 'u1' }, SECRET, { notBefore: 600 }), SECRET),
    ),
    jsonWebTokenError('jwt must be provided', () => verified('', SECRET)),
    jsonWebTokenError('jwt malformed', () => verified('not-a-token', SECRET)),
    jsonWebTokenError('invalid token', () => verified('a.b.c', SECRET)),
    jsonWebTokenError('jwt signature is required', () =>
      verified(unsigned({ alg: 'HS256', typ: 'JWT' }, { sub: 'u1' }), SECRET),
    ),
    jsonWebTokenError('invalid algorithm', () => verified(billingToken(), SECRET, { algorithms: ['HS512'] })),
    jsonWebTokenError('invalid signature', () => verified(billingToken(), ATTACKER)),
    // A string payload is signed as is, without the checks sign() makes of an object's claims.
    jsonWebTokenError('invalid nbf value', () =>
      verified(jwt.sign(JSON.stringify({ sub: 'u1', nbf: 'soon' }), SECRET), SECRET),
    ),
    jsonWebTokenError('invalid exp value', () =>
      verified(jwt.sign(JSON.stringify({ sub: 'u1', exp: 'later' }), SECRET), SECRET),
    ),
    jsonWebTokenError('iat required when maxAge is specified', () =>
      verified(jwt.sign({ sub: 'u1' }, SECRET, { noTimestamp: true }), SECRET, { maxAge: '1h' }),
    ),
    rejected(
      'jsonwebtoken `JsonWebTokenError` "jwt audience/issuer/subject/jwtid/nonce invalid. …"',
      'auth:JsonWebTokenError',
      () => verified(billingToken(), SECRET, { audience: 'public-api' }),
    ),
    {
      error:
        'jsonwebtoken `JsonWebTokenError`, any other message ("secret or public key must be provided" …)',
      // Our own missing secret.
      make: () => verified(billingToken(), ''),
      rule: 'auth:jsonwebtoken-misconfigured',
      status: 500,
    },
    joseError('ERR_JWT_EXPIRED', async () => {
      const { publicKey, privateKey } = await joseKeys()
      const expired = await new jose.SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setExpirationTime(now() - 60)
        .sign(privateKey)
      return rejectionOf(() => jose.jwtVerify(expired, publicKey))
    }),
    joseError('ERR_JWT_CLAIM_VALIDATION_FAILED', () =>
      joseRejection((k) => k.publicKey, { audience: 'public-api' }),
    ),
    joseError('ERR_JWS_SIGNATURE_VERIFICATION_FAILED', () => joseRejection((k) => k.otherKey)),
    joseError('ERR_JWS_INVALID', async () => {
      const { publicKey } = await joseKeys()
      return rejectionOf(() => jose.jwtVerify('not-a-token', publicKey))
    }),
    // A signed payload that is not a claims set.
    joseError('ERR_JWT_INVALID', async () => {
      const { publicKey, privateKey } = await joseKeys()
      const notClaims = await new jose.CompactSign(new TextEncoder().encode('not json'))
        .setProtectedHeader({ alg: 'ES256' })
        .sign(privateKey)
      return rejectionOf(() => jose.jwtVerify(notClaims, publicKey))
    }),
    joseError('ERR_JWE_INVALID', () =>
      rejectionOf(() => jose.jwtDecrypt('a.b.c', new Uint8Array(32).fill(7))),
    ),
    joseError('ERR_JWE_DECRYPTION_FAILED', async () => {
      const jwe = await new jose.EncryptJWT({ sub: 'u1' })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .encrypt(new Uint8Array(32).fill(7))
      return rejectionOf(() => jose.jwtDecrypt(jwe, new Uint8Array(32).fill(8)))
    }),
    joseError('ERR_JOSE_ALG_NOT_ALLOWED', () => joseRejection((k) => k.publicKey, { algorithms: ['RS256'] })),
    // The token names key `k1`; the key set holds none, or two.
    joseError('ERR_JWKS_NO_MATCHING_KEY', () => joseRejection(() => jose.createLocalJWKSet({ keys: [] }))),
    joseError('ERR_JWKS_MULTIPLE_MATCHING_KEYS', async () => {
      const jwk = await jose.exportJWK((await joseKeys()).otherKey)
      return joseRejection(() =>
        jose.createLocalJWKSet({
          keys: [
            { ...jwk, kid: 'k1' },
            { ...jwk, kid: 'k1' },
          ],
        }),
      )
    }),
    {
      error: 'jose `ERR_JWKS_TIMEOUT`',
      make: () => remoteJwksRejection('/slow'),
      rule: 'auth:ERR_JWKS_TIMEOUT',
      status: 504,
      retryable: true,
    },
    {
      error: 'jose `ERR_JWKS_INVALID`',
      // The identity provider answered something that is not a key set.
      make: () => remoteJwksRejection('/garbage'),
      rule: 'auth:ERR_JWKS_INVALID',
      status: 502,
      retryable: true,
    },
    {
      error: 'jose `ERR_JWK_INVALID`',
      // A key of ours that is no key.
      make: () => rejectionOf(() => jose.calculateJwkThumbprint({ kty: 'EC' })),
      rule: 'auth:ERR_JWK_INVALID',
      status: 500,
    },
    {
      error: 'jose `ERR_JOSE_NOT_SUPPORTED`',
      make: () => rejectionOf(() => jose.importJWK({ kty: 'XYZ' }, 'ES256')),
      rule: 'auth:ERR_JOSE_NOT_SUPPORTED',
      status: 500,
    },
    {
      error: 'jose `ERR_JOSE_GENERIC`',
      // jose's only generic errors: a JWKS response that is not 200 OK, or not JSON.
      make: () => remoteJwksRejection('/unavailable'),
      rule: 'auth:ERR_JOSE_GENERIC',
      status: 502,
      retryable: true,
    },
    // The shape of token libraries that no family names (a class of their own, a code that says what
    // failed); real ones are measured by the held-out set (test/held-out/), which a catalog must not name.
    rejected(
      "a token library's code that says the token expired, e.g. `JWT_EXPIRED`",
      'auth:token-expired',
      () => errorWith('The token has expired.', { code: 'JWT_EXPIRED' }, 'TokenError'),
    ),
    rejected(
      "a token library's code that says the token is bad, e.g. `JWT_INVALID_SIGNATURE`, `ERR_INVALID_TOKEN`",
      'auth:token-invalid',
      () => errorWith('The token signature is invalid.', { code: 'JWT_INVALID_SIGNATURE' }, 'TokenError'),
    ),
    rejected(
      "a token library's class name that says the token is bad, e.g. `InvalidTokenError`",
      'auth:token-invalid',
      () => {
        class InvalidTokenError extends Error {}
        const error = new InvalidTokenError('Invalid token specified: missing part #2')
        error.name = 'InvalidTokenError'
        return error
      },
    ),
    rejected(
      'a verifier\'s plain `Error` that says a token or an assertion expired ("Token expired")',
      'auth:token-expired',
      () => new Error('Token expired'),
    ),
    {
      error:
        'a verifier\'s plain `Error` that says a token or an assertion was made for another audience or by another issuer ("audience mismatch", "wrong ISS")',
      make: () => new Error('SAML assertion audience mismatch'),
      rule: 'auth:claim-mismatch',
      status: 401,
      retryable: false,
    },
    {
      error:
        'a verifier\'s plain `Error` that says a signature does not verify ("Invalid document signature", "signature validation failed"), or a class named for a signed request\'s failed check (`WebhookVerificationError`)',
      make: () => new Error('Invalid document signature'),
      rule: 'auth:signature-invalid',
      status: 401,
      retryable: false,
    },
  ],
  close,
)

import { generateKeyPairSync } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as jose from 'jose'
import jwt from 'jsonwebtoken'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Classification, classify } from '../../src/index.js'

const SECRET = 'test-secret-that-is-long-enough-for-hs256'
const INVALID = 'Bearer error="invalid_token"'
const EXPIRED = 'Bearer error="invalid_token", error_description="The access token expired"'

function caught(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

/** A 401 whose message is one of ours, never the library's (which can name our audience or issuer). */
function expectUnauthorized(c: Classification, error: unknown, rule: string, header = INVALID): void {
  expect(c).toMatchObject({ status: 401, code: 'UNAUTHORIZED', retryable: false, expose: false, rule })
  expect(c.headers).toEqual({ 'www-authenticate': header })
  expect(c.message).toMatch(
    /^(The access token (is invalid|has expired|is not valid yet)|An access token is required)\.$/,
  )
  expect(c.message).not.toContain((error as Error).message)
}

describe('jsonwebtoken', () => {
  const token = jwt.sign({ sub: 'u1' }, SECRET, {
    audience: 'internal-billing-api',
    issuer: 'https://idp.internal',
  })

  it('TokenExpiredError is 401 with an RFC 6750 expired description', () => {
    const expired = jwt.sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 60 }, SECRET)
    const error = caught(() => jwt.verify(expired, SECRET))
    expect(error).toBeInstanceOf(jwt.TokenExpiredError)
    const c = classify(error)
    expectUnauthorized(c, error, 'auth:TokenExpiredError', EXPIRED)
    expect(c.message).toBe('The access token has expired.')
  })

  it('maxAge exceeded is an expired token too', () => {
    const old = jwt.sign({ sub: 'u1', iat: Math.floor(Date.now() / 1000) - 3600 }, SECRET)
    const error = caught(() => jwt.verify(old, SECRET, { maxAge: '5m' }))
    expect((error as Error).message).toBe('maxAge exceeded')
    expectUnauthorized(classify(error), error, 'auth:TokenExpiredError', EXPIRED)
  })

  it('NotBeforeError is 401', () => {
    const early = jwt.sign({ sub: 'u1' }, SECRET, { notBefore: 600 })
    const error = caught(() => jwt.verify(early, SECRET))
    expect(error).toBeInstanceOf(jwt.NotBeforeError)
    const c = classify(error)
    expectUnauthorized(c, error, 'auth:NotBeforeError')
    expect(c.message).toBe('The access token is not valid yet.')
  })

  it.each([
    ['invalid signature', () => jwt.verify(token, 'another-secret-of-the-attacker-0000')],
    ['jwt malformed', () => jwt.verify('not-a-token', SECRET)],
    ['invalid token', () => jwt.verify('a.b.c', SECRET)],
    ['invalid algorithm', () => jwt.verify(token, SECRET, { algorithms: ['HS512'] })],
  ])('JsonWebTokenError "%s" is 401', (message, run) => {
    const error = caught(run)
    expect(error).toBeInstanceOf(jwt.JsonWebTokenError)
    expect((error as Error).message).toBe(message)
    expectUnauthorized(classify(error), error, 'auth:JsonWebTokenError')
  })

  it('a wrong audience or issuer is 401, and the expected values are never shown', () => {
    for (const options of [{ audience: 'public-api' }, { issuer: 'https://other' }]) {
      const error = caught(() => jwt.verify(token, SECRET, options))
      expect((error as Error).message).toMatch(/expected: /)
      const c = classify(error)
      expectUnauthorized(c, error, 'auth:JsonWebTokenError')
      const shown = JSON.stringify({ ...c, cause: undefined })
      expect(shown).not.toContain('public-api')
      expect(shown).not.toContain('https://other')
    }
  })

  it('a request without a token gets a challenge without an error code (RFC 6750 §3.1)', () => {
    const error = caught(() => jwt.verify('', SECRET))
    expect((error as Error).message).toBe('jwt must be provided')
    const c = classify(error)
    expectUnauthorized(c, error, 'auth:JsonWebTokenError', 'Bearer')
    expect(c.message).toBe('An access token is required.')
  })

  it('our own missing secret is a 500, not a 401 that would log users out', () => {
    const error = caught(() => jwt.verify(token, ''))
    expect(error).toBeInstanceOf(jwt.JsonWebTokenError)
    expect((error as Error).message).toBe('secret or public key must be provided')
    const c = classify(error)
    expect(c).toMatchObject({
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      rule: 'auth:jsonwebtoken-misconfigured',
    })
    expect(c.headers).toEqual({})
  })

  it('a key of the wrong kind for the algorithm (our configuration) is a 500', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const es256 = jwt.sign({ sub: 'u1' }, privateKey, { algorithm: 'ES256' })
    const error = caught(() => jwt.verify(es256, SECRET, { algorithms: ['ES256'] }))
    expect((error as Error).message).toBe('secretOrPublicKey must be an asymmetric key when using ES256')
    expect(classify(error)).toMatchObject({ status: 500, rule: 'auth:jsonwebtoken-misconfigured' })
  })

  it('a failing key callback (our key lookup) is a 500', async () => {
    const error = await new Promise((resolve) =>
      jwt.verify(
        token,
        (_header, callback) => callback(new Error('key store down')),
        (err) => resolve(err),
      ),
    )
    expect((error as Error).message).toMatch(/^error in secret or public key callback/)
    expect(classify(error).status).toBe(500)
  })
})

describe('jose', () => {
  let publicKey: CryptoKey
  let privateKey: CryptoKey
  let otherPublicKey: CryptoKey
  let token: string
  beforeAll(async () => {
    ;({ publicKey, privateKey } = await jose.generateKeyPair('ES256'))
    ;({ publicKey: otherPublicKey } = await jose.generateKeyPair('ES256'))
    token = await new jose.SignJWT({ scope: 'read' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuedAt()
      .setAudience('internal-billing-api')
      .setExpirationTime('1h')
      .sign(privateKey)
  })

  it('ERR_JWT_EXPIRED is 401 with the expired description', async () => {
    const expired = await new jose.SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(privateKey)
    const error = await rejection(() => jose.jwtVerify(expired, publicKey))
    expect(error).toBeInstanceOf(jose.errors.JWTExpired)
    const c = classify(error)
    expectUnauthorized(c, error, 'auth:ERR_JWT_EXPIRED', EXPIRED)
    expect(c.message).toBe('The access token has expired.')
  })

  it('ERR_JWT_CLAIM_VALIDATION_FAILED is 401 (an `nbf` failure says "not valid yet")', async () => {
    const wrongAudience = await rejection(() => jose.jwtVerify(token, publicKey, { audience: 'public-api' }))
    expect(wrongAudience).toBeInstanceOf(jose.errors.JWTClaimValidationFailed)
    expectUnauthorized(classify(wrongAudience), wrongAudience, 'auth:ERR_JWT_CLAIM_VALIDATION_FAILED')
    expect(classify(wrongAudience).message).toBe('The access token is invalid.')

    const early = await new jose.SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setNotBefore('1h')
      .sign(privateKey)
    const notYet = await rejection(() => jose.jwtVerify(early, publicKey))
    expect(classify(notYet).message).toBe('The access token is not valid yet.')
  })

  it.each([
    ['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', () => jose.jwtVerify(token, otherPublicKey)],
    ['ERR_JWS_INVALID', () => jose.jwtVerify('not-a-token', publicKey)],
    ['ERR_JOSE_ALG_NOT_ALLOWED', () => jose.jwtVerify(token, publicKey, { algorithms: ['RS256'] })],
    ['ERR_JWKS_NO_MATCHING_KEY', async () => jose.jwtVerify(token, jose.createLocalJWKSet({ keys: [] }))],
  ])('%s is 401', async (code, run) => {
    const error = await rejection(run)
    expect((error as { code: string }).code).toBe(code)
    expectUnauthorized(classify(error), error, `auth:${code}`)
  })

  it('ERR_JWT_INVALID (a signed payload that is not a claims set) is 401', async () => {
    const notClaims = await new jose.CompactSign(new TextEncoder().encode('not json'))
      .setProtectedHeader({ alg: 'ES256' })
      .sign(privateKey)
    const error = await rejection(() => jose.jwtVerify(notClaims, publicKey))
    expect(error).toBeInstanceOf(jose.errors.JWTInvalid)
    expectUnauthorized(classify(error), error, 'auth:ERR_JWT_INVALID')
  })

  it('ERR_JWKS_MULTIPLE_MATCHING_KEYS is 401', async () => {
    const jwk = await jose.exportJWK(otherPublicKey)
    const keySet = jose.createLocalJWKSet({
      keys: [
        { ...jwk, kid: 'k1' },
        { ...jwk, kid: 'k1' },
      ],
    })
    const error = await rejection(() => jose.jwtVerify(token, keySet))
    expect(error).toBeInstanceOf(jose.errors.JWKSMultipleMatchingKeys)
    expectUnauthorized(classify(error), error, 'auth:ERR_JWKS_MULTIPLE_MATCHING_KEYS')
  })

  it('ERR_JWE_DECRYPTION_FAILED and ERR_JWE_INVALID are 401', async () => {
    const secret = new Uint8Array(32).fill(7)
    const jwe = await new jose.EncryptJWT({ a: 1 })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(secret)
    const wrongKey = await rejection(() => jose.jwtDecrypt(jwe, new Uint8Array(32).fill(8)))
    expect(wrongKey).toBeInstanceOf(jose.errors.JWEDecryptionFailed)
    expectUnauthorized(classify(wrongKey), wrongKey, 'auth:ERR_JWE_DECRYPTION_FAILED')
    const malformed = await rejection(() => jose.jwtDecrypt('a.b.c', secret))
    expect(malformed).toBeInstanceOf(jose.errors.JWEInvalid)
    expectUnauthorized(classify(malformed), malformed, 'auth:ERR_JWE_INVALID')
  })

  it('a bad key of ours is a 500: ERR_JWK_INVALID, ERR_JOSE_NOT_SUPPORTED', async () => {
    const badJwk = await rejection(() => jose.calculateJwkThumbprint({ kty: 'EC' }))
    expect(badJwk).toBeInstanceOf(jose.errors.JWKInvalid)
    expect(classify(badJwk)).toMatchObject({ status: 500, rule: 'auth:ERR_JWK_INVALID', headers: {} })
    const unsupported = await rejection(() => jose.importJWK({ kty: 'XYZ' }, 'ES256'))
    expect(unsupported).toBeInstanceOf(jose.errors.JOSENotSupported)
    expect(classify(unsupported)).toMatchObject({ status: 500, rule: 'auth:ERR_JOSE_NOT_SUPPORTED' })
  })

  describe('a remote JWKS (the identity provider is a dependency)', () => {
    let server: Server
    let base: string
    const sockets = new Set<import('node:net').Socket>()
    beforeAll(async () => {
      server = createServer((request, response) => {
        if (request.url === '/garbage') {
          response.setHeader('content-type', 'application/json')
          response.end('{"keys":"not-a-list"}')
        }
        // '/slow' never answers.
      })
      server.on('connection', (socket) => {
        sockets.add(socket)
        socket.on('close', () => sockets.delete(socket))
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    })

    it('ERR_JWKS_TIMEOUT is 504, retryable', async () => {
      const keySet = jose.createRemoteJWKSet(new URL(`${base}/slow`), { timeoutDuration: 100 })
      const error = await rejection(() => jose.jwtVerify(token, keySet))
      expect(error).toBeInstanceOf(jose.errors.JWKSTimeout)
      const c = classify(error)
      expect(c).toMatchObject({
        status: 504,
        code: 'GATEWAY_TIMEOUT',
        retryable: true,
        rule: 'auth:ERR_JWKS_TIMEOUT',
      })
      expect(c.headers['www-authenticate']).toBeUndefined()
    })

    it('ERR_JWKS_INVALID (the IdP answered garbage) is 502', async () => {
      const keySet = jose.createRemoteJWKSet(new URL(`${base}/garbage`))
      const error = await rejection(() => jose.jwtVerify(token, keySet))
      expect(error).toBeInstanceOf(jose.errors.JWKSInvalid)
      expect(classify(error)).toMatchObject({
        status: 502,
        code: 'BAD_GATEWAY',
        rule: 'auth:ERR_JWKS_INVALID',
      })
    })

    it('an unreachable JWKS is a network failure (503), never a 401', async () => {
      const closed = createServer()
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
      const port = (closed.address() as AddressInfo).port
      await new Promise((resolve) => closed.close(resolve))
      const keySet = jose.createRemoteJWKSet(new URL(`http://127.0.0.1:${port}/jwks`))
      const error = await rejection(() => jose.jwtVerify(token, keySet))
      expect(classify(error)).toMatchObject({ status: 503, retryable: true })
    })
  })
})

describe('lookalikes', () => {
  it('a code that is a table key of Object.prototype finds nothing', () => {
    expect(classify(Object.assign(new Error('x'), { code: 'constructor' })).status).toBe(500)
    expect(classify(Object.assign(new Error('toString'), { name: 'JsonWebTokenError' })).status).toBe(500)
  })

  it('wrapped by the app, the token error still decides', () => {
    const error = caught(() => jwt.verify('not-a-token', SECRET))
    const c = classify(new Error('authenticate failed', { cause: error }))
    expectUnauthorized(c, error, 'auth:JsonWebTokenError')
  })
})

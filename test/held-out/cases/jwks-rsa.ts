import { generateKeyPairSync } from 'node:crypto'
import { JwksClient } from 'jwks-rsa'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

export const collect: Collect = async () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-2024-06', use: 'sig', alg: 'RS256' }
  const issuer = await startUpstream({ status: 200, body: { keys: [jwk] } })
  const jwks = (base: string) =>
    new JwksClient({ jwksUri: `${base}/.well-known/jwks.json`, timeout: 500, cache: false })
  try {
    const client = jwks(issuer.url)
    const unknownKid = await rejectionOf(() => client.getSigningKey('key-forged'))
    issuer.reply({ status: 503, body: 'upstream connect error or disconnect/reset before headers' })
    const unavailable = await rejectionOf(() => client.getSigningKey('key-2024-06'))
    issuer.reply({ status: 404, body: { error: 'not found' } })
    const wrongPath = await rejectionOf(() => client.getSigningKey('key-2024-06'))
    issuer.reply('reset')
    const reset = await rejectionOf(() => client.getSigningKey('key-2024-06'))
    const refusing = jwks(`http://127.0.0.1:${await closedPort()}`)
    const refused = await rejectionOf(() => refusing.getSigningKey('key-2024-06'))
    return [
      {
        library: 'jwks-rsa',
        what: 'a bearer token whose kid the issuer never published: SigningKeyNotFoundError',
        why: 'auth: invalid token presented by the client',
        expect: { status: 401 },
        error: unknownKid,
      },
      {
        library: 'jwks-rsa',
        what: 'the JWKS endpoint answers 503: JwksError Service Unavailable',
        why: 'upstream 503: dependency unavailable',
        upstreamStatus: 503,
        expect: { status: 503, retryable: true },
        error: unavailable,
      },
      {
        library: 'jwks-rsa',
        what: 'the JWKS URL we configured answers 404: JwksError Not Found',
        why: 'upstream said 4xx to us: our misconfiguration, 500',
        upstreamStatus: 404,
        expect: { status: 500 },
        error: wrongPath,
      },
      {
        library: 'jwks-rsa',
        what: 'the JWKS endpoint resets the connection: ECONNRESET with isEndpointUnavailable',
        why: 'reset by an HTTP upstream: 502',
        expect: { status: 502, retryable: true },
        error: reset,
      },
      {
        library: 'jwks-rsa',
        what: 'the JWKS endpoint refuses the connection: ECONNREFUSED with isEndpointUnavailable',
        why: 'refused / unreachable dependency: 503',
        expect: { status: 503, retryable: true },
        error: refused,
      },
    ]
  } finally {
    await issuer.close()
  }
}

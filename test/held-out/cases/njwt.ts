import nJwt from 'njwt'
import type { Collect } from '../case.js'
import { closedPort } from './support/local.js'

const library = 'njwt'

export const collect: Collect = async () => {
  const key = 'a-signing-key-of-32-bytes-000000'
  const failure = (run: () => unknown): unknown => {
    try {
      run()
    } catch (error) {
      return error
    }
    throw new Error('expected the token to be rejected')
  }
  // What the app's bearer check gets from nJwt.verify(token, key) for a client's token.
  const verify = (token: string) => failure(() => nJwt.verify(token, key))
  const expired = nJwt
    .create({ sub: 'u1' }, key)
    .setExpiration(Date.now() - 60_000)
    .compact()
  const early = nJwt
    .create({ sub: 'u1' }, key)
    .setNotBefore(Date.now() + 3_600_000)
    .compact()
  const forged = nJwt.create({ sub: 'admin' }, 'somebody-elses-key-000000000000').compact()
  const hs512 = nJwt.create({ sub: 'u1' }, key, 'HS512').compact()
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const oddAlg = `${b64({ alg: 'XS256', typ: 'JWT' })}.${b64({ sub: 'u1' })}.c2ln`

  // A verifier whose key resolver asks a key service that is down.
  const refusedPort = await closedPort()
  const keyServiceDown = nJwt.createVerifier().withKeyResolver((kid, done) => {
    fetch(`http://127.0.0.1:${refusedPort}/keys/${kid}`).then(
      async (res) => done(null, await res.text()),
      (error: Error) => done(error, ''),
    )
  })
  const withKid = nJwt.create({ sub: 'u1' }, key)
  withKid.setHeader('kid', 'key-2024')
  const resolverFailure = await new Promise<unknown>((resolve) =>
    keyServiceDown.verify(withKid.compact(), (error) => resolve(error)),
  )

  return [
    {
      library,
      what: 'a bearer value that is not a JWT ("not-a-jwt"): JwtParseError "Jwt cannot be parsed" (no stack: the constructor never calls Error)',
      why: 'auth: malformed token presented by the client (401)',
      expect: { status: 401 },
      error: verify('not-a-jwt'),
    },
    {
      library,
      what: 'an expired token: JwtParseError "Jwt is expired" with parsedHeader / parsedBody',
      why: 'auth: expired token (401)',
      expect: { status: 401 },
      error: verify(expired),
    },
    {
      library,
      what: 'a token whose nbf is an hour ahead: JwtParseError "Jwt not active"',
      why: 'auth: token not valid yet (401)',
      expect: { status: 401 },
      error: verify(early),
    },
    {
      library,
      what: 'a token signed with another key: JwtParseError "Signature verification failed"',
      why: 'auth: invalid token (401)',
      expect: { status: 401 },
      error: verify(forged),
    },
    {
      library,
      what: 'an HS512 token given to the HS256 verifier: JwtParseError "Unexpected signature algorithm"',
      why: 'auth: invalid token (401)',
      expect: { status: 401 },
      error: verify(hs512),
    },
    {
      library,
      what: 'a token whose header names an unknown alg "XS256": JwtError "Unsupported signing algorithm"',
      why: 'auth: invalid token presented by the client (401)',
      expect: { status: 401 },
      error: verify(oddAlg),
    },
    {
      library,
      what: 'the key resolver asked a key service that refused: JwtParseError "Error while resolving signing key for kid \\"key-2024\\"" with innerError TypeError fetch failed (cause ECONNREFUSED); no `cause`',
      why: 'dependency unavailable (the key service refused): 503',
      expect: { status: 503, retryable: true },
      error: resolverFailure,
    },
    {
      library,
      what: 'a verifier created without setSigningKey (HS256) (our bug): Node TypeError ERR_INVALID_ARG_TYPE from crypto.createHmac inside njwt',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: failure(() => nJwt.createVerifier().verify(forged)),
    },
  ]
}

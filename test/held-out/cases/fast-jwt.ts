import { createSigner, createVerifier } from 'fast-jwt'
import type { Collect } from '../case.js'

export const collect: Collect = async () => {
  const key = 'a-secret-that-is-long-enough-000'
  const sign = createSigner({ key, expiresIn: 60_000 })
  const verify = createVerifier({ key })
  const failure = (run: () => unknown): unknown => {
    try {
      run()
    } catch (error) {
      return error
    }
    throw new Error('expected the token to be rejected')
  }
  const expired = createSigner({ key, clockTimestamp: Date.now() - 3_600_000, expiresIn: 60_000 })({
    sub: 'u1',
  })
  const foreign = createSigner({ key: 'some-other-secret-of-enough-len-1' })({ sub: 'u1' })
  return [
    {
      library: 'fast-jwt',
      what: 'verify of a bearer token that expired an hour ago: FAST_JWT_EXPIRED',
      why: 'auth: expired token presented by the client',
      expect: { status: 401 },
      error: failure(() => verify(expired)),
    },
    {
      library: 'fast-jwt',
      what: 'verify of a token signed with another key: FAST_JWT_INVALID_SIGNATURE',
      why: 'auth: invalid token presented by the client',
      expect: { status: 401 },
      error: failure(() => verify(foreign)),
    },
    {
      library: 'fast-jwt',
      what: 'verify of a bearer value that is not a JWT: FAST_JWT_MALFORMED',
      why: 'auth: invalid token presented by the client',
      expect: { status: 401 },
      error: failure(() => verify('not.a.jwt')),
    },
    {
      library: 'fast-jwt',
      what: 'verify of a token minted for another audience: FAST_JWT_INVALID_CLAIM_VALUE',
      why: 'auth: invalid token presented by the client',
      expect: { status: 401 },
      error: failure(() => createVerifier({ key, allowedAud: 'api' })(sign({ aud: 'admin-console' }))),
    },
  ]
}

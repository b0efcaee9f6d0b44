import jwt from '@tsndr/cloudflare-worker-jwt'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

const library = '@tsndr/cloudflare-worker-jwt'

export const collect: Collect = async () => {
  const secret = 'a-worker-secret-of-32-bytes-0000'
  const now = Math.floor(Date.now() / 1000)
  const expired = await jwt.sign({ sub: 'u1', exp: now - 120 }, secret)
  const early = await jwt.sign({ sub: 'u1', nbf: now + 3600 }, secret)
  const forged = await jwt.sign({ sub: 'admin', exp: now + 600 }, 'somebody-elses-secret-0000000000')
  const hs512 = await jwt.sign({ sub: 'u1', exp: now + 600 }, secret, 'HS512')
  // What the app's bearer check gets from jwt.verify(token, secret, { throwError: true }).
  const verify = (token: string, key: string | undefined) =>
    rejectionOf(() => jwt.verify(token, key, { algorithm: 'HS256', throwError: true }))
  return [
    {
      library,
      what: 'an expired token: plain Error whose whole message is "EXPIRED"',
      why: 'auth: expired token (401)',
      expect: { status: 401 },
      error: await verify(expired, secret),
    },
    {
      library,
      what: 'a token whose nbf is an hour ahead: plain Error "NOT_YET_VALID"',
      why: 'auth: token not valid yet (401)',
      expect: { status: 401 },
      error: await verify(early, secret),
    },
    {
      library,
      what: 'a token signed with another secret: plain Error "INVALID_SIGNATURE"',
      why: 'auth: invalid token (401)',
      expect: { status: 401 },
      error: await verify(forged, secret),
    },
    {
      library,
      what: 'an HS512 token given to the HS256 check: plain Error "INVALID_SIGNATURE" (alg mismatch)',
      why: 'auth: invalid token (401)',
      expect: { status: 401 },
      error: await verify(hs512, secret),
    },
    {
      library,
      what: 'a bearer value without a dot ("letmein"): plain Error "token must consist of 2 or more parts" (thrown even without throwError)',
      why: 'auth: malformed token presented by the client (401)',
      expect: { status: 401 },
      error: await rejectionOf(() => jwt.verify('letmein', secret)),
    },
    {
      library,
      what: 'our verify call with the secret missing from the environment (undefined): plain Error "secret must be a string, a JWK object or a CryptoKey object"',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: await verify(expired, undefined),
    },
  ]
}

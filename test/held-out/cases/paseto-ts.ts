import { decrypt, encrypt, generateKeys, sign, verify } from 'paseto-ts/v4'
import type { Collect } from '../case.js'

const library = 'paseto-ts'

export const collect: Collect = async () => {
  const failure = (run: () => unknown): unknown => {
    try {
      run()
    } catch (error) {
      return error
    }
    throw new Error('expected the token to be rejected')
  }
  const { secretKey, publicKey } = generateKeys('public')
  const other = generateKeys('public')
  const localKey = generateKeys('local')
  const otherLocalKey = generateKeys('local')
  // The tokens a client could present (signing them is not validated, to mint stale ones).
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString()
  const expired = sign(
    secretKey,
    { sub: 'u1', iat: hourAgo, exp: new Date(Date.now() - 60_000).toISOString() },
    { validatePayload: false, addExp: false, addIat: false },
  )
  const early = sign(
    secretKey,
    { sub: 'u1', nbf: new Date(Date.now() + 3_600_000).toISOString() },
    { validatePayload: false, addExp: false, addIat: false },
  )
  const forged = sign(other.secretKey, { sub: 'admin' })
  const sealed = encrypt(otherLocalKey, { sub: 'u1' })
  return [
    {
      library,
      what: 'an expired v4.public token: PasetoClaimInvalid ERR_PASETO_CLAIM_INVALID "Payload must have a valid \\"exp\\" claim (has expired)"',
      why: 'auth: expired token (401)',
      expect: { status: 401 },
      error: failure(() => verify(publicKey, expired)),
    },
    {
      library,
      what: 'a v4.public token whose nbf is an hour ahead: PasetoClaimInvalid "… \\"nbf\\" claim (is in the future)"',
      why: 'auth: token not valid yet (401)',
      expect: { status: 401 },
      error: failure(() => verify(publicKey, early)),
    },
    {
      library,
      what: 'a v4.public token signed with another key: PasetoSignatureInvalid ERR_PASETO_SIGNATURE_INVALID "Invalid token signature"',
      why: 'auth: invalid token (401)',
      expect: { status: 401 },
      error: failure(() => verify(publicKey, forged)),
    },
    {
      library,
      what: 'a bearer value that is a JWT, not a PASETO: PasetoTokenInvalid ERR_PASETO_TOKEN_INVALID "Invalid token format: must start with \\"v4.public.\\""',
      why: 'auth: malformed token presented by the client (401)',
      expect: { status: 401 },
      error: failure(() => verify(publicKey, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln')),
    },
    {
      library,
      what: 'a v4.local session token sealed with another key: PasetoDecryptionFailed ERR_PASETO_DECRYPTION_FAILED "Decryption failed: invalid authentication tag"',
      why: 'auth: invalid token (401)',
      expect: { status: 401 },
      error: failure(() => decrypt(localKey, sealed)),
    },
    {
      library,
      what: 'our verifier configured with the local key instead of the public key: PasetoKeyInvalid ERR_PASETO_KEY_INVALID "Invalid key (string). Key must start with k4.public."',
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: failure(() => verify(localKey, forged)),
    },
  ]
}

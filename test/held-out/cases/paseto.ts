import { LocalProtocol } from 'paseto'
import { DecryptFactory, EncryptFactory, GenerateKeyFactory } from 'paseto/v3/local'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

export const collect: Collect = async () => {
  const v3 = new LocalProtocol(GenerateKeyFactory, EncryptFactory, DecryptFactory)
  const key = await v3.GenerateKey()
  const otherKey = await v3.GenerateKey()
  const expired = await v3.Encrypt(key, { sub: 'alice', exp: new Date(Date.now() - 60_000).toISOString() })
  const fresh = await v3.Encrypt(key, { sub: 'alice' })
  return [
    {
      library: 'paseto',
      what: 'Decrypt of an expired v3.local token: ClaimValidationError "Token has expired"',
      why: 'auth: expired token presented by the client',
      expect: { status: 401 },
      error: await rejectionOf(() => v3.Decrypt(key, expired)),
    },
    {
      library: 'paseto',
      what: 'Decrypt of a token made with another key: InvalidTokenError "Token authentication failed"',
      why: 'auth: invalid token presented by the client',
      expect: { status: 401 },
      error: await rejectionOf(() => v3.Decrypt(otherKey, fresh)),
    },
  ]
}

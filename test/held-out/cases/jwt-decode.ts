import { jwtDecode } from 'jwt-decode'
import type { Collect } from '../case.js'

/** What `jwtDecode` throws for `token`. */
function failure(token: string): unknown {
  try {
    jwtDecode(token)
  } catch (error) {
    return error
  }
  throw new Error('expected the token to be rejected')
}

export const collect: Collect = async () => {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')
  const truncated = `${header}.${Buffer.from('{"sub":"u1","exp":17').toString('base64url')}.sig`
  return [
    {
      library: 'jwt-decode',
      what: 'decode of a bearer value that is not a JWT: InvalidTokenError "missing part #2"',
      why: 'auth: invalid token presented by the client',
      expect: { status: 401 },
      error: failure('opaque-session-token'),
    },
    {
      library: 'jwt-decode',
      what: 'decode of a token with a payload that is not base64url: InvalidTokenError "invalid base64"',
      why: 'auth: invalid token presented by the client',
      expect: { status: 401 },
      error: failure(`${header}.%%%%.sig`),
    },
    {
      library: 'jwt-decode',
      what: 'decode of a token whose payload JSON was cut short: InvalidTokenError "invalid json"',
      why: 'auth: invalid token presented by the client',
      expect: { status: 401 },
      error: failure(truncated),
    },
  ]
}

import jwt from 'jwt-simple'
import type { Collect } from '../case.js'

const library = 'jwt-simple'

/** What `decode` throws for `token`. */
function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

export const collect: Collect = async () => {
  const secret = 'a-secret-that-is-long-enough-000'
  const now = Math.floor(Date.now() / 1000)
  const stale = jwt.encode({ sub: 'u1', exp: now - 60 }, secret)
  const forged = jwt.encode({ sub: 'u1', exp: now + 600 }, 'another-secret-entirely-0000000')
  return [
    {
      library,
      what: 'decode() of an expired bearer token: a plain Error "Token expired"',
      why: 'auth: expired token presented by the client',
      expect: { status: 401 },
      error: thrownBy(() => jwt.decode(stale, secret)),
    },
    {
      library,
      what: 'decode() of a bearer token signed with another secret: a plain Error "Signature verification failed"',
      why: 'auth: invalid token presented by the client',
      expect: { status: 401 },
      error: thrownBy(() => jwt.decode(forged, secret)),
    },
    {
      library,
      what: 'decode() of a bearer token that is not a JWT: a plain Error "Not enough or too many segments"',
      why: 'auth: invalid token presented by the client',
      expect: { status: 401 },
      error: thrownBy(() => jwt.decode('not-a-jwt', secret)),
    },
  ]
}

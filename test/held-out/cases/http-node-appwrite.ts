import { Client, Users } from 'node-appwrite'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'node-appwrite'

/** Appwrite's error body. */
function appwriteError(code: number, type: string, message: string) {
  return { message, code, type, version: '1.7.4' }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The SDK has no retries and no timeout option (so no timeout case). AppwriteException keeps the
  // status as a numeric `code`, the body's `type`, and the raw body text; no headers.
  const users = (endpoint: string) =>
    new Users(new Client().setEndpoint(endpoint).setProject('proj-test').setKey('standard_test_key'))
  const api = users(`${up.url}/v1`)
  const get = () => api.get('user-1')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: appwriteError(
        401,
        'general_unauthorized_scope',
        'app.proj-test@service.cloud.appwrite.io (role: applications) missing scope (users.read)',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 401 general_unauthorized_scope to our API key (AppwriteException, code 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(get),
    })

    up.reply({
      status: 404,
      body: appwriteError(404, 'user_not_found', 'User with the requested ID could not be found.'),
    })
    cases.push({
      library,
      what: 'upstream answered 404 user_not_found (AppwriteException, code 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(get),
    })

    up.reply({
      status: 400,
      body: appwriteError(
        400,
        'general_argument_invalid',
        'Invalid `email` param: Value must be a valid email address',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 400 general_argument_invalid to the user we tried to create (AppwriteException, code 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => api.create('user-1', 'not-an-email')),
    })

    up.reply({
      status: 429,
      body: appwriteError(
        429,
        'general_rate_limit_exceeded',
        'Rate limit for the current endpoint has been exceeded.',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 429 general_rate_limit_exceeded (AppwriteException, code 429)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(get),
    })

    up.reply({ status: 500, body: appwriteError(500, 'general_unknown', 'Server Error') })
    cases.push({
      library,
      what: 'upstream answered 500 general_unknown (AppwriteException, code 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(get),
    })

    up.reply({
      status: 503,
      body: appwriteError(503, 'general_service_disabled', 'The requested service is disabled.'),
    })
    cases.push({
      library,
      what: 'upstream answered 503 general_service_disabled (AppwriteException, code 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(get),
    })

    const refused = users(`http://127.0.0.1:${await closedPort()}/v1`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.get('user-1')),
    })
    return cases
  } finally {
    await up.close()
  }
}

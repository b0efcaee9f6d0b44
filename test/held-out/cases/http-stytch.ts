import * as stytch from 'stytch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'stytch'

/** Stytch's error envelope. */
function stytchError(status: number, type: string, message: string) {
  return {
    status_code: status,
    request_id: `request-id-test-${status}`,
    error_type: type,
    error_message: message,
    error_url: `https://stytch.com/docs/api/errors/${status}#${type}`,
  }
}

function client(url: string): stytch.Client {
  // `custom_base_url` must be https, so the loopback URL goes in `env`, for which the constructor
  // prints a console.warn: it is muted while the client is built. Stytch never retries; its
  // `timeout` option is spread into fetch's init, which ignores it, so there is no timeout case.
  const warn = console.warn
  console.warn = () => {}
  try {
    return new stytch.Client({
      project_id: 'project-test-00000000-0000',
      secret: 'secret-test-not-real',
      env: `${url}/`,
    })
  } finally {
    console.warn = warn
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = client(up.url)
  const getUser = () => api.users.get({ user_id: 'user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6' })
  const createUser = () => api.users.create({ email: 'ada@example.com' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      body: stytchError(401, 'unauthorized_credentials', 'Unauthorized credentials.'),
    })
    cases.push({
      library,
      what: 'Stytch answered 401 unauthorized_credentials to our project secret (StytchError, status_code 401, message is the JSON body)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getUser),
    })

    up.reply({
      status: 403,
      body: stytchError(
        403,
        'project_not_authorized',
        'This project is not authorized to use this endpoint.',
      ),
    })
    cases.push({
      library,
      what: 'Stytch answered 403 (StytchError, status_code 403)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 404, body: stytchError(404, 'user_not_found', 'User could not be found.') })
    cases.push({
      library,
      what: 'Stytch answered 404 user_not_found (StytchError, status_code 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getUser),
    })

    up.reply({
      status: 409,
      body: stytchError(
        409,
        'duplicate_email',
        'A user with the specified email already exists for this project.',
      ),
    })
    cases.push({
      library,
      what: 'Stytch answered 409 duplicate_email to users.create (StytchError, status_code 409)',
      why: WHY.upstream4xx,
      upstreamStatus: 409,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(createUser),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: stytchError(429, 'too_many_requests', 'Too many requests have been made.'),
    })
    cases.push({
      library,
      what: 'Stytch answered 429 too_many_requests with Retry-After: 7 (StytchError, status_code 429; no headers kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 500, body: stytchError(500, 'internal_server_error', 'Oops, something went wrong.') })
    cases.push({
      library,
      what: 'Stytch answered 500 internal_server_error (StytchError, status_code 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getUser),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    })
    cases.push({
      library,
      what: 'a proxy answered 502 with an HTML page (RequestError "Unable to parse JSON response from server", with the request config; status lost)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getUser),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: stytchError(503, 'service_unavailable', 'The service is temporarily unavailable.'),
    })
    cases.push({
      library,
      what: 'Stytch answered 503 with Retry-After: 7 (StytchError, status_code 503; no headers kept)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(getUser),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the Stytch host reset the connection (RequestError "fetch failed" with the request config, the cause dropped)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(getUser),
    })

    const offline = client(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (RequestError "fetch failed" with the request config, the cause dropped)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() =>
        offline.users.get({ user_id: 'user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6' }),
      ),
    })
    return cases
  } finally {
    await up.close()
  }
}

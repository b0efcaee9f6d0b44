import { readFileSync } from 'node:fs'
import * as kinde from '@kinde/management-api-js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@kinde/management-api-js'

const tls = {
  key: readFileSync(new URL('./support/loopback-key.pem', import.meta.url)),
  cert: readFileSync(new URL('./support/loopback-cert.pem', import.meta.url)),
}

// The package's types re-export its API classes by extensionless paths, which NodeNext does not resolve.
const { init, Users } = kinde as unknown as {
  init: typeof kinde.init
  Users: { getUserData(data: { id: string }): Promise<unknown> }
}

const USER = 'kp_c3143a4b50ad43c88e541d9077681782'

export const collect: Collect = async () => {
  // The SDK prefixes its domain with https:// and calls it with the global fetch: the loopback upstream is HTTPS with
  // the self-signed certificate, trusted for the duration of this collector only (restored in `finally`).
  const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
  const up = await startUpstream({ status: 200, body: {} }, tls)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; the SDK takes an M2M token from /oauth2/token first, no retries')
  let api: { status: number; headers?: Record<string, string>; body: unknown } = { status: 200, body: {} }
  let token: { status: number; headers?: Record<string, string>; body: unknown } = {
    status: 200,
    body: { access_token: 'an-m2m-access-token', token_type: 'bearer', expires_in: 86399 },
  }
  // The token endpoint and the management API are both on the upstream.
  up.reply((req, res) => {
    const reply = req.url?.startsWith('/oauth2/token') ? token : api
    const json = typeof reply.body !== 'string'
    res.writeHead(reply.status, { 'content-type': json ? 'application/json' : 'text/html', ...reply.headers })
    res.end(json ? JSON.stringify(reply.body) : reply.body)
  })
  const getUser = () => Users.getUserData({ id: USER })
  try {
    const m2m = { clientId: 'm2m-client-id', clientSecret: 'not-a-real-secret' }
    init({ kindeDomain: `127.0.0.1:${up.port}`, ...m2m })
    add(
      'our config gives the Kinde domain without a scheme: init() prefixes https:// for the API but the token ' +
        'request uses the bare value, and fetch throws TypeError "Failed to parse URL"',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(getUser),
    )

    init({ kindeDomain: `https://127.0.0.1:${up.port}`, ...m2m })

    api = {
      status: 403,
      body: { errors: [{ code: 'TOKEN_INVALID', message: 'Invalid credentials used to access API' }] },
    }
    add(
      'the management API answered 403 TOKEN_INVALID to our M2M token: ApiError "Unauthorized - invalid ' +
        'credentials." with url, status and body',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(getUser),
      403,
    )

    api = { status: 404, body: { errors: [{ code: 'USER_INVALID', message: 'Invalid user' }] } }
    add(
      'the management API answered 404 for the user id our session holds: ApiError "Not Found"',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(getUser),
      404,
    )

    api = {
      status: 429,
      headers: RETRY_AFTER,
      body: { errors: [{ code: 'RATE_LIMITED', message: 'Too many requests' }] },
    }
    add(
      'the management API answered 429 with Retry-After: 7: ApiError "Too many requests. Request was throttled."; ' +
        'the error keeps no headers',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(getUser),
      429,
    )

    api = { status: 500, body: { errors: [{ code: 'INTERNAL_ERROR', message: 'Something went wrong' }] } }
    add(
      'the management API answered 500: ApiError "Internal Server Error"',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(getUser),
      500,
    )

    api = {
      status: 503,
      headers: RETRY_AFTER,
      body: '<html><body><h1>503 Service Unavailable</h1></body></html>',
    }
    add(
      'the management API answered 503 with an HTML page and Retry-After: 7: ApiError "Service Unavailable", ' +
        'headers not kept',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(getUser),
      503,
    )

    token = {
      status: 200,
      body: '<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head></html>',
    }
    add(
      "the token endpoint answered 200 with an HTML login page: the SDK's response.json() throws a SyntaxError",
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(getUser),
    )

    init({ kindeDomain: `https://127.0.0.1:${await closedPort()}`, ...m2m })
    add(
      'the Kinde domain refuses the connection (token request): TypeError "fetch failed", cause ECONNREFUSED',
      WHY.refused,
      REFUSED,
      await rejectionOf(getUser),
    )

    add(
      'our config has no Kinde domain (KINDE_DOMAIN unset): init() throws Error "kindeDomain or env KINDE_DOMAIN is ' +
        'not set"',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => init({ kindeDomain: '' })),
    )
    return cases
  } finally {
    if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before
    await up.close()
  }
}

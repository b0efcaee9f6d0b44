// @keycloak/keycloak-admin-client (Keycloak admin REST API client) against a scripted loopback
// Keycloak: `baseUrl` is 127.0.0.1. The client never retries; its `timeout: 250` option puts an
// AbortSignal.timeout on each fetch. Errors are its NetworkError (`response` is the fetch
// Response, `responseData` the parsed body), plain Errors of its own, and fetch's errors.
import KcAdminClient from '@keycloak/keycloak-admin-client'
import type { HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@keycloak/keycloak-admin-client'

function jwt(exp: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ exp, sub: 'service-account-backend' })}.c2ln`
}

function client(baseUrl: string, timeout?: number) {
  const kc = new KcAdminClient({ baseUrl, realmName: 'shop', ...(timeout === undefined ? {} : { timeout }) })
  kc.setAccessToken(jwt(Math.floor(Date.now() / 1000) + 3600))
  return kc
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const user = { username: 'ada', email: 'ada@example.com', enabled: true }
    const cases = await runMatrix({
      library,
      up,
      call: () => client(up.url).users.create(user),
      refused: () => client(`http://127.0.0.1:${port}`).users.create(user),
      timeout: () => client(up.url, 250).users.create(user),
      timeoutNote: 'the client option `timeout: 250` (AbortSignal.timeout)',
      body: (_status, message) => ({ errorMessage: message }),
      conflict: [409, 'User exists with same username'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'users.create, no retries (the client has none)',
      // An HTML page is no error here: the client hands unparsable bodies back as a string.
      skip: [403, 404, 502, 'html'],
    })
    // The upstream answered 201 Created without the Location header the client reads the id from.
    up.reply({ status: 201, body: '' })
    const noLocation = await rejectionOf(() => client(up.url).users.create(user))
    cases.push({
      library,
      what: `upstream answered 201 without a Location header; users.create throws "location header is not found" (${describe(noLocation)})`,
      why: 'upstream answered badly (not the protocol): 502',
      expect: { status: 502, retryable: true },
      error: noLocation,
    })
    // The token endpoint rejected our client credentials.
    up.reply({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' },
    })
    const badSecret = await rejectionOf(() =>
      new KcAdminClient({ baseUrl: up.url, realmName: 'shop' }).auth({
        grantType: 'client_credentials',
        clientId: 'backend',
        clientSecret: 'rotated-away',
      }),
    )
    cases.push({
      library,
      what: `auth({ grantType: 'client_credentials' }) with a stale client secret; token endpoint answered 401 invalid_client (${describe(badSecret)})`,
      why: 'a dependency rejecting our credentials: 500',
      upstreamStatus: 401,
      expect: { status: 500 },
      error: badSecret,
    })
    // Our own bug: an expired access token set by hand and no auth() credentials to refresh with.
    const stale = new KcAdminClient({ baseUrl: up.url, realmName: 'shop' })
    stale.setAccessToken(jwt(Math.floor(Date.now() / 1000) - 3600))
    const cannotRefresh = await rejectionOf(() => stale.users.find({ max: 10 }))
    cases.push({
      library,
      what: `users.find with an expired access token set via setAccessToken and never auth(): "Cannot refresh token" (${describe(cannotRefresh)})`,
      why: 'our own bug (client used without credentials): 500',
      expect: { status: 500 },
      error: cannotRefresh,
    })
    return cases
  } finally {
    await up.close()
  }
}

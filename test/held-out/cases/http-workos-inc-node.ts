import { WorkOS } from '@workos-inc/node'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@workos-inc/node'

function workos(port: number): WorkOS {
  // The SDK retries only /fga/, /vault/ and /audit_logs/events paths; the calls below are not
  // among them, so every error is the first attempt's.
  return new WorkOS('sk_test_not_a_real_key', {
    apiHostname: '127.0.0.1',
    port,
    https: false,
    timeout: 250,
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = workos(up.port)
  const getOrg = () => client.organizations.getOrganization('org_01HXYZ')
  const createUser = () =>
    client.userManagement.createUser({ email: 'ada@example.com', password: 'correct horse battery' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'x-request-id': 'req_401' },
      body: { message: 'Unauthorized' },
    })
    cases.push({
      library,
      what: 'WorkOS answered 401 to our API key (UnauthorizedException, status 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getOrg),
    })

    up.reply({
      status: 403,
      body: { code: 'forbidden', message: 'This API key cannot access this environment' },
    })
    cases.push({
      library,
      what: 'WorkOS answered 403 with a code/message body (GenericServerException, status 403, rawData)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getOrg),
    })

    up.reply({
      status: 404,
      body: { code: 'entity_not_found', message: "Could not find organization 'org_01HXYZ'" },
    })
    cases.push({
      library,
      what: 'WorkOS answered 404 entity_not_found for an organization (NotFoundException, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getOrg),
    })

    up.reply({
      status: 409,
      body: { code: 'user_already_exists', message: 'A user with this email already exists.' },
    })
    cases.push({
      library,
      what: 'WorkOS answered 409 to createUser (ConflictException, status 409)',
      why: WHY.upstream4xx,
      upstreamStatus: 409,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(createUser),
    })

    up.reply({
      status: 422,
      body: {
        code: 'invalid_request_parameters',
        message: 'Validation failed',
        errors: [{ code: 'password_too_weak', field: 'password' }],
      },
    })
    cases.push({
      library,
      what: 'WorkOS answered 422 password_too_weak to createUser (UnprocessableEntityException, status 422)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(createUser),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { message: 'Too many requests' } })
    cases.push({
      library,
      what: 'WorkOS answered 429 with Retry-After: 7 (RateLimitExceededException, status 429, retryAfter 7)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getOrg),
    })

    up.reply({ status: 500, body: { message: 'Internal Server Error' } })
    cases.push({
      library,
      what: 'WorkOS answered 500 (GenericServerException, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getOrg),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    })
    cases.push({
      library,
      what: 'a proxy answered 502 with an HTML page (plain Error "Unexpected error: ParseError: …" whose cause is the SDK\'s ParseError with status 500 of its own and rawStatus 502)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getOrg),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: { message: 'Service Unavailable' } })
    cases.push({
      library,
      what: 'WorkOS answered 503 with Retry-After: 7 (GenericServerException, status 503; the header is not kept)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(getOrg),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired (turned into a fake 408 { error: 'Request timeout' }, thrown as OauthException status 408)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getOrg),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the WorkOS host reset the connection (plain Error "Unexpected error: TypeError: fetch failed" with cause)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(getOrg),
    })

    const offline = workos(await closedPort())
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (plain Error "Unexpected error: TypeError: fetch failed" with cause)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.organizations.getOrganization('org_01HXYZ')),
    })
    return cases
  } finally {
    await up.close()
  }
}

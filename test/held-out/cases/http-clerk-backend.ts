import { createClerkClient } from '@clerk/backend'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@clerk/backend'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The backend API client never retries and has no timeout option, so no case hangs it.
  const clerk = (apiUrl: string) => createClerkClient({ secretKey: 'sk_test_heldout', apiUrl })
  const getUser = () => clerk(up.url).users.getUser('user_2NNEqL2nrIRdJ194ndJqAHwEfxC')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="clerk"' },
      body: {
        errors: [
          {
            code: 'authentication_invalid',
            message: 'Invalid authentication',
            long_message: 'The provided secret key is invalid.',
          },
        ],
        clerk_trace_id: 'trace-401',
      },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our secret key (ClerkAPIResponseError, status 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getUser),
    })

    up.reply({
      status: 404,
      body: {
        errors: [{ code: 'resource_not_found', message: 'not found', long_message: 'User not found' }],
      },
    })
    cases.push({
      library,
      what: 'upstream answered 404 resource_not_found (ClerkAPIResponseError, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getUser),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { errors: [{ code: 'too_many_requests', message: 'Too many requests' }] },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (ClerkAPIResponseError, status 429, retryAfter 7)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getUser),
    })

    up.reply({
      status: 500,
      body: { errors: [{ code: 'internal_clerk_error', message: 'Oops, something went wrong' }] },
    })
    cases.push({
      library,
      what: 'upstream answered 500 internal_clerk_error (ClerkAPIResponseError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getUser),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 and a text body (ClerkAPIResponseError, retryAfter 7)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() =>
        clerk(up.url).organizations.createOrganization({ name: 'Acme', createdBy: 'user_1' }),
      ),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: "connection refused (ClerkAPIResponseError, no status, errors[0] 'fetch failed', no cause)",
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => clerk(`http://127.0.0.1:${port}`).users.getUser('user_1')),
    })
    return cases
  } finally {
    await up.close()
  }
}

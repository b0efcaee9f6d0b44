import { Storage } from '@google-cloud/storage'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  UPSTREAM_504,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@google-cloud/storage'

/** The object store's JSON API error body. */
function gcsError(code: number, reason: string, message: string, extra: Record<string, string> = {}) {
  return { error: { code, message, errors: [{ message, domain: 'global', reason, ...extra }] } }
}

const SETTINGS = 'custom apiEndpoint (no auth, as for an emulator), retryOptions.autoRetry false'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const storage = (apiEndpoint: string, timeout?: number) =>
    new Storage({
      apiEndpoint,
      projectId: 'test-project',
      retryOptions: { autoRetry: false, maxRetries: 0 },
      ...(timeout === undefined ? {} : { timeout }),
    })
  const client = storage(up.url)
  const object = (s = client) => s.bucket('invoices').file('2026/inv-1042.pdf')
  const stat = (s = client) => object(s).getMetadata()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, `; ${SETTINGS}`)
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
      body: gcsError(401, 'authError', 'Invalid Credentials', {
        locationType: 'header',
        location: 'Authorization',
      }),
    })
    add(
      'object store answered 401 "Invalid Credentials" to our token',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => stat()),
      401,
    )

    up.reply({ status: 404, body: gcsError(404, 'notFound', 'No such object: invoices/2026/inv-1042.pdf') })
    add(
      'object store answered 404 "No such object" to a metadata read',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => stat()),
      404,
    )

    up.reply({
      status: 412,
      body: gcsError(
        412,
        'conditionNotMet',
        'At least one of the pre-conditions you specified did not hold.',
        {
          locationType: 'header',
          location: 'If-Match',
        },
      ),
    })
    add(
      'object store answered 412 conditionNotMet to an upload with ifGenerationMatch: 0 (the object was created meanwhile)',
      'conflicts: an optimistic-concurrency precondition failure reported by the store (like S3 PreconditionFailed): 409',
      { status: 409 },
      await rejectionOf(() =>
        object().save('%PDF-1.7', { resumable: false, preconditionOpts: { ifGenerationMatch: 0 } }),
      ),
      412,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: gcsError(
        429,
        'rateLimitExceeded',
        'The object exceeded the rate limit for object mutation operations (create, update, and delete). Please reduce your request rate.',
      ),
    })
    add(
      'object store answered 429 rateLimitExceeded with Retry-After: 7, which the error keeps in response.headers',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => stat()),
      429,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: gcsError(503, 'backendError', 'We encountered an internal error. Please try again.'),
    })
    add(
      'object store answered 503 "We encountered an internal error. Please try again." with Retry-After: 7, which the error keeps in response.headers',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => stat()),
      503,
    )

    up.reply({ status: 504, body: gcsError(504, 'gatewayTimeout', 'Gateway Timeout') })
    add(
      'object store answered 504 gatewayTimeout',
      WHY.upstream504,
      UPSTREAM_504,
      await rejectionOf(() => stat()),
      504,
    )

    up.reply('hang')
    add(
      "the client's own timeout: 250 fired on an object store that never answers (FetchError type request-timeout)",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => stat(storage(up.url, 250))),
    )

    const refused = storage(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => stat(refused)),
    )

    add(
      'our code asked for a bucket with an empty name (the environment variable was unset); the client throws before any request',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => client.bucket('').file('2026/inv-1042.pdf').getMetadata()),
    )
    return cases
  } finally {
    await up.close()
  }
}

/**
 * nylas (Nylas v3 email/calendar API SDK): an inbox route of ours lists a user's latest messages
 * with `nylas.messages.list({ identifier: grantId })` against a loopback fake of api.us.nylas.com
 * (`apiUri`). The SDK never retries; its `timeout` is in seconds. Non-2xx JSON answers reject with
 * `NylasApiError` (`statusCode`, `type`, `requestId`, `headers`); a non-JSON error answer with a
 * plain `Error` that keeps only the text; its own timeout with `NylasSdkTimeoutError`.
 */
import * as nylasModule from 'nylas'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runExtras } from './support/saas-extras.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = 'nylas'
// At run time the ESM build's default export is the class; TypeScript reads its types as CommonJS.
const Nylas = nylasModule.default as unknown as typeof nylasModule.default.default
type Nylas = InstanceType<typeof Nylas>
const grant = 'e19f8e1a-eb1c-41c0-b6a6-d2e59daf7f47'

function nylas(apiUri: string, timeout?: number): Nylas {
  return new Nylas({
    apiKey: 'nyk_v0_NotARealKey0123456789',
    apiUri,
    ...(timeout !== undefined ? { timeout } : {}),
  })
}

function inbox(client: Nylas): () => Promise<unknown> {
  return () => client.messages.list({ identifier: grant, queryParams: { limit: 5, in: ['INBOX'] } })
}

/** Nylas v3's error envelope: `{ request_id, error: { type, message } }`. */
function body(status: number, message: string): unknown {
  const type: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found_error',
    422: 'invalid_request_error',
    429: 'rate_limit_error',
    500: 'internal_error',
    502: 'provider_error',
    503: 'service_unavailable',
  }
  return {
    request_id: '5fa64c92-e840-4357-86b9-2aa364d35b88',
    error: { type: type[status] ?? 'api_error', message },
  }
}

const settings = 'no retries in the SDK; timeout 0.25 s where set'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const cases = await runMatrix({
      library,
      up,
      call: inbox(nylas(up.url)),
      refused: inbox(nylas(`http://127.0.0.1:${port}`)),
      timeout: inbox(nylas(up.url, 0.25)),
      body,
      conflict: [422, 'Invalid query parameter "in": folder INBOX does not exist for this provider'],
      keepsRetryAfter: { 429: true, 503: true },
      settings,
    })
    cases.push(
      ...(await runExtras({
        library,
        up,
        call: inbox(nylas(up.url)),
        body,
        settings,
        // The HTML 504 page is not JSON: the SDK throws a plain Error with the text, no status.
        silentStatuses: [504],
      })),
    )

    // Our bug: the session had no grant id; the SDK refuses to build the path before any request.
    const client = nylas(up.url)
    const seen = up.seen.length
    const missing = await rejectionOf(() =>
      client.messages.list({ identifier: undefined as unknown as string, queryParams: { limit: 5 } }),
    )
    cases.push({
      library,
      what: `our code listed messages with an undefined grant identifier; the SDK threw before sending (${describe(missing)}; requests sent: ${up.seen.length - seen})`,
      why: 'our own bug (bad argument checked by the SDK): 500',
      expect: { status: 500 },
      error: missing,
    })
    return cases
  } finally {
    await up.close()
  }
}

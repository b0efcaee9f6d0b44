// klaviyo-api (Klaviyo's marketing/messaging SDK, on axios) against a scripted loopback Klaviyo:
// the ProfilesApi `basePath` is 127.0.0.1, and the session's RetryWithExponentialBackoff has
// `numRetries: 0` (one attempt; by default it retries 429/503/504/524 three times). The SDK has
// no timeout option, so there is no timeout case. It rethrows axios's AxiosError as it came.
import { ApiKeySession, ProfilesApi, RetryWithExponentialBackoff } from 'klaviyo-api'
import type { HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'klaviyo-api'

function profiles(basePath: string) {
  const api = new ProfilesApi(
    new ApiKeySession('pk_loopback_key', new RetryWithExponentialBackoff({ numRetries: 0 })),
  )
  api.basePath = basePath
  return api
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const query = { data: { type: 'profile' as const, attributes: { email: 'ada@example.com' } } }
    const cases = await runMatrix({
      library,
      up,
      call: () => profiles(up.url).createProfile(query as never),
      refused: () => profiles(`http://127.0.0.1:${port}`).createProfile(query as never),
      body: (status, message) => ({
        errors: [
          {
            id: 'e1',
            status,
            code: status === 409 ? 'duplicate_profile' : 'error',
            title: message,
            detail: message,
          },
        ],
      }),
      conflict: [409, 'A profile already exists with one of these identifiers.'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'ProfilesApi.createProfile, RetryWithExponentialBackoff numRetries 0 (one attempt)',
      // An HTML page is no error here (axios hands the page back as a string).
      skip: [403, 404, 502, 'reset', 'html'],
    })
    // Our own bug: the request body missing.
    const missing = await rejectionOf(() => profiles(up.url).createProfile(undefined as never))
    cases.push({
      library,
      what: `ProfilesApi.createProfile(undefined): "Required parameter profileCreateQuery was null or undefined" before sending (${describe(missing)})`,
      why: 'our own bug (required argument missing): 500',
      expect: { status: 500 },
      error: missing,
    })
    return cases
  } finally {
    await up.close()
  }
}

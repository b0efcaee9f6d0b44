// lago-javascript-client (billing / invoicing) against a scripted loopback Lago API (`baseUrl`).
// The generated client rejects with the fetch `Response` itself (with `.error` = the parsed JSON
// body); with `rateLimitRetry` it throws its own LagoRateLimitError on a 429. No timeout of its
// own: the timeout case passes an AbortSignal.timeout(250) through the client's `baseApiParams`.
import { Client } from 'lago-javascript-client'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'lago-javascript-client'
const apiKey = 'lago_loopback_key'
const event = {
  event: {
    transaction_id: 'tx_001',
    external_subscription_id: 'sub_42',
    code: 'api_calls',
    properties: { n: 1 },
  },
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const lago = Client(apiKey, { baseUrl: `${up.url}/api/v1` })
    const refusedClient = Client(apiKey, { baseUrl: `http://127.0.0.1:${port}/api/v1` })
    const cases = await runMatrix({
      library,
      up,
      call: () => lago.events.createEvent(event),
      refused: () => refusedClient.events.createEvent(event),
      timeout: () =>
        Client(apiKey, {
          baseUrl: `${up.url}/api/v1`,
          // The typed params leave `signal` out; the client spreads them into fetch's init as they are.
          baseApiParams: { redirect: 'follow', signal: AbortSignal.timeout(250) } as never,
        }).events.createEvent(event),
      timeoutNote: 'an AbortSignal.timeout(250) passed in the client `baseApiParams`',
      body: (status, message) => ({
        status,
        error: message,
        code: status === 422 ? 'validation_errors' : 'error',
      }),
      conflict: [422, 'Validation errors: transaction_id value_already_exist'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'POST /api/v1/events, no retries',
      // A 200 HTML page resolves: the client swallows the JSON parse failure into `.error`.
      skip: ['reset', 502, 403, 'html'],
    })
    // With rateLimitRetry (maxRetries 0), a 429 comes back as the SDK's own error.
    up.reply({
      status: 429,
      headers: {
        'retry-after': '7',
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '7',
      },
      body: { status: 429, error: 'Too Many Requests', code: 'too_many_requests' },
    })
    const limited = Client(apiKey, { baseUrl: `${up.url}/api/v1`, rateLimitRetry: { maxRetries: 0 } })
    const rl = await rejectionOf(() => limited.events.createEvent(event))
    cases.push({
      library,
      what: `upstream answered 429 (Retry-After: 7, x-ratelimit-reset: 7) to a client with rateLimitRetry { maxRetries: 0 } (${describe(rl)}); the error keeps reset 7 s and retryAfter 7000 ms, not the header`,
      why: 'upstream 429: dependency unavailable, 503 (retry hint only as reset/retryAfter ms, so no header asserted)',
      expect: { status: 503, retryable: true },
      error: rl,
    })
    // Our own misconfiguration: the API key env var was empty, so no Authorization header went out.
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="lago"' },
      body: { status: 401, error: 'Unauthorized' },
    })
    const noKey = await rejectionOf(() =>
      Client('', { baseUrl: `${up.url}/api/v1` }).customers.findCustomer('cus_1'),
    )
    cases.push({
      library,
      what: `client built with an empty API key (unset env var), no Authorization sent: upstream 401 (${describe(noKey)})`,
      why: 'our server misconfigured; upstream 401 to us: 500, no WWW-Authenticate to our client',
      upstreamStatus: 401,
      expect: { status: 500, headers: { 'www-authenticate': null } },
      error: noKey,
    })
    return cases
  } finally {
    await up.close()
  }
}

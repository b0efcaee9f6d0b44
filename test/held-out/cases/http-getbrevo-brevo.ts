/**
 * @getbrevo/brevo (Brevo's email API SDK, Fern-generated): an order route of ours sends the
 * receipt with `brevo.transactionalEmails.sendTransacEmail(...)` against a loopback fake of
 * api.brevo.com (`baseUrl`), `maxRetries: 0`. Non-2xx answers reject with `BrevoError` subclasses
 * (`statusCode`, `body`, `rawResponse` with the headers); its own timeout with `BrevoTimeoutError`.
 */
import { BrevoClient } from '@getbrevo/brevo'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { TIMED_OUT, UPSTREAM_401, UPSTREAM_429, WHY } from './support/http-expect.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'
import { describe } from './support/saas-matrix.js'

const library = '@getbrevo/brevo'

function brevo(baseUrl: string, apiKey: string | undefined, timeoutInSeconds?: number): BrevoClient {
  return new BrevoClient({
    baseUrl,
    maxRetries: 0,
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(timeoutInSeconds !== undefined ? { timeoutInSeconds } : {}),
  } as ConstructorParameters<typeof BrevoClient>[0])
}

function receipt(client: BrevoClient): () => Promise<unknown> {
  return () =>
    client.transactionalEmails.sendTransacEmail({
      sender: { email: 'orders@example.com', name: 'Example Shop' },
      to: [{ email: 'ada@example.com', name: 'Ada' }],
      subject: 'Your receipt',
      htmlContent: '<p>Thanks for your order #42.</p>',
    })
}

const settings = 'maxRetries 0; timeoutInSeconds 0.25 where set'
const key = 'xkeysib-0123456789abcdef-NotARealKey'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  try {
    // Brevo's error body: `{ code, message }`.
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'api-key realm="brevo"' },
      body: { code: 'unauthorized', message: 'Key not found' },
    })
    let error = await rejectionOf(receipt(brevo(up.url, key)))
    cases.push({
      library,
      what: `upstream answered 401 code "unauthorized" "Key not found" to our API key (${describe(error)}); ${settings}`,
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error,
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { code: 'too_many_requests', message: 'The expected rate limit is exceeded.' },
    })
    error = await rejectionOf(receipt(brevo(up.url, key)))
    cases.push({
      library,
      what: `upstream answered 429 code "too_many_requests" with Retry-After: 7, kept in rawResponse.headers (${describe(error)}); ${settings}`,
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error,
    })

    up.reply('hang')
    error = await rejectionOf(receipt(brevo(up.url, key, 0.25)))
    cases.push({
      library,
      what: `the SDK's own 250 ms timeout fired on an upstream that never answers (${describe(error)}); ${settings}`,
      why: WHY.timeout,
      expect: TIMED_OUT,
      error,
    })

    // Our misconfiguration: BREVO's API key never reached the client; it refuses before sending.
    const seen = up.seen.length
    error = await rejectionOf(receipt(brevo(up.url, undefined)))
    cases.push({
      library,
      what: `the client was built without an apiKey; the call failed before sending (${describe(error)}; requests sent: ${up.seen.length - seen})`,
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}

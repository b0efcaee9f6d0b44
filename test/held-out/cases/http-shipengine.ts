// shipengine (ShipEngine's shipping SDK, node-fetch/global fetch) against a scripted loopback
// upstream: our order service validates a shipping address. Retries off (retries: 0, also the
// default). The SDK throws only for 400, 404, 429 and 500 answers (401, 403, 503 come back as data).
import { ShipEngine } from 'shipengine'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, RESET, TIMED_OUT, UPSTREAM_4XX, UPSTREAM_5XX, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { describe } from './support/saas-matrix.js'

const library = 'shipengine'
const settings = 'retries off (retries: 0)'

const HTML =
  '<!DOCTYPE html>\n<html><head><title>Sign in - Corporate Proxy</title></head>' +
  '<body><h1>Authentication required</h1><p>Please log in to continue.</p></body></html>\n'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  const cases: HeldOutCase[] = []
  const client = (baseURL: string, timeout = 5000) =>
    new ShipEngine({ apiKey: 'TEST_key', baseURL, retries: 0, timeout })
  const validate = (s: ShipEngine) =>
    s.validateAddresses([
      {
        addressLine1: '4009 Marathon Blvd',
        cityLocality: 'Austin',
        stateProvince: 'TX',
        postalCode: '78756',
        countryCode: 'US',
      },
    ])
  const push = (c: Omit<HeldOutCase, 'library' | 'what'> & { what: string }) =>
    cases.push({ library, ...c, what: `${c.what} (${describe(c.error)}); ${settings}` })
  try {
    const structured = (type: string, code: string, message: string) => ({
      request_id: 'c2e1c1a4-5b1e-4f0e-9a3e-000000000001',
      errors: [{ error_source: 'shipengine', error_type: type, error_code: code, message }],
    })
    up.reply({
      status: 400,
      body: structured('validation', 'invalid_field_value', 'address_line1 is not a valid address line'),
    })
    push({
      what: 'upstream answered 400 with its structured validation error to our request',
      why: `${WHY.upstream4xx} (the error does not carry the status)`,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => validate(client(up.url))),
    })
    up.reply({ status: 404, body: structured('system', 'not_found', 'The requested resource was not found') })
    push({
      what: 'upstream answered 404 (the endpoint path our base URL points at does not exist)',
      why: `${WHY.upstream4xx} (the error does not carry the status)`,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => validate(client(up.url))),
    })
    up.reply({
      status: 429,
      headers: { 'retry-after': '7' },
      body: structured('system', 'rate_limit_exceeded', 'You have exceeded the rate limit.'),
    })
    push({
      what: 'upstream answered 429 with Retry-After: 7, which the error keeps as retryAfter: 7',
      why: `${WHY.upstream429} (the SDK names the error RateLimitExceededError; no status on it)`,
      expect: { status: 503, retryable: true, headers: { 'retry-after': '7' } },
      error: await rejectionOf(() => validate(client(up.url))),
    })
    up.reply({ status: 500, body: { message: 'Internal Server Error' } })
    push({
      what: 'upstream answered 500',
      why: `${WHY.upstream5xx} (the error does not carry the status)`,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => validate(client(up.url))),
    })
    up.reply({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: HTML })
    push({
      what: 'upstream answered 200 with an HTML login page instead of JSON',
      why: 'upstream answered badly (not the protocol): 502',
      expect: RESET,
      error: await rejectionOf(() => validate(client(up.url))),
    })
    up.reply('reset')
    push({
      what: 'upstream reset the connection (TCP RST) once the request arrived',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(() => validate(client(up.url))),
    })
    push({
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => validate(client(`http://127.0.0.1:${port}`))),
    })
    up.reply('hang')
    push({
      what: "the SDK's own 250 ms timeout (timeout: 250) fired on an upstream that never answers",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => validate(client(up.url, 250))),
    })
    push({
      what: 'the client was built with an empty API key (our configuration)',
      why: 'our misconfiguration: 500 (the SDK calls it a validation error)',
      expect: { status: 500 },
      error: await rejectionOf(() => new ShipEngine({ apiKey: '  ', baseURL: up.url })),
    })
    push({
      what: 'the client was built with a negative retries option (our configuration)',
      why: 'our misconfiguration (a bad option): 500',
      expect: { status: 500 },
      error: await rejectionOf(() => new ShipEngine({ apiKey: 'TEST_key', baseURL: up.url, retries: -1 })),
    })
    return cases
  } finally {
    await up.close()
    // The SDK never clears its abort timer: let the last 250 ms one fire before returning.
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

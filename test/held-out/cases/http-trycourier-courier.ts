/**
 * @trycourier/courier (Courier's notification API SDK, Stainless-generated): a signup route of
 * ours sends the welcome email with `courier.send.message({ message })` against a loopback fake of
 * api.courier.com (`baseURL`), `maxRetries: 0`. Non-2xx answers reject with `APIError` subclasses
 * (`status`, `headers`, `error`); transport failures with `APIConnectionError` /
 * `APIConnectionTimeoutError`.
 */
import Courier from '@trycourier/courier'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runExtras } from './support/saas-extras.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = '@trycourier/courier'

function courier(baseURL: string, timeout?: number): Courier {
  return new Courier({
    apiKey: 'pk_prod_NOTAREALKEY0123456789',
    baseURL,
    maxRetries: 0,
    ...(timeout !== undefined ? { timeout } : {}),
  })
}

function welcome(client: Courier): () => Promise<unknown> {
  return () =>
    client.send.message({
      message: {
        to: { email: 'ada@example.com' },
        template: 'WELCOME_EMAIL',
        data: { firstName: 'Ada' },
      },
    })
}

/** Courier's error body: `{ message, type }`. */
function body(status: number, message: string): unknown {
  return { message, type: status >= 500 ? 'api_error' : 'invalid_request_error' }
}

const settings = 'maxRetries 0; timeout 250 ms where set'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const cases = await runMatrix({
      library,
      up,
      call: welcome(courier(up.url)),
      refused: welcome(courier(`http://127.0.0.1:${port}`)),
      timeout: welcome(courier(up.url, 250)),
      body,
      conflict: [409, 'Idempotency-Key "signup-42" was already used with a different request body'],
      keepsRetryAfter: { 429: true, 503: true },
      settings,
    })
    cases.push(...(await runExtras({ library, up, call: welcome(courier(up.url)), body, settings })))

    // Our misconfiguration: the deployment has no COURIER_API_KEY; the client refuses to start.
    const saved = process.env.COURIER_API_KEY
    delete process.env.COURIER_API_KEY
    const missing = await rejectionOf(() => new Courier({ baseURL: up.url, maxRetries: 0 }))
    if (saved !== undefined) process.env.COURIER_API_KEY = saved
    cases.push({
      library,
      what: `the client was built without an API key (COURIER_API_KEY unset) (${describe(missing)})`,
      why: 'our own misconfiguration: 500',
      expect: { status: 500 },
      error: missing,
    })
    return cases
  } finally {
    await up.close()
  }
}

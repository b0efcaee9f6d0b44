// dodopayments (Stainless-generated payments SDK) against a scripted loopback Dodo Payments API:
// `baseURL` points at 127.0.0.1, `maxRetries: 0` (one attempt), `timeout: 250` for the timeout case.
// Errors are its APIError subclasses (BadRequestError, AuthenticationError … APIConnectionError).
import DodoPayments from 'dodopayments'
import type { HeldOutCase } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'dodopayments'

function client(baseURL: string, timeout = 5000) {
  return new DodoPayments({ bearerToken: 'dodo_test_loopback', baseURL, maxRetries: 0, timeout })
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const create = (c: DodoPayments) => c.customers.create({ email: 'ada@example.com', name: 'Ada Lovelace' })
    const cases = await runMatrix({
      library,
      up,
      call: () => create(client(up.url)),
      refused: () => create(client(`http://127.0.0.1:${port}`)),
      timeout: () => create(client(up.url, 250)),
      timeoutNote: 'the client option `timeout: 250`',
      body: (status, message) => ({ code: status === 409 ? 'CONFLICT' : 'ERROR', message }),
      conflict: [409, 'A customer with this email already exists'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'customers.create, maxRetries 0 (one attempt)',
      skip: [403, 'reset'],
    })
    // Our own misconfiguration: DODO_PAYMENTS_API_KEY is unset and no bearerToken was passed.
    const saved = process.env.DODO_PAYMENTS_API_KEY
    delete process.env.DODO_PAYMENTS_API_KEY
    const noKey = thrown(() => new DodoPayments({ baseURL: up.url, maxRetries: 0 }))
    if (saved !== undefined) process.env.DODO_PAYMENTS_API_KEY = saved
    cases.push({
      library,
      what: `new DodoPayments() with DODO_PAYMENTS_API_KEY unset and no bearerToken: ${describe(noKey)}`,
      why: 'our server misconfigured: 500',
      expect: { status: 500 },
      error: noKey,
    })
    // Our own misconfiguration: both `environment` and `baseURL` given.
    const both = thrown(
      () => new DodoPayments({ bearerToken: 'k', environment: 'test_mode', baseURL: up.url, maxRetries: 0 }),
    )
    cases.push({
      library,
      what: `new DodoPayments({ environment: 'test_mode', baseURL }) (ambiguous option pair): ${describe(both)}`,
      why: 'our server misconfigured (bad option): 500',
      expect: { status: 500 },
      error: both,
    })
    return cases
  } finally {
    await up.close()
  }
}

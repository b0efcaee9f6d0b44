// orb-billing (Stainless-generated billing SDK) against a scripted loopback upstream: our server
// creates a customer while checking out a subscription. Retries off (maxRetries: 0).
import Orb from 'orb-billing'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runExtras } from './support/saas-extras.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = 'orb-billing'
const settings = 'retries off (maxRetries: 0)'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  const saved = process.env.ORB_API_KEY
  delete process.env.ORB_API_KEY
  try {
    const client = (baseURL: string, timeout = 5000): Orb =>
      new Orb({ apiKey: 'orb_test_key', baseURL: `${baseURL}/v1`, maxRetries: 0, timeout })
    const customer = (c: Orb) => c.customers.create({ email: 'ada@example.com', name: 'Ada Lovelace' })
    const body = (status: number, message: string) => ({
      type: `https://docs.withorb.com/reference/error-responses#${status}`,
      status,
      title: message,
      detail: message,
    })
    const cases = await runMatrix({
      library,
      up,
      call: () => customer(client(up.url)),
      refused: () => customer(client(`http://127.0.0.1:${port}`)),
      timeout: () => customer(client(up.url, 250)),
      body,
      conflict: [409, 'A customer with this external_customer_id already exists'],
      keepsRetryAfter: { 429: true, 503: true },
      settings,
    })
    cases.push(...(await runExtras({ library, up, call: () => customer(client(up.url)), body, settings })))
    {
      // Our misconfiguration: the API key was never set in the environment.
      const error = await rejectionOf(() => new Orb({ baseURL: `${up.url}/v1`, maxRetries: 0 }))
      cases.push({
        library,
        what: `the client was built without an API key (ORB_API_KEY unset) and the constructor threw (${describe(error)})`,
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    if (saved !== undefined) process.env.ORB_API_KEY = saved
    await up.close()
  }
}

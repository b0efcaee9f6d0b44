// recurly (subscription billing, API v3 client) against a scripted loopback Recurly API. The client
// builds https://v3.recurly.com URLs; its documented `httpAdapter` option takes an HttpAdapter, and
// this one is the SDK's own DefaultHttpAdapter (timeout 250 ms where asked) with the origin swapped
// for the loopback upstream. Errors are its ApiError family (RecurlyValidationError …), its own
// TimeoutError, and Node's errors passed through.
import recurly from 'recurly'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'recurly'

type Execute = (method: string, url: string, headers: object, body: string | null) => Promise<unknown>
const DefaultHttpAdapter = (
  recurly as unknown as { DefaultHttpAdapter: new (o?: { timeout?: number }) => { execute: Execute } }
).DefaultHttpAdapter

/** The SDK's default adapter, sending to `origin` instead of https://v3.recurly.com. */
function loopbackAdapter(origin: string, timeout?: number): object {
  const adapter = new DefaultHttpAdapter(timeout === undefined ? {} : { timeout })
  const execute = adapter.execute.bind(adapter)
  adapter.execute = (method, url, headers, body) => {
    const u = new URL(url)
    return execute(method, `${origin}${u.pathname}${u.search}`, headers, body)
  }
  return adapter
}

const TYPES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  402: 'payment_required',
  403: 'invalid_api_key',
  404: 'not_found',
  422: 'validation',
  429: 'rate_limited',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const client = new recurly.Client('loopback-private-key', { httpAdapter: loopbackAdapter(up.url) })
    const refusedClient = new recurly.Client('loopback-private-key', {
      httpAdapter: loopbackAdapter(`http://127.0.0.1:${port}`),
    })
    const slow = new recurly.Client('loopback-private-key', { httpAdapter: loopbackAdapter(up.url, 250) })
    const account = { code: 'acct-42', email: 'ada@example.com', firstName: 'Ada' }
    const cases = await runMatrix({
      library,
      up,
      call: () => client.createAccount(account),
      refused: () => refusedClient.createAccount(account),
      timeout: () => slow.createAccount(account),
      timeoutNote: 'the DefaultHttpAdapter `timeout: 250`',
      body: (status, message) => ({
        error: {
          type: TYPES[status] ?? 'unknown',
          message,
          ...(status === 422 ? { params: [{ param: 'email', message: 'is invalid' }] } : {}),
        },
      }),
      conflict: [422, 'Email is invalid'],
      keepsRetryAfter: { 429: false, 503: false },
      settings: 'POST /accounts, no retries (the adapter retries only ECONNRESET, once)',
      skip: ['reset', 404, 502],
    })
    // Our own bug: an empty account id reaches the SDK.
    const empty = await rejectionOf(() => client.getAccount(''))
    cases.push({
      library,
      what: `getAccount('') (our code lost the id): ${describe(empty)}, thrown before any request`,
      why: 'our own bug (bad argument to an SDK): 500',
      expect: { status: 500 },
      error: empty,
    })
    // Our own misconfiguration: a region the SDK does not know.
    const region = (() => {
      try {
        new recurly.Client('loopback-private-key', { region: 'ap' })
      } catch (error) {
        return error
      }
      throw new Error('expected a throw')
    })()
    cases.push({
      library,
      what: `Client constructed with region 'ap' (bad config): ${describe(region)}`,
      why: 'our server misconfigured: 500',
      expect: { status: 500 },
      error: region,
    })
    return cases
  } finally {
    await up.close()
  }
}

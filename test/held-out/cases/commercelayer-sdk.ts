// @commercelayer/sdk against a scripted loopback Commerce Layer API. The client builds
// `https://{organization}.{domain}/api`: organization '127' and domain '0.0.1:PORT' give the
// loopback address, and its documented `fetch` option (a custom fetch) sends the request over
// plain http, since the fake has no certificate the SDK's fetch would trust. Errors are its
// ApiError / SdkError (type response, request, parse, timeout, client).
import { CommerceLayer, customers } from '@commercelayer/sdk'
import type { HeldOutCase } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@commercelayer/sdk'
const accessToken = 'loopback-access-token'
const plainHttp = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
  fetch(String(input).replace(/^https:/, 'http:'), init)

function client(port: number, timeout?: number) {
  return CommerceLayer({
    organization: '127',
    domain: `0.0.1:${port}`,
    accessToken,
    fetch: plainHttp,
    ...(timeout === undefined ? {} : { timeout }),
  })
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    // CommerceLayer(config) configures the process-wide adapter that the resource singletons
    // (`customers` …) use, so each call configures its client first.
    const customer = { email: 'ada@example.com' }
    const cases = await runMatrix({
      library,
      up,
      call: () => {
        client(up.port)
        return customers.create(customer)
      },
      refused: () => {
        client(port)
        return customers.create(customer)
      },
      timeout: () => {
        client(up.port, 250)
        return customers.create(customer)
      },
      timeoutNote: 'the client option `timeout: 250`',
      body: (status, message) => ({
        errors: [
          {
            title: message,
            detail: message,
            code: status === 422 ? 'VALIDATION_ERROR' : 'ERROR',
            status: String(status),
          },
        ],
      }),
      conflict: [422, 'email - has already been taken'],
      keepsRetryAfter: { 429: false, 503: false },
      settings: 'POST /api/customers, no retries',
      skip: ['reset', 404, 502],
    })
    // Our own misconfiguration: the access token env var was empty.
    const noToken = (() => {
      try {
        CommerceLayer({ organization: 'acme', accessToken: '' })
      } catch (error) {
        return error
      }
      throw new Error('expected a throw')
    })()
    cases.push({
      library,
      what: `CommerceLayer({ organization, accessToken: '' }) (unset env var): ${describe(noToken)}`,
      why: 'our server misconfigured: 500',
      expect: { status: 500 },
      error: noToken,
    })
    return cases
  } finally {
    await up.close()
  }
}

// @ory/client (OpenAPI-generated, axios) against a scripted loopback upstream: our server creates
// an identity in Ory's admin API when a user signs up. axios does not retry; timeout via baseOptions.
import { Configuration, IdentityApi } from '@ory/client'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = '@ory/client'
const settings = 'no retries (axios-based generated client)'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const api = (basePath: string, timeout = 5000): IdentityApi =>
      new IdentityApi(new Configuration({ basePath, accessToken: 'ory_pat_test', baseOptions: { timeout } }))
    const create = (a: IdentityApi) =>
      a.createIdentity({
        createIdentityBody: { schema_id: 'preset://email', traits: { email: 'ada@example.com' } },
      })
    const body = (status: number, message: string) => ({
      error: { code: status, status: 'Error', message, reason: message, id: 'err-1' },
    })
    const cases = await runMatrix({
      library,
      up,
      call: () => create(api(up.url)),
      refused: () => create(api(`http://127.0.0.1:${port}`)),
      timeout: () => create(api(up.url, 250)),
      body,
      conflict: [409, 'This identity conflicts with another identity that already exists.'],
      keepsRetryAfter: { 429: true, 503: true },
      settings,
      // axios hands back an HTML page as a string under either content type (silent JSON parsing).
      skipHtml: true,
    })
    {
      // Our bug: getIdentity called without the id (a required parameter of the generated API).
      const error = await rejectionOf(() => api(up.url).getIdentity({} as { id: string }))
      cases.push({
        library,
        what: `getIdentity called without its required id parameter (${describe(error)})`,
        why: 'our own bug (a required argument missing): 500',
        expect: { status: 500 },
        error,
      })
    }
    {
      // Our bug: a malformed base URL in our configuration.
      const error = await rejectionOf(() => create(api('127.0.0.1:4433 /admin')))
      cases.push({
        library,
        what: `the admin API base URL in our configuration is malformed (${describe(error)})`,
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    await up.close()
  }
}

// @fusionauth/typescript-client (identity / user-management API client) against a scripted
// loopback FusionAuth: the `host` argument is 127.0.0.1. The client never retries and has no
// timeout option (node-fetch without one), so there is no timeout case. It rejects with its
// ClientResponse object, not an Error: `statusCode` (the upstream's) and `exception` (the parsed
// JSON error body, or the node-fetch error when the request failed).
import { FusionAuthClient } from '@fusionauth/typescript-client'
import type { HeldOutCase } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@fusionauth/typescript-client'
const apiKey = 'fa-loopback-api-key'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const request = {
      user: { email: 'ada@example.com', password: 'correct horse battery staple' },
      sendSetPasswordEmail: false,
    }
    const create = (host: string) =>
      new FusionAuthClient(apiKey, host).createUser(null as unknown as string, request)
    const cases = await runMatrix({
      library,
      up,
      call: () => create(up.url),
      refused: () => create(`http://127.0.0.1:${port}`),
      body: (status, message) =>
        status === 400 || status === 409
          ? {
              fieldErrors: {
                'user.email': [{ code: `[${status === 409 ? 'duplicate' : 'blank'}]user.email`, message }],
              },
            }
          : { generalErrors: [{ code: `[${status}]`, message }] },
      conflict: [409, 'A user with email [ada@example.com] already exists'],
      keepsRetryAfter: { 429: false, 503: false },
      settings: 'createUser, no retries (the client has none and no timeout option)',
      skip: [403, 502, 'reset'],
    })
    // Our own misconfiguration: FUSIONAUTH_URL unset, so the host is '' and the URL is relative.
    const env: { FUSIONAUTH_URL?: string } = {}
    const noHost = await new FusionAuthClient(apiKey, env.FUSIONAUTH_URL ?? '')
      .retrieveUser('00000000-0000-0000-0000-000000000001')
      .then(
        () => {
          throw new Error('expected a rejection')
        },
        (error: unknown) => error,
      )
    cases.push({
      library,
      what: `new FusionAuthClient(apiKey, '') (FUSIONAUTH_URL unset): retrieveUser rejects with ClientResponse whose exception is node-fetch's "Only absolute URLs are supported" (${describe(noHost)})`,
      why: 'our server misconfigured: 500',
      expect: { status: 500 },
      error: noHost,
    })
    // Our own misconfiguration: the host given without its scheme.
    const noScheme = await new FusionAuthClient(apiKey, `localhost:${up.port}`)
      .retrieveUser('00000000-0000-0000-0000-000000000001')
      .then(
        () => {
          throw new Error('expected a rejection')
        },
        (error: unknown) => error,
      )
    cases.push({
      library,
      what: `new FusionAuthClient(apiKey, 'localhost:PORT') (host without http://): retrieveUser rejects with ClientResponse (${describe(noScheme)})`,
      why: 'our server misconfigured (bad option): 500',
      expect: { status: 500 },
      error: noScheme,
    })
    return cases
  } finally {
    await up.close()
  }
}

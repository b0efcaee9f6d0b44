import * as linodeApi from '@linode/api-v4'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@linode/api-v4'

// The package's .d.ts re-exports its modules by extensionless paths, which NodeNext does not resolve:
// the functions used here, typed by hand.
interface LinodeApi {
  getProfile(): Promise<unknown>
  getLinode(linodeId: number): Promise<unknown>
  createLinode(data: { region: string; type: string; image: string; root_pass: string }): Promise<unknown>
  createDomain(data: { domain: string; type: 'master' | 'slave'; soa_email?: string }): Promise<unknown>
  /** The SDK's axios instance. */
  baseRequest: {
    interceptors: {
      request: { use(f: (config: { url?: string }) => { url?: string }): number; eject(id: number): void }
    }
    defaults: { timeout?: number }
  }
  /** Adds an interceptor that sets the bearer token; returns its id. */
  setToken(token: string): number
}
const { baseRequest, createDomain, createLinode, getLinode, getProfile, setToken } =
  linodeApi as unknown as LinodeApi

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The SDK calls absolute https://api.linode.com URLs through its exported axios instance; an
  // interceptor (as Linode's own Cloud Manager does for other API roots) points them at our upstream.
  let target = up.url
  const rewrite = baseRequest.interceptors.request.use((config) => {
    if (config.url !== undefined) config.url = config.url.replace(/^https:\/\/api\.linode\.com/, target)
    return config
  })
  const auth = setToken('linode-pat-not-real')
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; @linode/api-v4 (axios), no retries')
  const linodeId = 48213377
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { errors: [{ reason: 'Invalid Token' }] },
    })
    add(
      'Linode API answered 401 errors [{ reason: "Invalid Token" }] to our personal access token',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => getProfile()),
      401,
    )

    up.reply({ status: 404, body: { errors: [{ reason: 'Not found' }] } })
    add(
      'Linode API answered 404 errors [{ reason: "Not found" }] for the instance id our server stored',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getLinode(linodeId)),
      404,
    )

    up.reply({
      status: 400,
      body: { errors: [{ field: 'type', reason: 'A valid plan type by that ID was not found' }] },
    })
    add(
      'Linode API answered 400 with a field error on the plan type our server asked for when creating an instance',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() =>
        createLinode({
          region: 'us-east',
          type: 'g6-standard-99',
          image: 'linode/debian12',
          root_pass: 'c0rrect-H0rse-b4ttery',
        }),
      ),
      400,
    )

    up.reply({ status: 429, headers: RETRY_AFTER, body: { errors: [{ reason: 'Too many requests' }] } })
    add(
      'Linode API answered 429 with Retry-After: 7 (AxiosError, the response headers kept)',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => getLinode(linodeId)),
      429,
    )

    up.reply({ status: 500, body: { errors: [{ reason: 'Please try again' }] } })
    add(
      'Linode API answered 500 errors [{ reason: "Please try again" }]',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getLinode(linodeId)),
      500,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { errors: [{ reason: 'Linode API is undergoing maintenance, please try again later' }] },
    })
    add(
      'Linode API answered 503 (scheduled maintenance) with Retry-After: 7 (AxiosError, headers kept)',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => getLinode(linodeId)),
      503,
    )

    up.reply('hang')
    baseRequest.defaults.timeout = 250
    add(
      "axios's 250 ms timeout (baseRequest.defaults.timeout) fired on a Linode API that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => getLinode(linodeId)),
    )
    delete baseRequest.defaults.timeout

    target = `http://127.0.0.1:${await closedPort()}`
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getLinode(linodeId)),
    )
    target = up.url

    add(
      "our code called createDomain for a master zone without soa_email; the SDK's yup schema rejects it before " +
        'any request, with a bare array of { field, reason }',
      'our own bug (bad argument checked by the SDK): 500',
      { status: 500 },
      await rejectionOf(() => createDomain({ domain: 'shop.example.test', type: 'master' })),
    )
    return cases
  } finally {
    baseRequest.interceptors.request.eject(rewrite)
    baseRequest.interceptors.request.eject(auth)
    await up.close()
  }
}

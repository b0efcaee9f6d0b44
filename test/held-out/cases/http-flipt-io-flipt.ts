import { ClientTokenAuthentication, FliptClient } from '@flipt-io/flipt'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@flipt-io/flipt'

/** The flag server's gRPC-gateway error body: a gRPC code and a message. */
const GRPC: Record<number, [number, string]> = {
  400: [3, 'invalid field entityId: must not be empty'],
  401: [16, 'request was not authenticated'],
  403: [7, 'request was not authorized'],
  404: [5, 'flag "payments/new-checkout" not found'],
  429: [8, 'rate limit exceeded'],
  500: [13, 'internal: reading flag from storage: context canceled'],
  502: [14, 'upstream connect error or disconnect/reset before headers'],
  503: [
    14,
    'connection error: desc = "transport: Error while dialing: dial tcp 10.0.3.7:9000: connect: connection refused"',
  ],
}

const SETTINGS = 'no retries; a non-200 becomes new Error(body.message), the status is dropped'

function flipt(url: string, timeout?: number): FliptClient {
  return new FliptClient({
    url,
    authenticationStrategy: new ClientTokenAuthentication('not-a-real-client-token'),
    ...(timeout === undefined ? {} : { timeout }),
  })
}

const request = {
  namespaceKey: 'payments',
  flagKey: 'new-checkout',
  entityId: 'user-42',
  context: { plan: 'pro' },
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = flipt(up.url)
  const evaluate = (c = client) => c.evaluation.boolean(request)
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runMatrix({
        library,
        up,
        call: () => evaluate(),
        refused: async () => evaluate(flipt(`http://127.0.0.1:${await closedPort()}`)),
        // The client's timeout is in seconds (AbortSignal.timeout).
        timeout: () => evaluate(flipt(up.url, 0.25)),
        timeoutNote: "the client's own timeout (0.25 s)",
        body: (status, message) => {
          const [code, text] = GRPC[status] ?? [2, message]
          return { code, message: text, details: [] }
        },
        conflict: [409, 'flag "new-checkout" already exists'],
        keepsRetryAfter: { 429: false, 503: false },
        settings: SETTINGS,
        silentStatuses: 'all',
        // An evaluation never meets a 409; 400, 403 and 502 tell nothing new for this client.
        skip: [400, 403, 409, 502],
      })),
    )

    {
      const error = await rejectionOf(() => evaluate(flipt('flipt.internal:8080')))
      cases.push({
        library,
        what: `flag server URL configured as "flipt.internal:8080" (no scheme); fetch cannot make the request (${describe(error)})`,
        why: 'misconfiguration of ours: 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    await up.close()
  }
}

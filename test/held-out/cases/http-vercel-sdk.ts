/**
 * @vercel/sdk (Vercel's REST API SDK, Speakeasy-generated): a deploy-dashboard route of ours lists
 * the team's projects with `vercel.projects.getProjects({ teamId })` against a loopback fake of
 * api.vercel.com (`serverURL`), retries off (`retryConfig: { strategy: 'none' }`). Non-2xx answers
 * reject with `VercelError` subclasses (`statusCode`, `body`, `headers`, `rawResponse`); transport
 * failures with the SDK's `ConnectionError` / `RequestTimeoutError`.
 */
import { Vercel } from '@vercel/sdk'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runExtras } from './support/saas-extras.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = '@vercel/sdk'

function vercel(serverURL: string, timeoutMs?: number): Vercel {
  return new Vercel({
    bearerToken: 'vcp_0123456789abcdefNotAToken',
    serverURL,
    retryConfig: { strategy: 'none' },
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  })
}

function list(client: Vercel): () => Promise<unknown> {
  return () => client.projects.getProjects({ teamId: 'team_1a2B3c4D5e6F7g8H', limit: '20' })
}

/** Vercel's error envelope: `{ error: { code, message } }`. */
function body(status: number, message: string): unknown {
  const code: Record<number, string> = {
    400: 'bad_request',
    401: 'forbidden',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    429: 'rate_limited',
    500: 'internal_server_error',
    502: 'bad_gateway',
    503: 'service_unavailable',
  }
  return { error: { code: code[status] ?? 'error', message } }
}

const settings = "retryConfig strategy 'none'; timeoutMs 250 where set"

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const cases = await runMatrix({
      library,
      up,
      call: list(vercel(up.url)),
      refused: list(vercel(`http://127.0.0.1:${port}`)),
      timeout: list(vercel(up.url, 250)),
      body,
      conflict: [409, 'A project with the name "storefront" already exists'],
      keepsRetryAfter: { 429: true, 503: true },
      settings,
    })
    cases.push(...(await runExtras({ library, up, call: list(vercel(up.url)), body, settings })))

    // Our bug: a required path parameter left out; the SDK validates the input before any request.
    const client = vercel(up.url)
    const seen = up.seen.length
    const invalid = await rejectionOf(() =>
      client.projects.getProjectDomain({
        idOrName: undefined as unknown as string,
        domain: 'shop.example.com',
      }),
    )
    cases.push({
      library,
      what: `our code called getProjectDomain without the required idOrName; the SDK rejected the input before sending (${describe(invalid)}; requests sent: ${up.seen.length - seen})`,
      why: 'our own bug (bad argument checked by the SDK): 500',
      expect: { status: 500 },
      error: invalid,
    })
    return cases
  } finally {
    await up.close()
  }
}

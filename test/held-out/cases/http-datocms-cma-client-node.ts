/**
 * @datocms/cma-client-node (DatoCMS Content Management API client): a publishing route of ours
 * lists a model's records with `client.items.list({ filter: { type: 'article' } })` against a
 * loopback fake of site-api.datocms.com (`baseUrl`), `autoRetry: false`. Non-2xx answers reject
 * with `ApiError` (`request`, `response: { status, headers, body }`); the client's own timeout with
 * its `TimeoutError`; transport failures with fetch's own errors.
 */
import { buildClient, type Client } from '@datocms/cma-client-node'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runExtras } from './support/saas-extras.js'
import { describe, runMatrix } from './support/saas-matrix.js'

const library = '@datocms/cma-client-node'

// Every client gets a 250 ms requestTimeout: when fetch rejects (refused, reset) the client never
// clears its timeout timer, which would otherwise keep the process alive for its 30 s default.
function dato(baseUrl: string): Client {
  return buildClient({
    apiToken: 'faeb9172e232a75339242faafb9e56de8c8f13b735f7090964',
    baseUrl,
    autoRetry: false,
    requestTimeout: 250,
  })
}

function articles(client: Client): () => Promise<unknown> {
  return () => client.items.list({ filter: { type: 'article' }, page: { limit: 20 } })
}

/** DatoCMS's error document: `{ data: [{ id, type: 'api_error', attributes: { code, details } }] }`. */
function body(status: number, message: string): unknown {
  const code: Record<number, string> = {
    400: 'INVALID_FIELD',
    401: 'INVALID_AUTHORIZATION_HEADER',
    403: 'INSUFFICIENT_PERMISSIONS',
    404: 'NOT_FOUND',
    422: 'INVALID_FIELD',
    429: 'RATE_LIMIT_EXCEEDED',
    500: 'INTERNAL_SERVER_ERROR',
    502: 'BAD_GATEWAY',
    503: 'SERVICE_UNAVAILABLE',
  }
  return {
    data: [
      {
        id: '8b6c1a',
        type: 'api_error',
        attributes: {
          code: code[status] ?? 'UNKNOWN',
          ...(status >= 500 || status === 429 ? { transient: true } : {}),
          doc_url: 'https://www.datocms.com/docs/content-management-api/errors',
          details: { message },
        },
      },
    ],
  }
}

const settings = 'autoRetry false; requestTimeout 250 ms'

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const cases = await runMatrix({
      library,
      up,
      call: articles(dato(up.url)),
      refused: articles(dato(`http://127.0.0.1:${port}`)),
      timeout: articles(dato(up.url)),
      body,
      conflict: [422, 'filter.type: the model "article" does not exist'],
      keepsRetryAfter: { 429: true, 503: true },
      settings,
    })
    cases.push(...(await runExtras({ library, up, call: articles(dato(up.url)), body, settings })))

    // Our bug: a page size over the API's maximum, checked by the client before any request.
    const client = dato(up.url)
    const seen = up.seen.length
    const tooBig = await rejectionOf(async () => {
      for await (const _ of client.items.listPagedIterator(
        { filter: { type: 'article' } },
        { perPage: 5000 },
      )) {
        break
      }
    })
    cases.push({
      library,
      what: `our code asked listPagedIterator for perPage 5000; the client refused before sending (${describe(tooBig)}; requests sent: ${up.seen.length - seen})`,
      why: 'our own bug (bad argument checked by the SDK): 500',
      expect: { status: 500 },
      error: tooBig,
    })
    // Let the timers the client left behind (see `dato`) fire before returning.
    await new Promise((resolve) => setTimeout(resolve, 300))
    return cases
  } finally {
    await up.close()
  }
}

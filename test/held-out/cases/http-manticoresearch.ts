import Manticore from 'manticoresearch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'manticoresearch'

const SETTINGS = 'no retries; superagent under the client, per-request timeout set on the ApiClient'

function apiClient(url: string, timeout = 2000): Manticore.ApiClient {
  const client = new Manticore.ApiClient()
  client.basePath = url
  client.timeout = timeout
  return client
}

const query = { index: 'products', query: { match: { title: 'desk lamp' } }, limit: 20 }

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = apiClient(up.url)
  const search = (c = client) => new Manticore.SearchApi(c).search(query)
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runMatrix({
        library,
        up,
        call: () => search(),
        refused: async () => search(apiClient(`http://127.0.0.1:${await closedPort()}`)),
        timeout: () => search(apiClient(up.url, 250)),
        timeoutNote: "the client's own 250 ms timeout",
        // The search engine's JSON error: an error object with a type and reason, and the status.
        body: (status, message) => ({
          error: { type: 'action_request_validation_exception', reason: message },
          status,
        }),
        conflict: [409, 'duplicate id'],
        keepsRetryAfter: { 429: true, 503: true },
        settings: SETTINGS,
        // A search never meets a 409: the insert below does. 401, 403, 502 and a reset tell nothing new here.
        skip: [401, 403, 409, 502, 'reset'],
      })),
    )

    up.reply({
      status: 409,
      body: { error: { type: "duplicate id '1042'", index: 'products' }, status: 409 },
    })
    {
      const error = await rejectionOf(() =>
        new Manticore.IndexApi(client).insert({
          index: 'products',
          id: 1042,
          doc: { title: 'Desk lamp', price: 19.5 },
        }),
      )
      cases.push({
        library,
        what: `search engine answered 409 "duplicate id '1042'" to an insert of a document whose id exists (${describe(error)}); ${SETTINGS}`,
        why: 'conflicts: a unique (document id) violation reported by the store: 409',
        upstreamStatus: 409,
        expect: { status: 409 },
        error,
      })
    }

    return cases
  } finally {
    await up.close()
  }
}

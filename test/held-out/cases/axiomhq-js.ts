import { Axiom } from '@axiomhq/js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { RESET } from './support/http-expect.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@axiomhq/js'

function axiom(url: string): Axiom {
  return new Axiom({ token: 'xaat-00000000-not-a-real-token', orgId: 'acme-prod', url, onError: () => {} })
}

// The client retries 500/502/503/504 and network errors once, after 1 s; its timeouts (20 s, 120 s
// for queries) cannot be set.
const SETTINGS = 'the SDK retries 5xx and network errors once after 1 s (fixed); no settable timeout'

const APL = "['http-logs'] | where status >= 500 | summarize count() by bin(_time, 1m)"

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = axiom(up.url)
  const query = () => client.query(APL)
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      ...(await runMatrix({
        library,
        up,
        call: query,
        refused: async () => axiom(`http://127.0.0.1:${await closedPort()}`).query(APL),
        body: (_status, message) => ({ code: 0, message }),
        conflict: [422, 'invalid APL: unknown function summarise'],
        keepsRetryAfter: { 429: false, 503: false },
        settings: SETTINGS,
        skip: [400, 404, 422, 502],
        // 401 becomes a plain Error "forbidden"; 429 an error that keeps only its parsed limit.
        silentStatuses: [401, 429],
      })),
    )

    up.reply({ status: 200, body: { status: { elapsedTime: 12 }, format: 'tabular' } })
    {
      const error = await rejectionOf(query)
      cases.push({
        library,
        what: `the log service answered 200 to our query with JSON of another shape (no "tables"): TypeError "Cannot read properties of undefined (reading 'map')"; ${SETTINGS}`,
        why: 'upstream answered badly (a reply the client cannot read): 502',
        expect: RESET,
        error,
      })
    }

    {
      const error = await rejectionOf(() =>
        client.query('http_requests_total | rate 1m', {
          type: 'mpl',
          startTime: '2026-01-01T00:00:00Z',
          endTime: '2026-01-01T01:00:00Z',
        }),
      )
      cases.push({
        library,
        what: 'our server ran a metrics (MPL) query on a client configured without an edge endpoint: Error "MPL queries must be routed to an Axiom edge deployment …", no request sent',
        why: 'our own misconfiguration: 500',
        expect: { status: 500 },
        error,
      })
    }
    return cases
  } finally {
    await up.close()
  }
}

import cube from '@cubejs-client/core'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { REFUSED, TIMED_OUT, UPSTREAM_4XX, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@cubejs-client/core'

const QUERY = { measures: ['Orders.count'], dimensions: ['Orders.status'] }

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  // RequestError(message, body, status) for a non-200 answer; no network retries (networkErrorRetries 0).
  const add = caseAdder(library, cases, '; Cube REST API, no network retries')
  const connect = (origin: string, fetchTimeout?: number) =>
    cube('not-a-real-cube-jwt', {
      apiUrl: `${origin}/cubejs-api/v1`,
      ...(fetchTimeout === undefined ? {} : { fetchTimeout }),
    })
  const api = connect(up.url)
  const load = (client = api, query: object = QUERY) => client.load(query as typeof QUERY)
  try {
    up.reply({ status: 400, body: { error: "'Orders.statuz' not found for path 'Orders.statuz'" } })
    add(
      'Cube answered 400 "\'Orders.statuz\' not found" to the query our server built (a member missing from ' +
        'our data model)',
      'our query names a member our own model lacks: upstream 4xx, 500',
      UPSTREAM_4XX,
      await rejectionOf(() => load(api, { measures: ['Orders.count'], dimensions: ['Orders.statuz'] })),
      400,
    )

    up.reply({ status: 403, body: { error: 'Invalid token' } })
    add(
      'Cube answered 403 "Invalid token" to the JWT our server signed',
      'upstream rejected our credentials: 500, status never passed through',
      UPSTREAM_4XX,
      await rejectionOf(() => load()),
      403,
    )

    up.reply({
      status: 404,
      headers: { 'content-type': 'text/html' },
      body: '<pre>Cannot GET /cubejs-api/v1/load</pre>',
    })
    add(
      'the Cube API answered 404 with an HTML "Cannot GET" page (apiUrl of ours points at the wrong base path)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => load()),
      404,
    )

    up.reply({
      status: 500,
      body: {
        error: 'Error: relation "public.orders" does not exist',
        stack: 'error: relation "public.orders" does not exist',
      },
    })
    add(
      'Cube answered 500 "relation \\"public.orders\\" does not exist" from its database (the table our data ' +
        'model maps to is missing)',
      'a missing table behind our own data model: our misconfiguration, 500',
      { status: 500 },
      await rejectionOf(() => load()),
      500,
    )

    up.reply({ status: 500, body: { error: 'Error: Query execution timeout after 10 min of waiting' } })
    add(
      'Cube answered 500 "Query execution timeout after 10 min of waiting" (its orchestrator gave up on the database)',
      "dependency too slow: the engine's query timeout, 504",
      { status: 504, retryable: true },
      await rejectionOf(() => load()),
      500,
    )

    up.reply('hang')
    add(
      "the client's own 250 ms fetchTimeout fired on a Cube API that never answers (the client misreads the " +
        'fetch TimeoutError: RequestError "network Error", no status)',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => load(connect(up.url, 250))),
    )

    const refused = connect(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port (RequestError "network Error", no status, the cause dropped)',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => load(refused)),
    )

    add(
      'the client was built without apiUrl (the environment variable was unset): the factory throws "The ' +
        '`apiUrl` option is required"',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => cube('not-a-real-cube-jwt', { apiUrl: '' })),
    )
    return cases
  } finally {
    await up.close()
  }
}

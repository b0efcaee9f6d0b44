import { BaseClient } from '@xata.io/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@xata.io/client'

// The workspace URL of a real Xata database; the client's own `fetch` option points it at the loopback upstream.
const DATABASE_URL = 'https://acme-r5n2kq.us-east-1.xata.sh/db/shop'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; SQL over HTTP, no retries but on 429')
  const connect = (origin: string, apiKey = 'xau_not-a-real-key') =>
    new BaseClient({
      databaseURL: DATABASE_URL,
      branch: 'main',
      apiKey,
      fetch: (url: string, init?: RequestInit) =>
        fetch(url.replace('https://acme-r5n2kq.us-east-1.xata.sh', origin), init),
    })
  const xata = connect(up.url)
  const sql = (client = xata) => client.sql`SELECT id, total FROM "orders" WHERE customer = ${'cus_42'}`
  try {
    up.reply({ status: 400, body: { id: 'req_2TnR7x', message: 'relation "orders" does not exist' } })
    add(
      'Xata answered 400 "relation \\"orders\\" does not exist" to the SQL our server sent (a missing table)',
      'a missing table in the SQL our server built: upstream 4xx, 500',
      UPSTREAM_4XX,
      await rejectionOf(() => sql()),
      400,
    )

    up.reply({
      status: 400,
      body: { id: 'req_2TnR7y', message: 'syntax error at or near "FORM"' },
    })
    add(
      'Xata answered 400 "syntax error at or near \\"FORM\\"" to the SQL our server built',
      'a syntax error in SQL our server built: upstream 4xx, 500',
      UPSTREAM_4XX,
      await rejectionOf(() => xata.sql({ statement: 'SELECT id FORM orders' })),
      400,
    )

    up.reply({ status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { message: 'invalid API key' } })
    add(
      'Xata answered 401 "invalid API key" to our key',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => sql()),
      401,
    )

    up.reply({ status: 404, body: { id: 'req_2TnR80', message: 'branch shop:main not found' } })
    add(
      'Xata answered 404 "branch shop:main not found" (the branch our server is configured with)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => sql()),
      404,
    )

    up.reply({ status: 500, body: { id: 'req_2TnR81', message: 'Internal server error' } })
    add('Xata answered 500', WHY.upstream5xx, UPSTREAM_5XX, await rejectionOf(() => sql()), 500)

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { id: 'req_2TnR82', message: 'the database is being resized, please retry' },
    })
    add(
      'Xata answered 503 with Retry-After: 7, which the FetcherError drops',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => sql()),
      503,
    )

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body:
        '<html><head><title>502 Bad Gateway</title></head>' +
        '<body><center><h1>502 Bad Gateway</h1></center></body></html>',
    })
    add(
      'the edge in front of Xata answered 502 with an HTML page; the FetcherError wraps the JSON SyntaxError',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => sql()),
      502,
    )

    up.reply('reset')
    add(
      'Xata reset the connection (TCP RST) after reading the query',
      WHY.reset,
      RESET,
      await rejectionOf(() => sql()),
    )

    const refused = connect(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => sql(refused)),
    )

    add(
      'xata.sql was called as a plain function with a string built by our code: it throws "Invalid usage of ' +
        '`xata.sql`"',
      'misuse of the library by our code: 500',
      { status: 500 },
      await rejectionOf(() => (xata.sql as unknown as (q: string) => Promise<unknown>)('SELECT 1')),
    )

    add(
      'the client was built without an API key (the environment variable was unset): the constructor throws ' +
        '"Option apiKey is required"',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => connect(up.url, '')),
    )
    return cases
  } finally {
    await up.close()
  }
}

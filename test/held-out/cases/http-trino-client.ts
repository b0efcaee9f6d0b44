import type { IncomingMessage, ServerResponse } from 'node:http'
import { BasicAuth, Trino } from 'trino-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503,
  UPSTREAM_504,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'trino-client'

const QUERY_ID = '20260512_101530_00043_x7k2p'

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  // The client is axios without retries or a timeout; query errors come back as data, HTTP errors reject.
  const add = caseAdder(library, cases, '; axios inside, no retries')
  const connect = (server: string) =>
    Trino.create({
      server,
      catalog: 'hive',
      schema: 'web',
      auth: new BasicAuth('reports', 'not-a-real-password'),
    })
  const trino = connect(up.url)
  /** Runs a query to the end, as a handler that wants every row would. */
  const run = async (client = trino) => {
    const iter = await client.query('SELECT sku, sum(qty) FROM order_lines GROUP BY sku')
    for await (const page of iter) void page
  }
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Trino"', 'content-type': 'text/plain' },
      body: 'Unauthorized',
    })
    add(
      'the coordinator answered 401 with a Basic challenge to our password',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(run),
      401,
    )

    up.reply({
      status: 400,
      headers: { 'content-type': 'text/plain' },
      body: 'Invalid X-Trino-Session header',
    })
    add(
      'the coordinator answered 400 "Invalid X-Trino-Session header" to the session properties our server sent',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(run),
      400,
    )

    up.reply((req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(req.method === 'POST' ? 200 : 410, { 'content-type': 'application/json' })
      if (req.method !== 'POST') return res.end()
      res.end(
        JSON.stringify({
          id: QUERY_ID,
          infoUri: `${up.url}/ui/query.html?${QUERY_ID}`,
          nextUri: `${up.url}/v1/statement/queued/${QUERY_ID}/y1/1`,
          stats: { state: 'QUEUED' },
        }),
      )
    })
    add(
      'the coordinator answered 410 Gone for the next page of our query (it had abandoned the query while we ' +
        'were slow to fetch)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(run),
      410,
    )

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/plain' },
      body: 'Trino server is still initializing',
    })
    add(
      'the coordinator answered 503 "Trino server is still initializing" with Retry-After: 7, which the ' +
        'AxiosError keeps in response.headers',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(run),
      503,
    )

    up.reply({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' })
    add('the coordinator answered 500', WHY.upstream5xx, UPSTREAM_5XX, await rejectionOf(run), 500)

    up.reply({
      status: 504,
      headers: { 'content-type': 'text/html' },
      body: "<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>",
    })
    add(
      'the load balancer in front of the coordinator answered 504 with an HTML page',
      WHY.upstream504,
      UPSTREAM_504,
      await rejectionOf(run),
      504,
    )

    up.reply('reset')
    add(
      'the coordinator reset the connection (TCP RST) after reading the statement',
      WHY.reset,
      RESET,
      await rejectionOf(run),
    )

    const refused = connect(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => run(refused)),
    )
    return cases
  } finally {
    await up.close()
  }
}

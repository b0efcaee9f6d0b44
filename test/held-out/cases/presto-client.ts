import type { IncomingMessage, ServerResponse } from 'node:http'
import { Client } from 'presto-client'
import type { Collect, HeldOutCase } from '../case.js'
import { REFUSED, TIMED_OUT, UPSTREAM_5XX, UPSTREAM_401, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'presto-client'

/** What the client's error callback received for one query (it has no promise API). */
function failure(client: Client, query: string, timeout?: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.execute({
      query,
      ...(timeout === undefined ? {} : { timeout }),
      error: (error) => resolve(error),
      success: () => reject(new Error('expected the query to fail')),
    })
  })
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

const QUERY_ID = '20260512_101530_00042_x7k2p'

/** A Trino coordinator: POST /v1/statement is QUEUED, the next page reports `failure` (a query error). */
function failingQuery(base: string, failure: Record<string, unknown>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const info = { id: QUERY_ID, infoUri: `${base}/ui/query.html?${QUERY_ID}` }
    if (req.method === 'POST') {
      return json(res, 200, {
        ...info,
        nextUri: `${base}/v1/statement/queued/${QUERY_ID}/1`,
        stats: { state: 'QUEUED' },
      })
    }
    if (req.method === 'DELETE') return json(res, 204, {})
    json(res, 200, { ...info, stats: { state: 'FAILED' }, error: failure })
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const client = new Client({
    host: '127.0.0.1',
    port: up.port,
    user: 'reports',
    catalog: 'hive',
    schema: 'web',
    checkInterval: 10,
  })
  try {
    up.reply(
      failingQuery(up.url, {
        message: "line 1:15: Table 'hive.web.order_lines' does not exist",
        errorCode: 46,
        errorName: 'TABLE_NOT_FOUND',
        errorType: 'USER_ERROR',
        errorLocation: { lineNumber: 1, columnNumber: 15 },
        failureInfo: {
          type: 'io.trino.spi.TrinoException',
          message: "line 1:15: Table 'hive.web.order_lines' does not exist",
        },
      }),
    )
    add(
      'the coordinator failed our query on its second page: TABLE_NOT_FOUND (USER_ERROR); the callback gets ' +
        "Trino's raw error object",
      'a missing table in the SQL our server built: our bug, 500',
      { status: 500 },
      await failure(client, 'SELECT sku, sum(qty) FROM order_lines GROUP BY sku'),
    )

    up.reply(
      failingQuery(up.url, {
        message: "line 1:8: mismatched input 'FORM'. Expecting: '*', <expression>, <identifier>",
        errorCode: 1,
        errorName: 'SYNTAX_ERROR',
        errorType: 'USER_ERROR',
        errorLocation: { lineNumber: 1, columnNumber: 8 },
        failureInfo: {
          type: 'io.trino.sql.parser.ParsingException',
          message: "line 1:8: mismatched input 'FORM'",
        },
      }),
    )
    add(
      'the coordinator failed our query: SYNTAX_ERROR in the SQL our server built (raw Trino error object)',
      'a syntax error in SQL our server built: our bug, 500',
      { status: 500 },
      await failure(client, 'SELECT FORM orders'),
    )

    up.reply(
      failingQuery(up.url, {
        message: 'Query exceeded maximum time limit of 30.00s',
        errorCode: 131075,
        errorName: 'EXCEEDED_TIME_LIMIT',
        errorType: 'INSUFFICIENT_RESOURCES',
        failureInfo: {
          type: 'io.trino.spi.TrinoException',
          message: 'Query exceeded maximum time limit of 30.00s',
        },
      }),
    )
    add(
      'the coordinator killed our query: EXCEEDED_TIME_LIMIT "Query exceeded maximum time limit of 30.00s" ' +
        '(raw Trino error object)',
      "dependency too slow: the engine's query time limit, 504",
      { status: 504, retryable: true },
      await failure(client, 'SELECT count(*) FROM clicks CROSS JOIN sessions'),
    )

    up.reply(
      failingQuery(up.url, {
        message: 'Too many queued queries for "global.adhoc"',
        errorCode: 131079,
        errorName: 'QUERY_QUEUE_FULL',
        errorType: 'INSUFFICIENT_RESOURCES',
        failureInfo: {
          type: 'io.trino.spi.TrinoException',
          message: 'Too many queued queries for "global.adhoc"',
        },
      }),
    )
    add(
      'the coordinator rejected our query: QUERY_QUEUE_FULL "Too many queued queries" (raw Trino error object)',
      'dependency unavailable: the engine is overloaded and its queue is full, 503',
      { status: 503, retryable: true },
      await failure(client, 'SELECT 1'),
    )

    up.reply((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end(
          JSON.stringify({
            id: QUERY_ID,
            error: {
              message: 'Access Denied: Cannot select from table hive.web.payments',
              errorName: 'PERMISSION_DENIED',
              errorType: 'USER_ERROR',
              errorCode: 4,
            },
          }),
        )
      }
      json(res, 204, {})
    })
    add(
      'the coordinator refused our first request: PERMISSION_DENIED "Access Denied: Cannot select from table" ' +
        '(the callback gets { message, error, code: 200 })',
      'our service account lacks a grant: our misconfiguration, 500',
      { status: 500 },
      await failure(client, 'SELECT * FROM payments'),
    )

    up.reply({ status: 401, headers: { 'www-authenticate': 'Basic realm="Trino"' }, body: 'Unauthorized' })
    add(
      'the coordinator answered 401 with a Basic challenge to our credentials (the callback gets { message: ' +
        '"execution error:Unauthorized", error, code: 401 })',
      WHY.upstream401,
      UPSTREAM_401,
      await failure(client, 'SELECT 1'),
      401,
    )

    up.reply({
      status: 500,
      headers: { 'content-type': 'text/plain' },
      body: 'java.lang.OutOfMemoryError: Java heap space',
    })
    add(
      'the coordinator answered 500 with a plain-text Java stack head ({ message, error, code: 500 })',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await failure(client, 'SELECT 1'),
      500,
    )

    up.reply('hang')
    add(
      'the client\'s own 1 s query timeout fired on a coordinator that never answers ({ message: "execution ' +
        'error:query timed out" })',
      WHY.timeout,
      TIMED_OUT,
      await failure(client, 'SELECT 1', 1),
    )

    const refused = new Client({
      host: '127.0.0.1',
      port: await closedPort(),
      user: 'reports',
      catalog: 'hive',
    })
    add(
      'connection refused by a closed loopback port ({ message: "execution error", error: ECONNREFUSED })',
      WHY.refused,
      REFUSED,
      await failure(refused, 'SELECT 1'),
    )

    let thrown: unknown
    try {
      new Client({ host: '127.0.0.1', port: up.port, schema: 'web' }).execute({
        query: 'SELECT 1',
        callback: () => {},
      })
    } catch (error) {
      thrown = error
    }
    add(
      'the client was configured with a schema but no catalog: execute() throws a plain { message } object',
      'misconfiguration of ours: 500',
      { status: 500 },
      thrown,
    )
    return cases
  } finally {
    await up.close()
  }
}

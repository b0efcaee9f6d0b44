import { ClickHouseLogLevel, createClient } from '@clickhouse/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@clickhouse/client'

/** A ClickHouse HTTP error answer: the exception text as the body, its code in a header. */
const exception = (status: number, code: number, text: string, type: string) => ({
  status,
  headers: { 'x-clickhouse-exception-code': String(code), 'content-type': 'text/plain; charset=UTF-8' },
  body: `Code: ${code}. DB::Exception: ${text}. (${type}) (version 24.8.4.13 (official build))\n`,
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The client does not retry queries (only a request on an expired keep-alive socket, which is
  // off here); request_timeout: 250 ms is its own timeout.
  const connect = (url: string) =>
    createClient({
      url,
      username: 'app',
      password: 'not-a-password',
      database: 'analytics',
      request_timeout: 250,
      keep_alive: { enabled: false },
      log: { level: ClickHouseLogLevel.OFF },
    })
  const ch = connect(up.url)
  const select = (query = 'SELECT count() FROM events') => ch.query({ query, format: 'JSONEachRow' })
  const cases: HeldOutCase[] = []
  try {
    up.reply(
      exception(
        403,
        516,
        'app: Authentication failed: password is incorrect, or there is no user with such name',
        'AUTHENTICATION_FAILED',
      ),
    )
    cases.push({
      library,
      what: 'ClickHouse answered 403 AUTHENTICATION_FAILED to our password (ClickHouseError code "516", type; no HTTP status kept)',
      why: 'SDK error caused by our own credentials (upstream 403): 500',
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => select()),
    })

    up.reply(exception(404, 60, 'Table analytics.events does not exist', 'UNKNOWN_TABLE'))
    cases.push({
      library,
      what: 'ClickHouse answered 404 UNKNOWN_TABLE (ClickHouseError code "60")',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => select()),
    })

    up.reply(
      exception(
        400,
        62,
        "Syntax error: failed at position 8 ('FORM'): FORM events. Expected one of: token, Comma, FROM",
        'SYNTAX_ERROR',
      ),
    )
    cases.push({
      library,
      what: 'ClickHouse answered 400 SYNTAX_ERROR to our query (ClickHouseError code "62")',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => select('SELECT * FORM events')),
    })

    up.reply(
      exception(429, 202, 'Too many simultaneous queries. Maximum: 100', 'TOO_MANY_SIMULTANEOUS_QUERIES'),
    )
    cases.push({
      library,
      what: 'ClickHouse answered 429 TOO_MANY_SIMULTANEOUS_QUERIES (ClickHouseError code "202"; headers dropped)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(() => select()),
    })

    up.reply(exception(500, 159, 'Timeout exceeded: elapsed 5.001 seconds, maximum: 5', 'TIMEOUT_EXCEEDED'))
    cases.push({
      library,
      what: 'ClickHouse answered 500 TIMEOUT_EXCEEDED, our max_execution_time (ClickHouseError code "159")',
      why: 'dependency too slow: statement / query timeout: 504',
      upstreamStatus: 500,
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => select()),
    })

    up.reply(exception(500, 1001, 'std::bad_alloc', 'STD_EXCEPTION'))
    cases.push({
      library,
      what: 'ClickHouse answered 500 STD_EXCEPTION (ClickHouseError code "1001")',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => select()),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: '<html><body>503 Service Unavailable</body></html>' })
    cases.push({
      library,
      what: 'a proxy in front of ClickHouse answered 503 with an HTML body (a plain Error whose message is the body; status and headers dropped)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(() => select()),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'the client\'s own 250 ms request_timeout fired (Error "Timeout error.")',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => select()),
    })

    const refused = connect(`http://127.0.0.1:${await closedPort()}`)
    try {
      cases.push({
        library,
        what: 'connection refused by a closed loopback port',
        why: WHY.refused,
        expect: REFUSED,
        error: await rejectionOf(() => refused.query({ query: 'SELECT 1' })),
      })
    } finally {
      await refused.close()
    }
    return cases
  } finally {
    await ch.close()
    await up.close()
  }
}

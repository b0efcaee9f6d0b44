import { PrometheusDriver } from 'prometheus-query'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'prometheus-query'

/** Prometheus' HTTP API error envelope. */
const promError = (errorType: string, error: string) => ({ status: 'error', errorType, error })

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  // Failures reject with a plain object { status: 'error', errorType, error, httpStatus?, code? }, not an Error.
  const add = caseAdder(library, cases)
  const connect = (endpoint: string, timeout = 2000) => new PrometheusDriver({ endpoint, timeout })
  const prom = connect(up.url)
  const query = (driver = prom) =>
    driver.rangeQuery(
      'sum by (route) (rate(http_requests_total[5m]))',
      Date.now() - 3_600_000,
      Date.now(),
      60,
    )
  try {
    up.reply({
      status: 400,
      body: promError('bad_data', '1:35: parse error: unexpected "]" in subquery selector, expected ":"'),
    })
    add(
      'Prometheus answered 400 bad_data "parse error" to the PromQL our server built (a plain object { status: ' +
        '"error", errorType: http_error, httpStatus 400 })',
      'a syntax error in the query our server built: upstream 4xx, 500',
      UPSTREAM_4XX,
      await rejectionOf(() => query()),
      400,
    )

    up.reply({
      status: 422,
      body: promError(
        'execution',
        'query processing would load too many samples into memory in query execution',
      ),
    })
    add(
      'Prometheus answered 422 execution "would load too many samples into memory" (our query over our ' +
        'configured max-samples)',
      'our query exceeds a per-query limit of our configuration: upstream 4xx, 500',
      UPSTREAM_4XX,
      await rejectionOf(() => query()),
      422,
    )

    up.reply({ status: 503, body: promError('timeout', 'query timed out in expression evaluation') })
    add(
      'Prometheus answered 503 timeout "query timed out in expression evaluation" (the engine\'s query timeout)',
      "dependency too slow: the engine's query timeout, 504",
      { status: 504, retryable: true },
      await rejectionOf(() => query()),
      503,
    )

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: promError(
        'unavailable',
        'cannot handle more than 16 concurrent search requests during 10s; possible solutions: increase ' +
          '-search.maxQueueDuration',
      ),
    })
    add(
      'VictoriaMetrics answered 503 unavailable "cannot handle more than 16 concurrent search requests" with ' +
        'Retry-After: 7, which the plain object drops',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => query()),
      503,
    )

    up.reply({
      status: 500,
      body: promError('internal', 'expanding series: remote read: context deadline exceeded'),
    })
    add(
      'Prometheus answered 500 internal "expanding series: …" (errorType http_error, httpStatus 500)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => query()),
      500,
    )

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="vmauth"', 'content-type': 'text/plain' },
      body: 'Unauthorized\n',
    })
    add(
      'the auth proxy in front of Prometheus answered 401 text/plain to our credentials; the client reports ' +
        'only { errorType: client_error, error: "unexpected client error", data }',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => query()),
      401,
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Sign in</body></html>',
    })
    add(
      'a proxy answered 200 with an HTML sign-in page where the JSON envelope was due ({ errorType: client_error })',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => query()),
    )

    up.reply('hang')
    add(
      "the client's own 250 ms timeout fired on a Prometheus that never answers ({ errorType: timeout_error, " +
        'code: ECONNABORTED })',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => query(connect(up.url, 250))),
    )

    const refused = connect(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port ({ errorType: network_error, code: ECONNREFUSED })',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => query(refused)),
    )

    add(
      'the driver was built with an empty endpoint (the environment variable was unset): the constructor ' +
        'throws a bare string',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new PrometheusDriver({ endpoint: '' })),
    )

    add(
      'rangeQuery() was given the start as an ISO string taken from the request: the driver throws Error ' +
        '"Wrong time format"',
      'our code passed an unconverted value to the driver: a bug of ours, 500',
      { status: 500 },
      await rejectionOf(() =>
        prom.rangeQuery('up', '2026-05-12T10:00:00Z' as unknown as Date, Date.now(), 60),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}

import { InfluxDB } from '@influxdata/influxdb-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@influxdata/influxdb-client'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // Queries are not retried (only the write API retries, and it is not used here). HttpError keeps
  // statusCode, the body, the body's `code`, the response headers and Retry-After (retryAfter()).
  const influx = (url: string) => new InfluxDB({ url, token: 'influx-test-token', timeout: 250 })
  const queryApi = influx(up.url).getQueryApi('acme')
  const query = () => queryApi.collectRows('from(bucket: "metrics") |> range(start: -1h)')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Token' },
      body: { code: 'unauthorized', message: 'unauthorized access' },
    })
    cases.push({
      library,
      what: 'InfluxDB answered 401 unauthorized to our token (HttpError, statusCode 401, code unauthorized)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(query),
    })

    up.reply({
      status: 404,
      body: {
        code: 'not found',
        message: 'failed to initialize execute state: could not find bucket "metrics"',
      },
    })
    cases.push({
      library,
      what: 'InfluxDB answered 404 "not found": the bucket does not exist (HttpError, statusCode 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(query),
    })

    up.reply({
      status: 400,
      body: { code: 'invalid', message: 'compilation failed: error at @1:6-1:12: missing property' },
    })
    cases.push({
      library,
      what: 'InfluxDB answered 400 invalid: our Flux query does not compile (HttpError, statusCode 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(query),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { code: 'too many requests', message: 'org exceeded query limits' },
    })
    cases.push({
      library,
      what: 'InfluxDB answered 429 with Retry-After: 7 (HttpError, statusCode 429, retryAfter() 7000 ms)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(query),
    })

    up.reply({ status: 500, body: { code: 'internal error', message: 'unexpected error reading shard' } })
    cases.push({
      library,
      what: 'InfluxDB answered 500 internal error (HttpError, statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(query),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: { code: 'unavailable', message: 'service unavailable' },
    })
    cases.push({
      library,
      what: 'InfluxDB answered 503 with Retry-After: 7 (HttpError, statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(query),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (RequestTimedOutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(query),
    })

    const refused = influx(`http://127.0.0.1:${await closedPort()}`).getQueryApi('acme')
    cases.push({
      library,
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.collectRows('from(bucket: "metrics") |> range(start: -1h)')),
    })
    return cases
  } finally {
    await up.close()
  }
}

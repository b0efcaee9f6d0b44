import { client, logger, v1 } from '@datadog/datadog-api-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@datadog/datadog-api-client'

/** The monitors API of a Datadog client on `url`. */
function monitors(url: string): v1.MonitorsApi {
  // enableRetry is false by default (the SDK retries 429 and 5xx only when it is true); set it anyway.
  const configuration = client.createConfiguration({
    authMethods: { apiKeyAuth: 'test-api-key', appKeyAuth: 'test-app-key' },
    baseServer: new client.BaseServerConfiguration(url, {}),
    enableRetry: false,
  })
  return new v1.MonitorsApi(configuration)
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const api = monitors(up.url)
  const getMonitor = () => api.getMonitor({ monitorId: 42 })
  const cases: HeldOutCase[] = []
  // The SDK logs every network failure with console.error before it rethrows; silence it meanwhile.
  const level = logger.getLevel()
  logger.setLevel('silent')
  try {
    up.reply({ status: 403, body: { errors: ['Forbidden'] } })
    cases.push({
      library,
      what: 'upstream answered 403 to our API and app keys (ApiException, numeric code 403)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getMonitor),
    })

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'DD-API-KEY realm="datadog"' },
      body: { errors: ['Unauthorized'] },
    })
    cases.push({
      library,
      what: "upstream answered 401 with a challenge (ApiException 'HTTP-Code: 401', no headers kept)",
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getMonitor),
    })

    up.reply({ status: 404, body: { errors: ['Monitor not found'] } })
    cases.push({
      library,
      what: 'upstream answered 404 to a monitor id (ApiException, code 404, body.errors)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getMonitor),
    })

    up.reply({
      status: 429,
      headers: { 'x-ratelimit-reset': '7' },
      body: { errors: ['Rate limit exceeded'] },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with X-RateLimit-Reset: 7 (ApiException, no headers kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(getMonitor),
    })

    up.reply({ status: 500, body: { errors: ['Internal Server Error'] } })
    cases.push({
      library,
      what: 'upstream answered 500 (ApiException, code 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getMonitor),
    })

    up.reply({ status: 503, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'upstream answered 503 with a text body to a POST (ApiException, code 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(() =>
        api.createMonitor({ body: { type: 'metric alert', query: 'avg(last_5m):avg:cpu{*} > 90' } }),
      ),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (node-fetch FetchError, code ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => monitors(`http://127.0.0.1:${port}`).getMonitor({ monitorId: 42 })),
    })
    return cases
  } finally {
    logger.setLevel(level)
    await up.close()
  }
}

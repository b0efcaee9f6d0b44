import { BaseService, NoAuthAuthenticator } from 'ibm-cloud-sdk-core'
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

const library = 'ibm-cloud-sdk-core'

/** A service class as IBM's generated SDKs write them: one operation on top of BaseService. */
class Catalog extends BaseService {
  getEntry(id: string): Promise<unknown> {
    return this.createRequest({
      options: { url: '/v1/entries/{id}', method: 'GET', path: { id } },
      defaultOptions: { serviceUrl: this.baseOptions.serviceUrl, headers: { Accept: 'application/json' } },
    })
  }
}

/** A Catalog service on `serviceUrl`; the remaining options go to axios (`timeout`). */
function catalog(serviceUrl: string, timeout?: number): Catalog {
  // Retries are off unless `enableRetries` is set or enableRetries() is called; neither is.
  return new Catalog({
    authenticator: new NoAuthAuthenticator(),
    serviceUrl,
    ...(timeout === undefined ? {} : { timeout }),
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const service = catalog(up.url)
  const getEntry = () => service.getEntry('e-42')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="IBM Cloud"' },
      body: { errors: [{ code: 'not_authorized', message: 'Unauthorized' }], trace: 'abc', status_code: 401 },
    })
    cases.push({
      library,
      what: "upstream answered 401 to our token (plain Error, name 'Unauthorized', status 401, headers)",
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getEntry),
    })

    up.reply({
      status: 404,
      body: { errors: [{ code: 'not_found', message: 'Entry e-42 not found' }], status_code: 404 },
    })
    cases.push({
      library,
      what: "upstream answered 404 (plain Error, name 'Not Found', status 404, result)",
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getEntry),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { error: 'Rate limit exceeded' } })
    cases.push({
      library,
      what: "upstream answered 429 with Retry-After: 7 (plain Error, name 'Too Many Requests', headers)",
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getEntry),
    })

    up.reply({ status: 500, body: { error: 'Internal error', trace: 'def' } })
    cases.push({
      library,
      what: "upstream answered 500 (plain Error, name 'Internal Server Error', status 500)",
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getEntry),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    cases.push({
      library,
      what: "upstream answered 503 with Retry-After: 7 (plain Error, name 'Service Unavailable', headers)",
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(getEntry),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "axios's 250 ms timeout fired (plain Error, statusText ECONNABORTED, no status)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => catalog(up.url, 250).getEntry('e-42')),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (plain Error, statusText ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => catalog(`http://127.0.0.1:${port}`).getEntry('e-42')),
    })
    return cases
  } finally {
    await up.close()
  }
}

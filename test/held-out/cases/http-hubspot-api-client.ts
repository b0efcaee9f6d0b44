import { Client } from '@hubspot/api-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@hubspot/api-client'

/** HubSpot's error envelope. */
function hubspotError(message: string, category: string) {
  return { status: 'error', message, correlationId: '8e3c7a52-5d0b-4b2e-9c11-3f2a7d1e6b90', category }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // No numberOfApiCallRetries and no limiterOptions: the client adds no retry or limiter decorator.
  const client = new Client({ accessToken: 'pat-test-not-a-token', basePath: up.url })
  const getContact = () => client.crm.contacts.basicApi.getById('42')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="hubspot"' },
      body: hubspotError('Authentication credentials not found.', 'INVALID_AUTHENTICATION'),
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our token (ApiException, name Error, code 401, headers object)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getContact),
    })

    up.reply({ status: 400, body: hubspotError('Property values were not valid', 'VALIDATION_ERROR') })
    cases.push({
      library,
      what: 'upstream answered 400 VALIDATION_ERROR to the contact we posted (ApiException, code 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        client.crm.contacts.basicApi.create({ properties: { email: 'not-an-email' }, associations: [] }),
      ),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: {
        ...hubspotError('You have reached your ten_secondly_rolling limit.', 'RATE_LIMITS'),
        errorType: 'RATE_LIMIT',
        policyName: 'TEN_SECONDLY_ROLLING',
      },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (ApiException, code 429)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getContact),
    })

    up.reply({ status: 500, body: hubspotError('internal error', 'INTERNAL_ERROR') })
    cases.push({
      library,
      what: 'upstream answered 500 (ApiException, code 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getContact),
    })

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/html' },
      body: '<html><body>Service Unavailable</body></html>',
    })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 and an HTML page (ApiException, code 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(getContact),
    })

    const port = await closedPort()
    const offline = new Client({ accessToken: 'pat-test-not-a-token', basePath: `http://127.0.0.1:${port}` })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (FetchError of its node-fetch, ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.crm.contacts.basicApi.getById('42')),
    })
    return cases
  } finally {
    await up.close()
  }
}

import Airtable from 'airtable'
import { type Collect, type HeldOutCase, rejectionOf } from '../../held-out/case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from '../../held-out/cases/support/http-expect.js'
import { closedPort, startUpstream } from '../../held-out/cases/support/http-upstream.js'

const library = 'airtable'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // noRetryIfRateLimited: true (the client retries 429 with backoff by default); it has no other
  // retries. Its AirtableError is a plain object, not an Error, and keeps no response headers.
  const base = (endpointUrl: string) =>
    new Airtable({ apiKey: 'pat_test', endpointUrl, noRetryIfRateLimited: true, requestTimeout: 250 }).base(
      'appTest123',
    )
  const tasks = base(up.url)('Tasks')
  const find = () => tasks.find('recAbc123')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="airtable"' },
      body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our token (AirtableError, a plain object with statusCode 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(find),
    })

    up.reply({
      status: 422,
      body: {
        error: { type: 'INVALID_VALUE_FOR_COLUMN', message: 'Field "Due" cannot accept the provided value' },
      },
    })
    cases.push({
      library,
      what: 'upstream answered 422 INVALID_VALUE_FOR_COLUMN to the record we posted (AirtableError)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => tasks.create({ Name: 'x', Due: 'tomorrow' })),
    })

    up.reply({ status: 429, body: { errors: [{ error: 'RATE_LIMIT_REACHED' }] } })
    cases.push({
      library,
      what: 'upstream answered 429 (AirtableError TOO_MANY_REQUESTS, statusCode 429)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(find),
    })

    up.reply({ status: 503, body: { error: 'SERVICE_UNAVAILABLE' } })
    cases.push({
      library,
      what: 'upstream answered 503 (AirtableError SERVICE_UNAVAILABLE, statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(find),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms requestTimeout fired (node-fetch AbortError, passed through)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(find),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (AirtableError CONNECTION_ERROR, statusCode null)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => base(`http://127.0.0.1:${port}`).makeRequest({ path: '/Tasks' })),
    })
    return cases
  } finally {
    await up.close()
  }
}

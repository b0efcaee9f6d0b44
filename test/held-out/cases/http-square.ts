import { SquareClient } from 'square'
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

const library = 'square'

/** Square's error body: `{ errors: [{ category, code, detail }] }`. */
const squareErrors = (category: string, code: string, detail: string) => ({
  errors: [{ category, code, detail }],
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const client = new SquareClient({
    token: 'EAAA-test-token',
    baseUrl: up.url,
    maxRetries: 0,
    timeoutInSeconds: 0.25,
  })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="squareup"' },
      body: squareErrors('AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'This request could not be authorized.'),
    })
    cases.push({
      library,
      what: 'upstream 401 AUTHENTICATION_ERROR to our access token (SquareError statusCode 401, errors[], rawResponse)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => client.locations.list()),
    })
    up.reply({
      status: 404,
      body: squareErrors('INVALID_REQUEST_ERROR', 'NOT_FOUND', 'Could not find payment with id: pay_1'),
    })
    cases.push({
      library,
      what: 'upstream 404 NOT_FOUND for a payment (SquareError statusCode 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.payments.get({ paymentId: 'pay_1' })),
    })
    up.reply({
      status: 400,
      body: squareErrors('INVALID_REQUEST_ERROR', 'INVALID_VALUE', 'Invalid currency: XYZ'),
    })
    cases.push({
      library,
      what: 'upstream 400 INVALID_VALUE to creating a payment (SquareError statusCode 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        client.payments.create({
          sourceId: 'cnon:card-nonce-ok',
          idempotencyKey: 'k-1',
          amountMoney: { amount: BigInt(100), currency: 'USD' },
        }),
      ),
    })
    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: squareErrors('RATE_LIMIT_ERROR', 'RATE_LIMITED', 'Too many requests'),
    })
    cases.push({
      library,
      what: 'upstream 429 RATE_LIMITED with Retry-After: 7 (SquareError statusCode 429, rawResponse.headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => client.locations.list()),
    })
    up.reply({
      status: 500,
      body: squareErrors('API_ERROR', 'INTERNAL_SERVER_ERROR', 'An internal error occurred.'),
    })
    cases.push({
      library,
      what: 'upstream 500 INTERNAL_SERVER_ERROR (SquareError statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => client.locations.list()),
    })
    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: squareErrors('API_ERROR', 'SERVICE_UNAVAILABLE', 'Service unavailable'),
    })
    cases.push({
      library,
      what: 'upstream 503 SERVICE_UNAVAILABLE with Retry-After: 7 (SquareError statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => client.locations.list()),
    })
    up.reply('hang')
    cases.push({
      library,
      what: 'the client timeout (timeoutInSeconds 0.25) against a hanging upstream (not SquareTimeoutError: a SquareError whose message is \'"timeout"\', cause the string "timeout", rawResponse status 0 "Unknown Error")',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => client.locations.list()),
    })
    const down = new SquareClient({
      token: 'EAAA-test-token',
      baseUrl: `http://127.0.0.1:${refusedPort}`,
      maxRetries: 0,
      // The fetcher leaves its timeout timer running when the fetch fails: a short one ends the run sooner.
      timeoutInSeconds: 0.25,
    })
    cases.push({
      library,
      what: 'the API port refuses (SquareError "fetch failed", no statusCode, rawResponse status 0, cause TypeError fetch failed → ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => down.locations.list()),
    })
    return cases
  } finally {
    await up.close()
  }
}

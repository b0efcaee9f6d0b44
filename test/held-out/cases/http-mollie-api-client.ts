import { readFileSync } from 'node:fs'
import { createMollieClient, PaymentMethod } from '@mollie/api-client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@mollie/api-client'

/** The Mollie API's error body (application/hal+json). */
function problem(status: number, title: string, detail: string, field?: string) {
  return {
    status,
    title,
    detail,
    ...(field ? { field } : {}),
    _links: {
      documentation: { href: 'https://docs.mollie.com/overview/handling-errors', type: 'text/html' },
    },
  }
}

const tls = {
  key: readFileSync(new URL('./support/loopback-key.pem', import.meta.url)),
  cert: readFileSync(new URL('./support/loopback-cert.pem', import.meta.url)),
}

export const collect: Collect = async () => {
  // The client only speaks HTTPS, through an agent pinned to its own CA bundle: the loopback upstream is HTTPS with
  // the self-signed certificate, trusted for the duration of this collector only (restored in `finally`).
  const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
  const up = await startUpstream({ status: 200, body: {} }, tls)
  const cases: HeldOutCase[] = []
  // The client retries 5xx twice (waiting Retry-After or 2 s); it has no timeout option.
  const add = caseAdder(library, cases, '; the client retries 5xx up to 3 attempts, no timeout option')
  const mollie = createMollieClient({
    apiKey: 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM',
    apiEndpoint: `${up.url}/v2/`,
  })
  const getPayment = (client = mollie) => client.payments.get('tr_7UhSN1zuXS')
  const createPayment = () =>
    mollie.payments.create({
      amount: { currency: 'EUR', value: '10.00' },
      description: 'Order #12345',
      redirectUrl: 'https://shop.example.test/orders/12345',
      method: PaymentMethod.ideal,
    })
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Mollie API Key"' },
      body: problem(401, 'Unauthorized Request', 'Missing authentication, or failed to authenticate'),
    })
    add(
      'Mollie answered 401 "Missing authentication, or failed to authenticate" to our API key: ApiError with ' +
        'statusCode from the body',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => getPayment()),
      401,
    )

    up.reply({ status: 404, body: problem(404, 'Not Found', 'No payment exists with token tr_7UhSN1zuXS.') })
    add(
      'Mollie answered 404 "No payment exists with token …" for the payment id our order row holds',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => getPayment()),
      404,
    )

    up.reply({
      status: 422,
      body: problem(422, 'Unprocessable Entity', 'The amount is higher than the maximum', 'amount'),
    })
    add(
      'Mollie answered 422 "The amount is higher than the maximum" (field: amount) to the payment we created',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(createPayment),
      422,
    )

    up.reply({
      status: 429,
      headers: { 'retry-after': '7' },
      body: problem(429, 'Too Many Requests', 'You have exceeded the rate limit'),
    })
    add(
      'Mollie answered 429 with Retry-After: 7; the ApiError keeps only the body (statusCode, title), the header is ' +
        'lost',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => getPayment()),
      429,
    )

    up.reply({
      status: 500,
      headers: { 'retry-after': '0' },
      body: problem(
        500,
        'Internal Server Error',
        'An internal server error occurred while processing your request',
      ),
    })
    add(
      'Mollie answered 500 on all three attempts (Retry-After: 0 between them)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => getPayment()),
      500,
    )

    up.reply({
      status: 503,
      headers: { 'retry-after': '0' },
      body: problem(503, 'Service Unavailable', 'The service is temporarily unavailable'),
    })
    add(
      'Mollie answered 503 on all three attempts (Retry-After: 0 between them, not kept in the error)',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => getPayment()),
      503,
    )

    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head><body></body></html>',
    })
    add(
      'the API answered 200 with an HTML login page: ApiError "Received unexpected response from the server"',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => getPayment()),
    )

    up.reply('reset')
    add(
      'the API closed the TLS connection after reading the request, without an answer: ApiError whose message is ' +
        'node-fetch\'s "socket hang up"',
      WHY.reset,
      RESET,
      await rejectionOf(() => getPayment()),
    )

    const refused = createMollieClient({
      apiKey: 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM',
      apiEndpoint: `https://127.0.0.1:${await closedPort()}/v2/`,
    })
    add(
      'connection refused by a closed loopback port: ApiError whose message is node-fetch\'s "connect ECONNREFUSED"',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => getPayment(refused)),
    )

    add(
      "the payment id taken from the client's path (/payments/12345) has the wrong format: the SDK throws ApiError " +
        '"The payment id appears invalid" before any request',
      'malformed value from the client (like pg 22P02 invalid input syntax): 400',
      { status: 400 },
      await rejectionOf(() => mollie.payments.get('12345')),
    )

    add(
      'our config passes an empty API key (the environment variable was unset): TypeError "Parameter "apiKey" is an ' +
        'empty string."',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => createMollieClient({ apiKey: '' })),
    )
    return cases
  } finally {
    if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before
    await up.close()
  }
}

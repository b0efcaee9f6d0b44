import Razorpay from 'razorpay'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_401, UPSTREAM_429_BARE, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'razorpay'

/** The Razorpay API's error body. */
function apiError(code: string, description: string, extra: Record<string, unknown> = {}) {
  return {
    error: {
      code,
      description,
      source: 'business',
      step: 'payment_initiation',
      reason: 'input_validation_failed',
      metadata: {},
      ...extra,
    },
  }
}

/** The SDK's host is fixed (https://api.razorpay.com); its axios instance (`api.rq`) is pointed at the upstream. */
function client(baseURL: string) {
  const rzp = new Razorpay({ key_id: 'rzp_test_1DP5mmOlF5G5ag', key_secret: 'not-a-real-secret' })
  ;(rzp.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL = baseURL
  return rzp
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  // Every axios failure goes through the SDK's normalizeError, which throws a plain { statusCode, error } object.
  const add = caseAdder(library, cases, '; the SDK rethrows a plain { statusCode, error } object, no retries')
  const rzp = client(up.url)
  const createOrder = () => rzp.orders.create({ amount: 50, currency: 'INR', receipt: 'order_rcptid_11' })
  const fetchPayment = () => rzp.payments.fetch('pay_29QQoUBi66xm2f')
  try {
    up.reply({
      status: 400,
      body: apiError('BAD_REQUEST_ERROR', 'Order amount less than minimum amount allowed', {
        field: 'amount',
      }),
    })
    add(
      'Razorpay answered 400 BAD_REQUEST_ERROR "Order amount less than minimum amount allowed" (field amount) to ' +
        'the order we created',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(createOrder),
      400,
    )

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Razorpay"' },
      body: apiError('BAD_REQUEST_ERROR', 'Authentication failed', {
        source: 'NA',
        step: 'NA',
        reason: 'NA',
      }),
    })
    add(
      'Razorpay answered 401 "Authentication failed" with WWW-Authenticate: Basic to our key pair',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(fetchPayment),
      401,
    )

    up.reply({ status: 404, body: apiError('BAD_REQUEST_ERROR', 'The id provided does not exist') })
    add(
      'Razorpay answered 404 "The id provided does not exist" for the payment id our order row holds',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(fetchPayment),
      404,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: apiError('BAD_REQUEST_ERROR', 'Too many requests', { reason: 'rate_limit_exceeded' }),
    })
    add(
      'Razorpay answered 429 "Too many requests" with Retry-After: 7; the plain object keeps statusCode and body only',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(fetchPayment),
      429,
    )

    up.reply({
      status: 500,
      body: apiError(
        'SERVER_ERROR',
        'The server encountered an error. The incident has been reported to admins.',
        {
          source: 'NA',
          step: 'NA',
          reason: 'NA',
        },
      ),
    })
    add(
      'Razorpay answered 500 SERVER_ERROR',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(createOrder),
      500,
    )

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body:
        '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad ' +
        'Gateway</h1></center></body></html>',
    })
    add(
      'the edge in front of the API answered 502 with an HTML page: the plain object is { statusCode: 502, error: ' +
        'undefined }',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(createOrder),
      502,
    )

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      "connection refused by a closed loopback port: the SDK's normalizeError reads err.response.status of an " +
        'error without a response and throws a TypeError that keeps no trace of the refusal',
      'an SDK bug hides the refusal: a bare TypeError is everything else, 500',
      { status: 500 },
      await rejectionOf(() => refused.payments.fetch('pay_29QQoUBi66xm2f')),
    )

    add(
      'our code fetches an invoice with an empty id (a missing column value): the SDK rejects with the bare string ' +
        '"Invoice ID is mandatory"',
      'our own bug (a rejected string): 500',
      { status: 500 },
      await rejectionOf(() => rzp.invoices.fetch('')),
    )

    add(
      'our config builds the client without key_id (the environment variable was unset): Error "`key_id` or ' +
        '`oauthToken` is mandatory"',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new Razorpay({ key_secret: 'not-a-real-secret' })),
    )

    const webhook = JSON.stringify({ entity: 'event', event: 'payment.captured', payload: {} })
    add(
      'an incoming webhook arrives without an X-Razorpay-Signature header: validateWebhookSignature(body, ' +
        'undefined, secret) throws "Invalid Parameters: Please give request body, signature …"',
      'failed authentication of the incoming request (webhook without signature): 401',
      { status: 401 },
      await rejectionOf(() =>
        Razorpay.validateWebhookSignature(webhook, undefined as unknown as string, 'a-webhook-secret'),
      ),
    )
    return cases
  } finally {
    await up.close()
  }
}

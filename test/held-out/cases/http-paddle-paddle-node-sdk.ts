import { type Environment, Paddle } from '@paddle/paddle-node-sdk'
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

const library = '@paddle/paddle-node-sdk'

/** A Paddle client on `url`: an `environment` that names no known one is used as the base URL. */
function paddle(url: string): Paddle {
  // The SDK never retries and has no timeout option.
  return new Paddle('pdl_test_key', { environment: url as Environment })
}

// Paddle answers an error as { error: { type, code, detail, documentation_url }, meta: { request_id } }.
const failed = (type: string, code: string, detail: string) => ({
  error: { type, code, detail, documentation_url: `https://developer.paddle.com/errors/shared/${code}` },
  meta: { request_id: 'c2b1d4e6-0001' },
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const products = paddle(up.url).products
  const getProduct = () => products.get('pro_01h1vjes1y163xfj1rh1tkfb65')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: failed(
        'request_error',
        'authentication_malformed',
        'Authentication header included, but incorrectly formatted',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our API key (ApiError, code authentication_malformed, no status)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getProduct),
    })

    up.reply({ status: 404, body: failed('request_error', 'not_found', 'Entity pro_01h1 not found') })
    cases.push({
      library,
      what: 'upstream answered 404 not_found (ApiError, type request_error, no status)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getProduct),
    })

    up.reply({
      status: 400,
      body: {
        error: {
          ...failed('request_error', 'bad_request', 'Invalid request.').error,
          errors: [{ field: 'email', message: 'must be a valid email address' }],
        },
      },
    })
    cases.push({
      library,
      what: 'upstream answered 400 with field errors to a customer we posted (ApiError with errors[])',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => paddle(up.url).customers.create({ email: 'not-an-email' })),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: failed('request_error', 'too_many_requests', 'IP address exceeded the allowed rate limit.'),
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (ApiError, code too_many_requests, retryAfter 7)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(getProduct),
    })

    up.reply({ status: 500, body: failed('api_error', 'internal_error', 'An internal error has occurred.') })
    cases.push({
      library,
      what: 'upstream answered 500 internal_error (ApiError, type api_error, no status)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getProduct),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: failed('api_error', 'service_unavailable', 'Service is temporarily unavailable.'),
    })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 (ApiError, code service_unavailable, retryAfter 7)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(getProduct),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (TypeError fetch failed <- ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => paddle(`http://127.0.0.1:${port}`).products.get('pro_01')),
    })
    return cases
  } finally {
    await up.close()
  }
}

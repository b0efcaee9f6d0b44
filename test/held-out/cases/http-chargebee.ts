import Chargebee from 'chargebee'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'chargebee'

/** Chargebee's error envelope. */
function cbError(status: number, type: string, code: string, message: string, param?: string) {
  return {
    message,
    type,
    api_error_code: code,
    error_code: code,
    error_msg: message,
    ...(param ? { param } : {}),
    http_status_code: status,
  }
}

function chargebee(port: number) {
  // The host is `${site}${hostSuffix}`, so site "127" + suffix ".0.0.1" is the loopback address.
  // retryConfig is off by default. Its reset and refusal are undici's `TypeError: fetch failed`
  // passed through unchanged, so they are not collected.
  return new Chargebee({
    site: '127',
    hostSuffix: '.0.0.1',
    protocol: 'http',
    port,
    apiKey: 'test_not_a_real_key',
    timeout: 250,
    sdkTelemetryEnabled: false,
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const cb = chargebee(up.port)
  const retrieve = () => cb.customer.retrieve('cus_16CGaXT8B8e2W')
  const create = () =>
    cb.subscription.createWithItems('cus_16CGaXT8B8e2W', {
      subscription_items: [{ item_price_id: 'pro-USD-monthly', quantity: 1 }],
    })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      body: cbError(
        401,
        'invalid_request',
        'api_authentication_failed',
        'Sorry, authentication failed. Invalid api key',
      ),
    })
    cases.push({
      library,
      what: 'Chargebee answered 401 api_authentication_failed to our API key (the parsed JSON body itself, with http_status_code and headers)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(retrieve),
    })

    up.reply({
      status: 403,
      body: cbError(
        403,
        'invalid_request',
        'api_authorization_failed',
        'Sorry, authorization failed. The key does not have the required permissions',
      ),
    })
    cases.push({
      library,
      what: 'Chargebee answered 403 api_authorization_failed (plain object rejection)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(retrieve),
    })

    up.reply({
      status: 404,
      body: cbError(
        404,
        'invalid_request',
        'resource_not_found',
        "Sorry, we couldn't find that resource",
        'id',
      ),
    })
    cases.push({
      library,
      what: 'Chargebee answered 404 resource_not_found for a customer (plain object rejection)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(retrieve),
    })

    up.reply({
      status: 409,
      body: cbError(
        409,
        'invalid_request',
        'invalid_state_for_request',
        'The subscription is in cancelled state, operation not allowed',
      ),
    })
    cases.push({
      library,
      what: 'Chargebee answered 409 invalid_state_for_request to createWithItems (plain object rejection)',
      why: WHY.upstream4xx,
      upstreamStatus: 409,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(create),
    })

    up.reply({
      status: 400,
      body: cbError(
        400,
        'invalid_request',
        'param_wrong_value',
        'subscription_items[item_price_id][0] : cannot be blank',
        'subscription_items[item_price_id][0]',
      ),
    })
    cases.push({
      library,
      what: 'Chargebee answered 400 param_wrong_value with param to createWithItems (plain object rejection)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(create),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: cbError(
        429,
        'invalid_request',
        'api_request_limit_exceeded',
        'Sorry, access has been blocked temporarily due to request count exceeding acceptable limits.',
      ),
    })
    cases.push({
      library,
      what: 'Chargebee answered 429 api_request_limit_exceeded with Retry-After: 7 (plain object whose headers keep retry-after)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(retrieve),
    })

    up.reply({
      status: 500,
      body: cbError(
        500,
        'internal_error',
        'internal_error',
        'Sorry, something went wrong when trying to process the request.',
      ),
    })
    cases.push({
      library,
      what: 'Chargebee answered 500 internal_error with its JSON envelope (plain object rejection)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(retrieve),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    })
    cases.push({
      library,
      what: 'a proxy answered 502 with an HTML page (ChargebeeError internal_error with http_status_code 500 of its own, the JSON SyntaxError as detail)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(retrieve),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: cbError(
        503,
        'internal_temporary_error',
        'site_not_ready',
        'Site is not ready. Please retry after some time.',
      ),
    })
    cases.push({
      library,
      what: 'Chargebee answered 503 site_not_ready with Retry-After: 7 (plain object whose headers keep retry-after)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(retrieve),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired (ChargebeeError io_error, type timeout, http_status_code 504)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(retrieve),
    })

    return cases
  } finally {
    await up.close()
  }
}

// @woocommerce/woocommerce-rest-api against a scripted loopback WooCommerce REST API (plain http,
// so the client signs with OAuth 1.0a in the query string). The SDK has no retries; `timeout` is
// axios's. Errors are the AxiosErrors it rejects with, and its own OptionsException.
import wooModule from '@woocommerce/woocommerce-rest-api'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@woocommerce/woocommerce-rest-api'
// The package is CommonJS with `exports.default`: under Node's ESM loader the class sits on `.default`.
const WooCommerceRestApi = ((wooModule as unknown as { default?: unknown }).default ??
  wooModule) as typeof wooModule.default
const keys = {
  consumerKey: 'ck_loopback0000000000000000000000',
  consumerSecret: 'cs_loopback000000000000000000000',
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const woo = new WooCommerceRestApi({ url: up.url, version: 'wc/v3', ...keys })
    const refusedClient = new WooCommerceRestApi({
      url: `http://127.0.0.1:${port}`,
      version: 'wc/v3',
      ...keys,
    })
    const slow = new WooCommerceRestApi({ url: up.url, version: 'wc/v3', timeout: 250, ...keys })
    const order = { payment_method: 'bacs', set_paid: false, line_items: [{ product_id: 93, quantity: 2 }] }
    const cases = await runMatrix({
      library,
      up,
      call: () => woo.post('orders', order),
      refused: () => refusedClient.post('orders', order),
      timeout: () => slow.post('orders', order),
      timeoutNote: 'the client option `timeout: 250` (axios)',
      body: (status, message) => ({
        code: status === 401 ? 'woocommerce_rest_cannot_create' : 'woocommerce_rest_invalid_request',
        message,
        data: { status },
      }),
      conflict: [409, 'Order with this number already exists'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'POST /wp-json/wc/v3/orders, SDK without retries',
      // axios parses JSON silently: an HTML page comes back as a string under either content type.
      skip: ['reset', 502, 404, 'html'],
    })
    // Our own misconfiguration: the consumer secret was never loaded from the environment.
    const missing = (() => {
      try {
        new WooCommerceRestApi({ url: up.url, consumerKey: keys.consumerKey, consumerSecret: '' })
      } catch (error) {
        return error
      }
      throw new Error('expected a throw')
    })()
    cases.push({
      library,
      what: 'constructor called without consumerSecret (an unset env var): OptionsException "consumerSecret is required" (a plain object, not an Error)',
      why: 'our server misconfigured: 500',
      expect: { status: 500 },
      error: missing,
    })
    // Our own bug: an endpoint path with a bad id lands on a route that is not there.
    up.reply({
      status: 404,
      body: {
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      },
    })
    const noRoute = await rejectionOf(() => woo.get('orders/undefined/notes'))
    cases.push({
      library,
      what: 'GET orders/undefined/notes (our code interpolated an undefined id): upstream 404 rest_no_route, AxiosError ERR_BAD_REQUEST',
      why: 'upstream said 4xx to us (our bug): 500, status never passed through',
      upstreamStatus: 404,
      expect: { status: 500 },
      error: noRoute,
    })
    return cases
  } finally {
    await up.close()
  }
}

import braintree from 'braintree'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_408,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  UPSTREAM_504,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'braintree'

/** A gateway whose "environment" is a loopback upstream over plain HTTP. */
function gatewayAt(port: number): braintree.BraintreeGateway {
  const environment = new braintree.Environment(
    '127.0.0.1',
    String(port),
    '',
    false,
    '127.0.0.1',
    String(port),
  )
  const gateway = new braintree.BraintreeGateway({
    environment,
    merchantId: 'merchant_1',
    publicKey: 'public_key',
    privateKey: 'private_key',
  })
  // The SDK's own request timeout (60 s by default) lives on its config.
  gateway.config.timeout = 250
  return gateway
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const gateway = gatewayAt(up.port)
  const findCustomer = () => gateway.customer.find('cust_42')
  const xml = { 'content-type': 'application/xml' }
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { ...xml, 'www-authenticate': 'Basic realm="Braintree"' },
      body: '<error/>',
    })
    cases.push({
      library,
      what: 'the gateway answered 401 to our API keys (Error named "authenticationError", no status)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(findCustomer),
    })

    up.reply({ status: 403, headers: xml, body: '<error/>' })
    cases.push({
      library,
      what: 'the gateway answered 403 to our merchant (Error named "authorizationError")',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(findCustomer),
    })

    up.reply({ status: 404, headers: xml, body: '' })
    cases.push({
      library,
      what: 'customer.find of an id the gateway does not know: 404 (Error named "notFoundError")',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(findCustomer),
    })

    up.reply({ status: 408, headers: xml, body: '' })
    cases.push({
      library,
      what: 'the gateway answered 408 (Error named "requestTimeoutError")',
      why: WHY.upstream408,
      upstreamStatus: 408,
      expect: UPSTREAM_408,
      error: await rejectionOf(findCustomer),
    })

    up.reply({ status: 426, headers: xml, body: '' })
    cases.push({
      library,
      what: 'the gateway answered 426 to our old API version (Error named "upgradeRequired")',
      why: WHY.upstream4xx,
      upstreamStatus: 426,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(findCustomer),
    })

    up.reply({ status: 429, headers: { ...xml, ...RETRY_AFTER }, body: '' })
    cases.push({
      library,
      what: 'the gateway answered 429 with Retry-After: 7 (Error named "tooManyRequestsError"; the header is not kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(findCustomer),
    })

    up.reply({ status: 500, headers: xml, body: '' })
    cases.push({
      library,
      what: 'the gateway answered 500 (Error named "serverError")',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() =>
        gateway.transaction.sale({ amount: '10.00', paymentMethodNonce: 'fake-valid-nonce' }),
      ),
    })

    up.reply({ status: 503, headers: { ...xml, ...RETRY_AFTER }, body: '' })
    cases.push({
      library,
      what: 'the gateway answered 503 with Retry-After: 7 (Error named "serviceUnavailableError"; the header is not kept)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(findCustomer),
    })

    up.reply({ status: 504, headers: xml, body: '' })
    cases.push({
      library,
      what: 'the gateway answered 504 (Error named "gatewayTimeoutError")',
      why: WHY.upstream504,
      upstreamStatus: 504,
      expect: UPSTREAM_504,
      error: await rejectionOf(findCustomer),
    })

    up.reply({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' })
    cases.push({
      library,
      what: 'the gateway answered 502 (Error named "unexpectedError", "Unexpected HTTP response: 502")',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(findCustomer),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'the SDK\'s own 250 ms timeout fired on a gateway that never answered (Error named "unexpectedError", "Request timed out")',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(findCustomer),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the gateway reset the connection (Error named "unexpectedError", "Unexpected request error: Error: read ECONNRESET")',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(findCustomer),
    })

    const refused = gatewayAt(await closedPort())
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (Error named "unexpectedError", the ECONNREFUSED only in the message)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.customer.find('cust_42')),
    })
    return cases
  } finally {
    await up.close()
  }
}

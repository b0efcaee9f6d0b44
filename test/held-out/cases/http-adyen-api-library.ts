import { readFileSync } from 'node:fs'
import adyen from '@adyen/api-library'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@adyen/api-library'

// A CommonJS package whose re-exported services Node's ESM loader does not see as named exports.
const { CheckoutAPI, Client, Config, EnvironmentEnum, hmacValidator, TerminalCloudAPI, Types } = adyen

const tls = {
  key: readFileSync(new URL('./support/loopback-key.pem', import.meta.url)),
  cert: readFileSync(new URL('./support/loopback-cert.pem', import.meta.url)),
}

/** The Checkout API's error body. */
function apiError(status: number, errorCode: string, message: string, errorType: string) {
  return { status, errorCode, message, errorType, pspReference: 'V4HZ4RBFJGXXGN82' }
}

/**
 * The client only speaks HTTPS; `certificatePath: 'unencrypted'` (its option for a local terminal) lets it accept the
 * self-signed loopback certificate, and the service's base URL (private, fixed per environment) is set to the
 * upstream's.
 */
function payments(origin: string, apiKey = 'AQEyhmfxL4-not-a-real-key') {
  const config = new Config({
    apiKey,
    environment: EnvironmentEnum.TEST,
    certificatePath: 'unencrypted',
    connectionTimeoutMillis: 2000,
  })
  const api = new CheckoutAPI(new Client(config)).PaymentsApi
  ;(api as unknown as { baseUrl: string }).baseUrl = `${origin}/v72`
  return api
}

const PAYMENT: adyen.Types.checkout.PaymentRequest = {
  amount: { currency: 'EUR', value: 1000 },
  reference: 'order-12345',
  merchantAccount: 'ShopEcomEUR',
  returnUrl: 'https://shop.example.test/checkout/return',
  paymentMethod: {
    type: Types.checkout.CardDetails.TypeEnum.Scheme,
    encryptedCardNumber: 'test_4111111111111111',
  },
}

export const collect: Collect = async () => {
  const up = await startUpstream({ status: 200, body: {} }, tls)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; Checkout payments call, no retries')
  const api = payments(up.url)
  const pay = (a = api) => a.payments(PAYMENT)
  try {
    up.reply({ status: 401, body: apiError(401, '000', 'HTTP Status Response - Unauthorized', 'security') })
    add(
      'Adyen answered 401 "HTTP Status Response - Unauthorized" to our API key: HttpClientException with statusCode ' +
        '401 and the response headers',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => pay()),
      401,
    )

    up.reply({ status: 403, body: apiError(403, '901', 'Invalid Merchant Account', 'security') })
    add(
      'Adyen answered 403 errorCode 901 "Invalid Merchant Account" (our configured merchant account)',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => pay()),
      403,
    )

    up.reply({ status: 422, body: apiError(422, '14_030', 'Return URL is missing.', 'validation') })
    add(
      'Adyen answered 422 errorCode 14_030 "Return URL is missing." to the payment we built',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => pay()),
      422,
    )

    up.reply({
      status: 400,
      body: { errors: [{ code: 'invalid_field', message: 'amount.value must be a positive integer' }] },
    })
    add(
      'the API answered 400 with an { errors: [...] } body: the client rejects with a plain Error whose message is ' +
        'the raw JSON body',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => pay()),
      400,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: apiError(429, '000', 'Too many requests', 'internal'),
    })
    add(
      'Adyen answered 429 with Retry-After: 7: HttpClientException statusCode 429, whose responseHeaders keep it',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => pay()),
      429,
    )

    up.reply({ status: 500, body: apiError(500, '000', 'An unknown error occurred', 'internal') })
    add(
      'Adyen answered 500 errorCode 000 "An unknown error occurred"',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => pay()),
      500,
    )

    up.reply({
      status: 503,
      headers: { ...RETRY_AFTER, 'content-type': 'text/html' },
      body: '<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>',
    })
    add(
      'the load balancer answered 503 with an HTML page and Retry-After: 7: HttpClientException "Error … while ' +
        'parsing response", responseHeaders kept',
      WHY.upstream503,
      UPSTREAM_503,
      await rejectionOf(() => pay()),
      503,
    )

    up.reply('reset')
    add(
      'the API closed the TLS connection after reading the request: the client rejects with its ApiException (a ' +
        'plain object, not an Error) "socket hang up"',
      WHY.reset,
      RESET,
      await rejectionOf(() => pay()),
    )

    add(
      'connection refused by a closed loopback port: ApiException (a plain object) "connect ECONNREFUSED …" with ' +
        'its default statusCode 500',
      WHY.refused,
      REFUSED,
      await rejectionOf(async () => pay(payments(`https://127.0.0.1:${await closedPort()}`))),
    )

    const noKey = new Client(new Config({ environment: EnvironmentEnum.TEST }))
    add(
      'our config has no API key (the environment variable was unset): the Terminal API client rejects before any ' +
        'request with ApiException "Invalid X-API-Key was used", statusCode 401',
      'misconfiguration of ours (our own credentials), though the SDK error carries 401: 500',
      { status: 500, headers: { 'www-authenticate': null } },
      await rejectionOf(() =>
        new TerminalCloudAPI(noKey).async({
          SaleToPOIRequest: {},
        } as unknown as adyen.Types.terminal.TerminalApiRequest),
      ),
    )

    add(
      'our LIVE config lacks the live endpoint URL prefix: Error "Live endpoint URL prefix must be provided for ' +
        'LIVE environment."',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(
        () =>
          new CheckoutAPI(new Client(new Config({ apiKey: 'k', environment: EnvironmentEnum.LIVE })))
            .PaymentsApi,
      ),
    )

    const item = {
      amount: { currency: 'EUR', value: 1000 },
      eventCode: Types.notification.NotificationRequestItem.EventCodeEnum.Authorisation,
      eventDate: '2025-01-01T01:00:00+01:00',
      merchantAccountCode: 'ShopEcomEUR',
      merchantReference: 'order-12345',
      pspReference: '7914073381342284',
      success: Types.notification.NotificationRequestItem.SuccessEnum.True,
      additionalData: {},
    }
    add(
      'an incoming standard webhook item has no additionalData.hmacSignature: validateHMAC throws Error "Missing ' +
        'hmacSignature"',
      'failed authentication of the incoming request (webhook without signature): 401',
      { status: 401 },
      await rejectionOf(() => new hmacValidator().validateHMAC(item, '44782DEF547AAA06C910C43932B1EB0C')),
    )
    return cases
  } finally {
    await up.close()
  }
}

import { HttpService } from '@kontent-ai/core-sdk'
import { createDeliveryClient } from '@kontent-ai/delivery-sdk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@kontent-ai/delivery-sdk'

const ENV = '975bf280-fd91-488c-994c-2f04416e5ee3'

/** The Delivery API's error body. */
function kontent(message: string, errorCode: number, specificCode = 0) {
  return {
    message,
    request_id: '80000004-0002-fd00-b63f-84710c7967bb',
    error_code: errorCode,
    specific_code: specificCode,
  }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = (baseUrl: string, timeout = 0) =>
    createDeliveryClient({
      // The SDK's own HTTP service, with its console logging off (and axios's timeout where set).
      httpService: new HttpService({ logErrorsToConsole: false, axiosRequestConfig: { timeout } }),
      environmentId: ENV,
      secureApiKey: 'ew0KICAiYWxnIjogIkhTMjU2IiwNCiAgInR5cCI6ICJKV1QiDQp9.not-a-real-key',
      defaultQueryConfig: { useSecuredMode: true },
      proxy: { baseUrl },
      retryStrategy: { maxAttempts: 0, canRetryError: () => false },
    })
  const delivery = client(up.url)
  const cases: HeldOutCase[] = []
  // A Delivery API error body becomes a DeliveryError (not an Error: message, errorCode, requestId,
  // specificCode, no status); anything else is axios's error as is.
  const add = caseAdder(library, cases, '; retries off')
  try {
    add(
      'the delivery client was created with no configuration (our config loader returned undefined); the factory throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => createDeliveryClient(undefined as never)),
    )
    add(
      'a single-item query was built with an empty codename; the query constructor throws',
      'our call broke the SDK contract (plain Error, no request made): 500',
      { status: 500 },
      await rejectionOf(() => delivery.item('').toPromise()),
    )
    add(
      'a listing query was given limit -5 (taken from a query string we did not check); the parameter throws when the URL is built',
      'our call broke the SDK contract (plain Error, no request made): 500',
      { status: 500 },
      await rejectionOf(() => delivery.items().limitParameter(-5).toPromise()),
    )

    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: kontent(
        `Missing or invalid access token. Please include the valid access token value in the Authorization header field as an HTTP bearer authorization scheme.`,
        0,
      ),
    })
    add(
      'the Delivery API answered 401 "Missing or invalid access token" (error_code 0) to our secure API key; error_code 0 is falsy, so the SDK throws axios\'s error as is',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => delivery.items().toPromise()),
      401,
    )

    up.reply({ status: 404, body: kontent(`The requested content item 'homepage_v2' was not found.`, 100) })
    add(
      'the Delivery API answered 404 "content item was not found" (error_code 100); DeliveryError with no status',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => delivery.item('homepage_v2').toPromise()),
      404,
    )

    up.reply({
      status: 400,
      body: kontent(
        `Invalid query parameter. The element 'elements.rating' cannot be used for ordering.`,
        1005,
      ),
    })
    add(
      'the Delivery API answered 400 about an order element it cannot sort by; DeliveryError with no status',
      WHY.upstream4xx,
      UPSTREAM_4XX,
      await rejectionOf(() => delivery.items().orderByAscending('elements.rating').toPromise()),
      400,
    )

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: kontent('API rate limit exceeded. Please retry your request later.', 10000),
    })
    add(
      'the Delivery API answered 429 with Retry-After: 7 (retries off); DeliveryError with no status and no headers, the wait is lost',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => delivery.items().toPromise()),
      429,
    )

    up.reply({
      status: 500,
      headers: { 'content-type': 'text/html' },
      body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
    })
    add(
      "the Delivery API answered 500 with an HTML page (no error_code); the SDK throws axios's error as is",
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => delivery.items().toPromise()),
      500,
    )

    up.reply('reset')
    add(
      "the upstream reset the connection (TCP RST); axios's error as is",
      WHY.reset,
      RESET,
      await rejectionOf(() => delivery.items().toPromise()),
    )

    up.reply('hang')
    add(
      "axios's 250 ms timeout (set through the SDK's HttpService) fired on an upstream that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => client(up.url, 250).items().toPromise()),
    )

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.items().toPromise()),
    )
    return cases
  } finally {
    await up.close()
  }
}

/**
 * svix (Svix webhooks-as-a-service SDK): when an order ships, a route of ours publishes a webhook
 * with `svix.message.create(appId, { eventType, payload })` to a loopback fake of the API
 * (`serverUrl`). Non-2xx answers reject with `ApiException` (`code` = the HTTP status, `body`,
 * `headers`); transport failures with undici's errors.
 */
import { Svix } from 'svix'
import type { HeldOutCase } from '../case.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { runMatrix } from './support/saas-matrix.js'

const library = 'svix'

function svix(serverUrl: string, requestTimeout?: number): Svix {
  return new Svix('sk_test_0123456789.us', {
    serverUrl,
    // An empty schedule means no retries (numRetries: 0 falls back to the default 2).
    retryScheduleInMs: [],
    ...(requestTimeout !== undefined ? { requestTimeout } : {}),
  })
}

function publish(client: Svix): () => Promise<unknown> {
  return () =>
    client.message.create('app_2Z0oDx1bEwY8d3', {
      eventType: 'order.shipped',
      payload: { orderId: 'ord_0042', carrier: 'UPS' },
    })
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    return await runMatrix({
      library,
      up,
      call: publish(svix(up.url)),
      refused: publish(svix(`http://127.0.0.1:${port}`)),
      timeout: publish(svix(up.url, 250)),
      body: (status, message) =>
        status === 422
          ? { detail: [{ loc: ['body', 'eventType'], msg: message, type: 'value_error' }] }
          : { code: status === 404 ? 'not_found' : 'error', detail: message },
      conflict: [422, 'eventType "order.shipped" is not defined for this environment'],
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'retryScheduleInMs [] (no retries); requestTimeout 250 ms where set',
    })
  } finally {
    await up.close()
  }
}

import Pusher from 'pusher'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'pusher'

/** A Pusher Channels server client on 127.0.0.1:`port`, plain HTTP. */
function channels(port: number, timeout?: number): Pusher {
  // The client never retries; `timeout` (ms) aborts a request that takes longer.
  return new Pusher({
    appId: '1001',
    key: 'test-key',
    secret: 'test-secret',
    host: '127.0.0.1',
    port: String(port),
    useTLS: false,
    ...(timeout === undefined ? {} : { timeout }),
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const pusher = channels(up.port)
  const trigger = () => pusher.trigger('orders', 'order-paid', { id: 42 })
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 401, body: 'Invalid signature: you should have sent HmacSHA256Hex(...)' })
    cases.push({
      library,
      what: 'upstream answered 401 to our signature (PusherRequestError, status 401, url, body)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(trigger),
    })

    up.reply({ status: 413, body: 'Payload too large (over 10KB)' })
    cases.push({
      library,
      what: 'upstream answered 413 to the event we triggered (PusherRequestError, status 413, body)',
      why: WHY.upstream4xx,
      upstreamStatus: 413,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(trigger),
    })

    up.reply({ status: 404, body: 'Unknown app' })
    cases.push({
      library,
      what: 'upstream answered 404 to a channel query (PusherRequestError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => pusher.get({ path: '/channels/orders' })),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: 'Too many requests' })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (PusherRequestError, response headers not kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(trigger),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream answered 500 (PusherRequestError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(trigger),
    })

    up.reply({ status: 503, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'upstream answered 503 (PusherRequestError, status 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(trigger),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (PusherRequestError, .error a node-fetch AbortError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => channels(up.port, 250).trigger('orders', 'order-paid', { id: 42 })),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (PusherRequestError, .error code ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => channels(port).trigger('orders', 'order-paid', { id: 42 })),
    })
    return cases
  } finally {
    await up.close()
  }
}

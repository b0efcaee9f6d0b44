import * as Ably from 'ably'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'ably'

/** Ably's REST error envelope. */
function ablyError(code: number, statusCode: number, message: string) {
  return { error: { code, statusCode, message, href: `https://help.ably.io/error/${code}` } }
}

function rest(port: number): Ably.Rest {
  // Ably's network errors (timeout, reset, refusal) are got's RequestError / TimeoutError passed
  // through unchanged, so they are not collected: only Ably's own ErrorInfo is.
  return new Ably.Rest({
    key: 'appId.keyId:not-a-real-secret',
    restHost: '127.0.0.1',
    port,
    tls: false,
    fallbackHosts: [],
    httpMaxRetryCount: 0,
    useBinaryProtocol: false,
    logLevel: 0,
  } as Ably.ClientOptions)
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = rest(up.port)
  const publish = () => client.channels.get('orders').publish('created', { id: 42 })
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 401, body: ablyError(40101, 401, 'Invalid credentials') })
    cases.push({
      library,
      what: 'Ably REST answered 401 code 40101 to our API key on publish (ErrorInfo, statusCode 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(publish),
    })

    up.reply({
      status: 403,
      body: ablyError(40160, 403, 'Action not permitted, operation = publish, channel = orders'),
    })
    cases.push({
      library,
      what: 'Ably REST answered 403 code 40160 (key lacks the publish capability; ErrorInfo, statusCode 403)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(publish),
    })

    up.reply({ status: 404, body: ablyError(40400, 404, 'Not found') })
    cases.push({
      library,
      what: 'Ably REST answered 404 code 40400 to a channel history request (ErrorInfo, statusCode 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.channels.get('orders').history()),
    })

    up.reply({
      status: 400,
      body: ablyError(40009, 400, 'Maximum size of messages that can be published at once exceeded'),
    })
    cases.push({
      library,
      what: 'Ably REST answered 400 code 40009 (message too large) to our publish (ErrorInfo, statusCode 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(publish),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: ablyError(42910, 429, 'Rate limit exceeded; request rejected (nonfatal)'),
    })
    cases.push({
      library,
      what: 'Ably REST answered 429 code 42910 with Retry-After: 7 (ErrorInfo, statusCode 429; headers not kept on the error)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(publish),
    })

    up.reply({ status: 500, body: ablyError(50000, 500, 'Internal error') })
    cases.push({
      library,
      what: 'Ably REST answered 500 code 50000 (ErrorInfo, statusCode 500; no fallback hosts)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(publish),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    })
    cases.push({
      library,
      what: 'a proxy answered 502 with an HTML page (ErrorInfo "Error response received from server: 502 body was: …", code NaN)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(publish),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: ablyError(50310, 503, 'Service temporarily unavailable'),
    })
    cases.push({
      library,
      what: 'Ably REST answered 503 code 50310 with Retry-After: 7 (ErrorInfo, statusCode 503; headers not kept on the error)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(publish),
    })

    return cases
  } finally {
    await up.close()
  }
}

import PocketBase from 'pocketbase'
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

const library = 'pocketbase'

/** PocketBase's error body. */
function pbError(status: number, message: string, data: Record<string, unknown> = {}) {
  return { status, message, data }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The SDK has no retries and no timeout option: the app passes its own signal
  // (AbortSignal.timeout) per request. requestKey: null turns off its auto-cancellation.
  const client = (url: string) => {
    const pb = new PocketBase(url)
    pb.autoCancellation(false)
    return pb
  }
  const pb = client(up.url)
  const posts = pb.collection('posts')
  const getOne = () => posts.getOne('p1a2b3c4d5e6f7g', { requestKey: null })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: pbError(401, 'The request requires valid record authorization token.'),
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our (superuser) token (ClientResponseError, status 401, url and response kept)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getOne),
    })

    up.reply({ status: 404, body: pbError(404, "The requested resource wasn't found.") })
    cases.push({
      library,
      what: 'upstream answered 404 for the record we asked for (ClientResponseError, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(getOne),
    })

    up.reply({
      status: 400,
      body: pbError(400, 'Failed to create record.', {
        title: { code: 'validation_required', message: 'Cannot be blank.' },
      }),
    })
    cases.push({
      library,
      what: 'upstream answered 400 validation_required to the record we posted (ClientResponseError, status 400, field errors in response.data)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => posts.create({ title: '' }, { requestKey: null })),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: pbError(429, 'Too Many Requests.') })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (ClientResponseError, status 429; headers not kept)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      // The error keeps no response headers: the Retry-After cannot reach us, so none is expected.
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(getOne),
    })

    up.reply({ status: 500, body: pbError(500, 'Something went wrong while processing your request.') })
    cases.push({
      library,
      what: 'upstream answered 500 (ClientResponseError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getOne),
    })

    up.reply({ status: 503, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'a proxy in front answered 503 with a text body (ClientResponseError, status 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(getOne),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the app's own AbortSignal.timeout(250) fired (ClientResponseError, status 0, isAbort false, cause the TimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() =>
        posts.getOne('p1a2b3c4d5e6f7g', { requestKey: null, signal: AbortSignal.timeout(250) }),
      ),
    })

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (ClientResponseError, status 0, empty url, cause fetch failed ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.collection('posts').getOne('p1', { requestKey: null })),
    })
    return cases
  } finally {
    await up.close()
  }
}

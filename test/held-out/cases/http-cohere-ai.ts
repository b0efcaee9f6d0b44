import { CohereClientV2 } from 'cohere-ai'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'cohere-ai'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the Fern-generated fetcher retries 408/429/5xx twice by default).
  const client = new CohereClientV2({
    token: 'test-not-a-key',
    environment: up.url,
    maxRetries: 0,
    timeoutInSeconds: 0.25,
  })
  const chat = () => client.chat({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hi' }] })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { message: 'invalid api token' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 with a Bearer challenge to our token (UnauthorizedError, statusCode 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(chat),
    })

    up.reply({ status: 499, body: { message: 'request was cancelled' } })
    cases.push({
      library,
      what: 'upstream answered 499 to our request (ClientClosedRequestError, statusCode 499)',
      why: WHY.upstream4xx,
      upstreamStatus: 499,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(chat),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { message: 'trial key rate limit exceeded' } })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (TooManyRequestsError, rawResponse.headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(chat),
    })

    up.reply({ status: 501, body: { message: 'model does not support this endpoint' } })
    cases.push({
      library,
      what: 'upstream answered 501 (NotImplementedError, statusCode 501)',
      why: WHY.upstream5xx,
      upstreamStatus: 501,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(chat),
    })

    const port = await closedPort()
    // A short timeout here too: the SDK clears its timeout timer only when fetch resolves.
    const offline = new CohereClientV2({
      token: 'test-not-a-key',
      environment: `http://127.0.0.1:${port}`,
      maxRetries: 0,
      timeoutInSeconds: 0.25,
    })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (CohereError <- fetch failed)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() =>
        offline.chat({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hi' }] }),
      ),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired (CohereError, message and cause the string 'timeout')",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(chat),
    })
    return cases
  } finally {
    await up.close()
  }
}

import { Mistral } from '@mistralai/mistralai'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@mistralai/mistralai'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retryConfig { strategy: 'none' }: no retries (a 'backoff' strategy would retry 429/500/502/503/504).
  const client = new Mistral({
    apiKey: 'test-not-a-key',
    serverURL: up.url,
    retryConfig: { strategy: 'none' },
    timeoutMs: 250,
  })
  const listModels = () => client.models.list()
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { message: 'Unauthorized', request_id: 'b1f6c0d2e4' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 with a Bearer challenge to our API key (SDKError, statusCode 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(listModels),
    })

    up.reply({
      status: 422,
      body: { detail: [{ loc: ['body', 'model'], msg: 'Field required', type: 'missing' }] },
    })
    cases.push({
      library,
      what: 'upstream answered 422 to the chat request we sent (HTTPValidationError with detail[])',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() =>
        client.chat.complete({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'hi' }] }),
      ),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { message: 'Requests rate limit exceeded' } })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (SDKError, headers a Headers object)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(listModels),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'upstream connect error' })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 and a text body (SDKError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(listModels),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired (RequestTimeoutError <- TimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(listModels),
    })

    const port = await closedPort()
    const offline = new Mistral({
      apiKey: 'test-not-a-key',
      serverURL: `http://127.0.0.1:${port}`,
      retryConfig: { strategy: 'none' },
    })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (ConnectionError <- fetch failed)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.models.list()),
    })
    return cases
  } finally {
    await up.close()
  }
}

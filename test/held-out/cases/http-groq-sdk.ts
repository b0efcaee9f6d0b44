import Groq from 'groq-sdk'
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

const library = 'groq-sdk'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the SDK retries 408/409/429/5xx and connection errors twice by default).
  const groq = new Groq({ apiKey: 'gsk_test', baseURL: up.url, maxRetries: 0, timeout: 250 })
  const complete = () =>
    groq.chat.completions.create({
      model: 'llama-3.3-70b-versatile',
      messages: [{ role: 'user', content: 'hi' }],
    })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="groq"' },
      body: { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our API key (AuthenticationError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(complete),
    })

    up.reply({
      status: 404,
      body: {
        error: {
          message: 'The model `llama-3.3-70b-versatile` does not exist or you do not have access to it.',
          type: 'invalid_request_error',
          code: 'model_not_found',
        },
      },
    })
    cases.push({
      library,
      what: 'upstream answered 404 model_not_found (NotFoundError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(complete),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: {
        error: {
          message: 'Rate limit reached for tokens per minute',
          type: 'tokens',
          code: 'rate_limit_exceeded',
        },
      },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (RateLimitError)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(complete),
    })

    up.reply({
      status: 500,
      body: { error: { message: 'Internal Server Error', type: 'internal_server_error' } },
    })
    cases.push({
      library,
      what: 'upstream answered 500 (InternalServerError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(complete),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired on a silent upstream (APIConnectionTimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(complete),
    })

    const port = await closedPort()
    const offline = new Groq({ apiKey: 'gsk_test', baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (APIConnectionError)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.models.list()),
    })
    return cases
  } finally {
    await up.close()
  }
}

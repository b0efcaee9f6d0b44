import OpenAI from 'openai'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'openai'

/** OpenAI's error envelope. */
function apiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the SDK retries 408/409/429/5xx and connection errors twice by default).
  const client = new OpenAI({
    apiKey: 'sk-test-not-a-key',
    baseURL: `${up.url}/v1`,
    maxRetries: 0,
    timeout: 250,
  })
  const chat = () =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="OpenAI API"' },
      body: apiError('Incorrect API key provided: sk-test***.', 'invalid_request_error', 'invalid_api_key'),
    })
    cases.push({
      library,
      what: 'upstream answered 401 invalid_api_key to our API key (AuthenticationError)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(chat),
    })

    up.reply({
      status: 404,
      body: apiError('The model `gpt-9` does not exist', 'invalid_request_error', 'model_not_found'),
    })
    cases.push({
      library,
      what: 'upstream answered 404 model_not_found (NotFoundError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.models.retrieve('gpt-9')),
    })

    up.reply({
      status: 400,
      body: apiError("Invalid value for 'temperature'", 'invalid_request_error', 'invalid_value'),
    })
    cases.push({
      library,
      what: 'upstream answered 400 invalid_request_error to our request body (BadRequestError)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(chat),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: apiError('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'),
    })
    cases.push({
      library,
      what: 'upstream answered 429 rate_limit_exceeded with Retry-After: 7 (RateLimitError)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(chat),
    })

    up.reply({
      status: 500,
      body: apiError('The server had an error processing your request.', 'server_error', null),
    })
    cases.push({
      library,
      what: 'upstream answered 500 server_error (InternalServerError)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(chat),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: apiError('The engine is currently overloaded, please try again later.', 'server_error', null),
    })
    cases.push({
      library,
      what: 'upstream answered 503 overloaded with Retry-After: 7 (InternalServerError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(chat),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired on an upstream that never answered (APIConnectionTimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(chat),
    })

    const refused = new OpenAI({
      apiKey: 'sk-test-not-a-key',
      baseURL: `http://127.0.0.1:${await closedPort()}/v1`,
      maxRetries: 0,
    })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (APIConnectionError)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.models.list()),
    })
    return cases
  } finally {
    await up.close()
  }
}

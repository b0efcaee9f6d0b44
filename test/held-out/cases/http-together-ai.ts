import Together from 'together-ai'
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

const library = 'together-ai'

const apiError = (message: string, type: string, code: string | null = null) => ({
  error: { message, type, param: null, code },
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  const refusedPort = await closedPort()
  const client = new Together({ apiKey: 'tgp_v1_test', baseURL: `${up.url}/v1`, maxRetries: 0, timeout: 250 })
  const chat = (c: Together = client) =>
    c.chat.completions.create({
      model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      messages: [{ role: 'user', content: 'hi' }],
    })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="together"' },
      body: apiError('Invalid API key provided', 'invalid_request_error', 'invalid_api_key'),
    })
    cases.push({
      library,
      what: 'upstream 401 to our API key (AuthenticationError, status 401, headers, error)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => chat()),
    })
    up.reply({
      status: 400,
      body: apiError('Input validation error: max_tokens too large', 'invalid_request_error'),
    })
    cases.push({
      library,
      what: 'upstream 400 to our completion request (BadRequestError, status 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => chat()),
    })
    up.reply({ status: 429, headers: RETRY_AFTER, body: apiError('Rate limit exceeded', 'rate_limit') })
    cases.push({
      library,
      what: 'upstream 429 with Retry-After: 7 (RateLimitError, status 429, headers a fetch Headers)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => chat()),
    })
    up.reply({ status: 500, body: apiError('Internal server error', 'server_error') })
    cases.push({
      library,
      what: 'upstream 500 (InternalServerError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => chat()),
    })
    up.reply({ status: 529, headers: RETRY_AFTER, body: apiError('The model is overloaded', 'overloaded') })
    cases.push({
      library,
      what: 'upstream 529 "model overloaded" with Retry-After: 7 (InternalServerError, status 529)',
      why: 'upstream 529: dependency unavailable, 503 + Retry-After',
      upstreamStatus: 529,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => chat()),
    })
    up.reply('hang')
    cases.push({
      library,
      what: 'the client timeout (timeout 250 ms) against a hanging upstream (APIConnectionTimeoutError "Request timed out.")',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => chat()),
    })
    const down = new Together({
      apiKey: 'tgp_v1_test',
      baseURL: `http://127.0.0.1:${refusedPort}/v1`,
      maxRetries: 0,
    })
    cases.push({
      library,
      what: 'the API port refuses (APIConnectionError "Connection error.", cause TypeError fetch failed → ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => chat(down)),
    })
    return cases
  } finally {
    await up.close()
  }
}

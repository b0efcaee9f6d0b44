import { createOpenAI } from '@ai-sdk/openai'
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

const library = '@ai-sdk/openai'

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Say hello.' }] }]

const openAiError = (message: string, type: string, code: string | null) => ({
  error: { message, type, param: null, code },
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The provider's doGenerate makes one request and never retries (retries live in the `ai` package's
  // generateText, which is not used here). It has no timeout option: the call's own abortSignal is it.
  const model = (baseURL: string) =>
    createOpenAI({ apiKey: 'sk-test-not-a-key', baseURL }).chat('gpt-4o-mini')
  const chat = model(up.url)
  const generate = (abortSignal?: AbortSignal) =>
    chat.doGenerate(abortSignal === undefined ? { prompt } : { prompt, abortSignal })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="OpenAI API"' },
      body: openAiError(
        'Incorrect API key provided: sk-test-***-key.',
        'invalid_request_error',
        'invalid_api_key',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our API key (AI_APICallError, statusCode 401, url, responseHeaders, isRetryable false)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => generate()),
    })

    up.reply({
      status: 404,
      body: openAiError(
        'The model `gpt-4o-mini` does not exist.',
        'invalid_request_error',
        'model_not_found',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 404 for the model we asked for (AI_APICallError, statusCode 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => generate()),
    })

    up.reply({
      status: 400,
      body: openAiError(
        "This model's maximum context length is 128000 tokens.",
        'invalid_request_error',
        'context_length_exceeded',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 400 context_length_exceeded (AI_APICallError, statusCode 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => generate()),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: openAiError('Rate limit reached for gpt-4o-mini.', 'requests', 'rate_limit_exceeded'),
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (AI_APICallError, statusCode 429, isRetryable true)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => generate()),
    })

    up.reply({ status: 500, body: openAiError('The server had an error.', 'server_error', null) })
    cases.push({
      library,
      what: 'upstream answered 500 (AI_APICallError, statusCode 500, isRetryable true)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => generate()),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: 'upstream connect error or disconnect/reset before headers',
    })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 and a text body (AI_APICallError, statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => generate()),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the call's own AbortSignal.timeout(250) fired (passed through as fetch threw it)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => generate(AbortSignal.timeout(250))),
    })

    const refused = model(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (AI_APICallError "Cannot connect to API", no statusCode)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.doGenerate({ prompt })),
    })
    return cases
  } finally {
    await up.close()
  }
}

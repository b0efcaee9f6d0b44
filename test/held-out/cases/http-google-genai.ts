import { GoogleGenAI } from '@google/genai'
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
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@google/genai'

/** Google's JSON error envelope. */
function googleError(code: number, status: string, message: string) {
  return { error: { code, message, status } }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retryOptions.attempts: 1 (no retries; the SDK retries 408/429/5xx by default when set).
  const client = (baseUrl: string) =>
    new GoogleGenAI({
      apiKey: 'AIza-test-not-a-key',
      httpOptions: { baseUrl, timeout: 250, retryOptions: { attempts: 1 } },
    })
  const ai = client(up.url)
  const generate = () => ai.models.generateContent({ model: 'gemini-2.0-flash', contents: 'hi' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
      body: googleError(401, 'UNAUTHENTICATED', 'API key not valid. Please pass a valid API key.'),
    })
    cases.push({
      library,
      what: 'upstream answered 401 UNAUTHENTICATED to our API key (ApiError, status 401)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(generate),
    })

    up.reply({
      status: 404,
      body: googleError(404, 'NOT_FOUND', 'models/gemini-9 is not found for API version v1beta'),
    })
    cases.push({
      library,
      what: 'upstream answered 404 NOT_FOUND for the model we named (ApiError, status 404)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => ai.models.get({ model: 'gemini-9' })),
    })

    up.reply({
      status: 400,
      body: googleError(
        400,
        'INVALID_ARGUMENT',
        '* GenerateContentRequest.contents: contents is not specified',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 400 INVALID_ARGUMENT to our request body (ApiError, status 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(generate),
    })

    // ApiError keeps the status and the body only, no headers: a Retry-After could not reach us.
    up.reply({
      status: 429,
      body: googleError(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota.'),
    })
    cases.push({
      library,
      what: 'upstream answered 429 RESOURCE_EXHAUSTED (ApiError, status 429)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(generate),
    })

    up.reply({ status: 500, body: googleError(500, 'INTERNAL', 'An internal error has occurred.') })
    cases.push({
      library,
      what: 'upstream answered 500 INTERNAL (ApiError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(generate),
    })

    up.reply({ status: 503, body: googleError(503, 'UNAVAILABLE', 'The model is overloaded.') })
    cases.push({
      library,
      what: 'upstream answered 503 UNAVAILABLE, model overloaded (ApiError, status 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(generate),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms httpOptions.timeout fired on an upstream that never answered (a bare DOMException AbortError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(generate),
    })

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() =>
        refused.models.generateContent({ model: 'gemini-2.0-flash', contents: 'hi' }),
      ),
    })
    return cases
  } finally {
    await up.close()
  }
}

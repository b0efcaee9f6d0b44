import { GoogleGenerativeAI } from '@google/generative-ai'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@google/generative-ai'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The SDK never retries; requestOptions.timeout aborts a call after 250 ms.
  const model = (baseUrl: string) =>
    new GoogleGenerativeAI('test-key').getGenerativeModel(
      { model: 'gemini-1.5-flash' },
      { baseUrl, timeout: 250 },
    )
  const generate = () => model(up.url).generateContent('Say hi')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 400,
      body: {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
        },
      },
    })
    cases.push({
      library,
      what: 'upstream answered 400 API_KEY_INVALID to our key (GoogleGenerativeAIFetchError, status 400)',
      why: WHY.upstream4xx,
      upstreamStatus: 400,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(generate),
    })

    up.reply({
      status: 429,
      body: { error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } },
    })
    cases.push({
      library,
      what: 'upstream answered 429 RESOURCE_EXHAUSTED (GoogleGenerativeAIFetchError, status 429)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(generate),
    })

    up.reply({
      status: 500,
      body: { error: { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' } },
    })
    cases.push({
      library,
      what: 'upstream answered 500 INTERNAL (GoogleGenerativeAIFetchError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(generate),
    })

    up.reply({
      status: 503,
      body: { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
    })
    cases.push({
      library,
      what: 'upstream answered 503 UNAVAILABLE (GoogleGenerativeAIFetchError, status 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(generate),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired (GoogleGenerativeAIAbortError 'Request aborted')",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(generate),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: "connection refused by a closed loopback port (GoogleGenerativeAIError '…: fetch failed')",
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => model(`http://127.0.0.1:${port}`).generateContent('Say hi')),
    })
    return cases
  } finally {
    await up.close()
  }
}

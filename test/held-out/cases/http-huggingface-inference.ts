import { InferenceClient } from '@huggingface/inference'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@huggingface/inference'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retry_on_error: false (the client repeats a request that got 503 until it gets something else).
  // It has no other retries. Its error keeps the upstream's status and body, not its headers, so
  // the 429 and 503 here carry no Retry-After.
  const hf = new InferenceClient('hf_test', { endpointUrl: `${up.url}/models/gpt2`, retry_on_error: false })
  const generate = () => hf.textGeneration({ inputs: 'Once upon a time' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="huggingface"' },
      body: { error: 'Invalid credentials in Authorization header' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our token (ProviderApiError with httpRequest and httpResponse)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(generate),
    })

    up.reply({ status: 404, body: { error: 'Model gpt2 does not exist' } })
    cases.push({
      library,
      what: 'upstream answered 404 for the model (ProviderApiError with httpRequest and httpResponse)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(generate),
    })

    up.reply({ status: 429, body: { error: 'Rate limit reached. You reached free usage limit.' } })
    cases.push({
      library,
      what: 'upstream answered 429 without Retry-After (ProviderApiError with httpResponse.status)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(generate),
    })

    up.reply({
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'upstream crashed',
    })
    cases.push({
      library,
      what: 'upstream answered 500 with a text body (ProviderApiError with httpResponse.status)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(generate),
    })

    up.reply({ status: 503, body: { error: 'Model gpt2 is currently loading', estimated_time: 20 } })
    cases.push({
      library,
      what: 'upstream answered 503 "model is currently loading" (ProviderApiError with httpResponse.status)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(generate),
    })

    const port = await closedPort()
    const offline = new InferenceClient('hf_test', { endpointUrl: `http://127.0.0.1:${port}/models/gpt2` })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (fetch failed TypeError, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.featureExtraction({ inputs: 'hello' })),
    })
    return cases
  } finally {
    await up.close()
  }
}

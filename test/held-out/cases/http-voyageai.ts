import { VoyageAIClient } from 'voyageai'
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

const library = 'voyageai'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the generated client retries 408/429/5xx twice by default).
  const client = (baseUrl: string) =>
    new VoyageAIClient({ apiKey: 'pa-test-not-a-key', baseUrl, maxRetries: 0, timeoutInSeconds: 0.25 })
  const voyage = client(up.url)
  const embed = () => voyage.embed({ input: ['hello'], model: 'voyage-3.5' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { detail: 'Provided API key is invalid.' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our API key (VoyageAIError, statusCode 401, rawResponse kept)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(embed),
    })

    up.reply({ status: 422, body: { detail: "Value error, model 'voyage-9' is not supported" } })
    cases.push({
      library,
      what: 'upstream answered 422 to the model we asked for (VoyageAIError, statusCode 422)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(embed),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: { detail: 'You have exceeded your TPM rate limit.' },
    })
    cases.push({
      library,
      what: 'upstream answered 429 with Retry-After: 7 (VoyageAIError, statusCode 429, headers in rawResponse)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(embed),
    })

    up.reply({ status: 500, body: { detail: 'Internal server error' } })
    cases.push({
      library,
      what: 'upstream answered 500 (VoyageAIError, statusCode 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(embed),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: { detail: 'Service unavailable' } })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 (VoyageAIError, statusCode 503)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(embed),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 0.25 s timeoutInSeconds fired (a VoyageAIError whose message is '\"timeout\"', rawResponse status 0)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(embed),
    })

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (VoyageAIError "fetch failed", no statusCode, no cause)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.embed({ input: ['hello'], model: 'voyage-3.5' })),
    })
    return cases
  } finally {
    await up.close()
  }
}

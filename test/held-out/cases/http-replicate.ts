import Replicate from 'replicate'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'replicate'

const problem = (status: number, title: string, detail: string) => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'https://replicate.com/docs/reference/http', title, status, detail }),
})

export const collect: Collect = async () => {
  const up = await startUpstream()
  // replicate retries a GET on 429/5xx and any method on 429, up to five times, with no option to
  // turn it off: every case is a POST and none answers 429. A rejected fetch is retried too, at
  // once, and the last rejection is what the call rejects with.
  const replicate = new Replicate({ auth: 'r8_test', baseUrl: up.url })
  const predict = (signal?: AbortSignal) =>
    replicate.predictions.create({
      version: '5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa',
      input: { prompt: 'a cat' },
      ...(signal === undefined ? {} : { signal }),
    })
  const cases: HeldOutCase[] = []
  try {
    up.reply(problem(401, 'Unauthenticated', 'You did not pass a valid authentication token'))
    cases.push({
      library,
      what: 'upstream answered 401 problem+json to our token (ApiError with request and response)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(() => predict()),
    })

    up.reply(problem(422, 'Input validation failed', 'prompt: Additional property prompt is not allowed'))
    cases.push({
      library,
      what: 'upstream answered 422 to the input we posted (ApiError with request and response)',
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => predict()),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'upstream answered 500 with a text body (ApiError with request and response)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => predict()),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: { detail: 'Service Unavailable' } })
    cases.push({
      library,
      what: 'upstream answered 503 with Retry-After: 7 (ApiError with request and response)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => predict()),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'our AbortSignal.timeout(250) as `signal` fired (DOMException TimeoutError, passed through)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => predict(AbortSignal.timeout(250))),
    })

    const port = await closedPort()
    const offline = new Replicate({ auth: 'r8_test', baseUrl: `http://127.0.0.1:${port}/v1` })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (fetch failed TypeError, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => offline.predictions.get('ufawqhfynnddngldkgtslldrkq')),
    })
    return cases
  } finally {
    await up.close()
  }
}

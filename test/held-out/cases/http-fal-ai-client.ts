import { createFalClient } from '@fal-ai/client'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { TIMED_OUT, UPSTREAM_4XX, UPSTREAM_5XX, UPSTREAM_401, WHY } from './support/http-expect.js'
import { startUpstream } from './support/http-upstream.js'

const library = '@fal-ai/client'

/** A fal client whose requests a middleware sends to `base` instead of https://fal.run. */
function fal(base: string) {
  return createFalClient({
    credentials: 'test-key-id:test-key-secret',
    // run() retries 429/502/503/504 and network errors 3 times whatever `retry` says, so those are
    // left out; it does not retry other statuses or an aborted signal.
    retry: { maxRetries: 0 },
    requestMiddleware: async (request) => ({
      ...request,
      url: request.url.replace(/^https:\/\/[^/]+/, base),
    }),
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = fal(up.url)
  const run = () => client.run('fal-ai/flux/dev', { input: { prompt: 'a lighthouse at dusk' } })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Key' },
      body: { detail: 'Authentication is required to perform this action' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 to our key (ApiError, status 401, body.detail)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(run),
    })

    up.reply({
      status: 422,
      body: {
        detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }],
      },
    })
    cases.push({
      library,
      what: "upstream answered 422 to the input we sent (fal's ValidationError, status 422, fieldErrors)",
      why: WHY.upstream4xx,
      upstreamStatus: 422,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(run),
    })

    up.reply({ status: 404, body: 'Not Found' })
    cases.push({
      library,
      what: "upstream answered 404 with a text body (ApiError 'HTTP 404: Not Found')",
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(run),
    })

    up.reply({ status: 500, body: { detail: 'Internal Server Error' } })
    cases.push({
      library,
      what: 'upstream answered 500 (ApiError, status 500)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(run),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'our 250 ms AbortSignal.timeout (abortSignal) fired (DOMException TimeoutError)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() =>
        client.run('fal-ai/flux/dev', { input: { prompt: 'x' }, abortSignal: AbortSignal.timeout(250) }),
      ),
    })

    return cases
  } finally {
    await up.close()
  }
}

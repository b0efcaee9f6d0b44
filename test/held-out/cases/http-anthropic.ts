import Anthropic from '@anthropic-ai/sdk'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_408,
  UPSTREAM_503,
  UPSTREAM_504,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@anthropic-ai/sdk'

/** Anthropic's error envelope. */
function apiError(type: string, message: string) {
  return { type: 'error', error: { type, message }, request_id: 'req_011CTest' }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the SDK retries 408/409/429/5xx and connection errors twice by default).
  const client = new Anthropic({
    apiKey: 'sk-ant-test-not-a-key',
    baseURL: up.url,
    maxRetries: 0,
    timeout: 250,
  })
  const message = () =>
    client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 403,
      body: apiError(
        'permission_error',
        'Your API key does not have permission to use the specified resource.',
      ),
    })
    cases.push({
      library,
      what: 'upstream answered 403 permission_error to our API key (PermissionDeniedError)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(message),
    })

    up.reply({
      status: 413,
      body: apiError('request_too_large', 'Request exceeds the maximum allowed size.'),
    })
    cases.push({
      library,
      what: 'upstream answered 413 request_too_large to the request we built (ContentTooLargeError)',
      why: WHY.upstream4xx,
      upstreamStatus: 413,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(message),
    })

    up.reply({ status: 408, body: apiError('timeout_error', 'Request timed out.') })
    cases.push({
      library,
      what: 'upstream answered 408 timeout_error (RequestTimeoutError)',
      why: WHY.upstream408,
      upstreamStatus: 408,
      expect: UPSTREAM_408,
      error: await rejectionOf(message),
    })

    up.reply({ status: 529, headers: RETRY_AFTER, body: apiError('overloaded_error', 'Overloaded') })
    cases.push({
      library,
      what: 'upstream answered 529 overloaded_error with Retry-After: 7 (OverloadedError)',
      why: 'upstream 529 (overloaded): dependency unavailable, 503 + Retry-After',
      upstreamStatus: 529,
      expect: UPSTREAM_503,
      error: await rejectionOf(message),
    })

    up.reply({ status: 504, body: '<html><body>504 Gateway Time-out</body></html>' })
    cases.push({
      library,
      what: 'a gateway in front of the upstream answered 504 with an HTML page (GatewayTimeoutError)',
      why: WHY.upstream504,
      upstreamStatus: 504,
      expect: UPSTREAM_504,
      error: await rejectionOf(message),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the SDK's own 250 ms timeout fired on an upstream that never answered (APIConnectionTimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(message),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the upstream reset the connection after our request (APIConnectionError)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(message),
    })

    const refused = new Anthropic({
      apiKey: 'sk-ant-test-not-a-key',
      baseURL: `http://127.0.0.1:${await closedPort()}`,
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

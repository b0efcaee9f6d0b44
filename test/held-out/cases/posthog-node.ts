/**
 * posthog-node: our server captures an analytics event and flushes it before answering (as a
 * serverless handler must), against a scripted PostHog ingestion API on 127.0.0.1 (`host`).
 * `fetchRetryCount: 0`, `flushAt` high and `flushInterval: 0` so that only our `flush()` sends, and
 * `requestTimeout: 250` for the timeout case. Each call uses a fresh client.
 */
import { PostHog } from 'posthog-node'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { UPSTREAM_4XX, WHY } from './support/http-expect.js'
import { describe, runMatrix } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'posthog-node'

async function captureAndFlush(
  host: string,
  event = 'order_completed',
  properties: Record<string, unknown> = {},
) {
  const client = new PostHog('phc_test_project_token_0123456789', {
    host,
    fetchRetryCount: 0,
    flushAt: 1000,
    flushInterval: 0,
    requestTimeout: 250,
    disableCompression: true,
  })
  // The SDK also emits what flush() rejects with; a listener keeps it from being logged.
  client.on('error', () => {})
  client.capture({ distinctId: 'user-42', event, properties })
  // Every flush here fails; shutdown() would flush a retained batch again (and log it), so the
  // client is dropped instead: with flushInterval 0 it holds no timer.
  await client.flush()
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const port = await closedPort()
  try {
    const cases = await runMatrix({
      library,
      up,
      call: () => captureAndFlush(up.url),
      refused: () => captureAndFlush(`http://127.0.0.1:${port}`),
      timeout: () => captureAndFlush(up.url),
      timeoutNote: "posthog-node's own requestTimeout of 250 ms",
      body: (status, message) => ({
        type: 'validation_error',
        code: `http_${status}`,
        detail: message,
        attr: null,
      }),
      conflict: [422, 'Invalid event payload: "distinct_id" is required'],
      // PostHogFetchHttpError keeps the whole Response, headers included (and reads it as retryAfterMs).
      keepsRetryAfter: { 429: true, 503: true },
      settings: 'posthog-node capture + flush, fetchRetryCount 0',
      // A successful write is not read: an HTML page with 200 is taken as success.
      skip: ['html'],
    })
    up.reply({ status: 413, body: { type: 'invalid_request', detail: 'Request body too large' } })
    const error = await rejectionOf(() =>
      captureAndFlush(up.url, 'report_exported', { blob: 'x'.repeat(2000) }),
    )
    cases.push({
      library,
      what: `upstream answered 413 to a batch of one oversized event our code built (${describe(error)}); posthog-node capture + flush`,
      why: `${WHY.upstream4xx} (our payload, not the client's body)`,
      upstreamStatus: 413,
      expect: UPSTREAM_4XX,
      error,
    })
    return cases
  } finally {
    await up.close()
  }
}

/**
 * @segment/analytics-node: our server tracks an event and waits for its delivery (the callback
 * form), against a scripted Segment tracking API on 127.0.0.1 (`host`). `maxRetries: 0`,
 * `flushAt: 1`, `httpRequestTimeout: 250`. The SDK reports a failed delivery through the callback
 * with a plain `Error` whose message holds the status; `closeAndFlush()` ends each client.
 */
import { Analytics } from '@segment/analytics-node'
import type { HeldOutCase } from '../case.js'
import { REFUSED, TIMED_OUT, UPSTREAM_4XX, UPSTREAM_503_BARE, WHY } from './support/http-expect.js'
import { describe } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@segment/analytics-node'
const settings = '@segment/analytics-node track callback, maxRetries 0, httpRequestTimeout 250 ms'

async function track(host: string): Promise<unknown> {
  const analytics = new Analytics({
    writeKey: 'segment-write-key-test',
    host,
    maxRetries: 0,
    flushAt: 1,
    httpRequestTimeout: 250,
  })
  analytics.on('error', () => {})
  const error = await new Promise<unknown>((resolve) =>
    analytics.track({ userId: 'user-42', event: 'Order Completed', properties: { total: 42 } }, (err) =>
      resolve(err),
    ),
  )
  await analytics.closeAndFlush({ timeout: 500 })
  if (error === undefined) throw new Error('expected a delivery failure')
  return error
}

export async function collect(): Promise<HeldOutCase[]> {
  const up = await startUpstream()
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="segment"' },
      body: { success: false, message: 'Invalid write key' },
    })
    {
      const error = await track(up.url)
      cases.push({
        library,
        what: `Segment answered 401 to our write key (${describe(error)}: "${String((error as Error).message)}"); ${settings}`,
        why: `${WHY.upstream401}; only the message names the status`,
        upstreamStatus: 401,
        expect: { status: 500, headers: { 'www-authenticate': null } },
        error,
      })
    }
    up.reply({ status: 400, body: { success: false, message: 'Invalid batch payload' } })
    {
      const error = await track(up.url)
      cases.push({
        library,
        what: `Segment answered 400 to the batch our code sent (${describe(error)}: "${String((error as Error).message)}"); ${settings}`,
        why: WHY.upstream4xx,
        upstreamStatus: 400,
        expect: UPSTREAM_4XX,
        error,
      })
    }
    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    {
      const error = await track(up.url)
      cases.push({
        library,
        what: `Segment answered 503 with Retry-After: 7, which the error drops (${describe(error)}: "${String((error as Error).message)}"); ${settings}`,
        why: `${WHY.upstream503}; the value is lost in the error`,
        upstreamStatus: 503,
        expect: UPSTREAM_503_BARE,
        error,
      })
    }
    {
      const port = await closedPort()
      const error = await track(`http://127.0.0.1:${port}`)
      cases.push({
        library,
        what: `Segment API on a closed loopback port refused the connection (${describe(error)}); ${settings}`,
        why: WHY.refused,
        expect: REFUSED,
        error,
      })
    }
    up.reply('hang')
    {
      const error = await track(up.url)
      cases.push({
        library,
        what: `the SDK's own httpRequestTimeout of 250 ms fired on a Segment API that never answers (${describe(error)}: "${String((error as Error).message)}"); ${settings}`,
        why: `${WHY.timeout}; the SDK's own timer aborts with a plain AbortError (not a TimeoutError reason), which the abort row would make 500: the scenario is a slow dependency`,
        expect: TIMED_OUT,
        error,
      })
    }
  } finally {
    await up.close()
  }
  return cases
}

import { LogLevel, WebClient } from '@slack/web-api'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@slack/web-api'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // retryConfig.retries: 0 (the client retries 10 times over 30 minutes by default) and
  // rejectRateLimitedCalls, so that a 429 rejects instead of waiting out Retry-After.
  const slack = (url: string, timeout = 2000) =>
    new WebClient('xoxb-test-not-a-token', {
      slackApiUrl: `${url}/api/`,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout,
      logLevel: LogLevel.ERROR,
    })
  const client = slack(up.url)
  const post = (c = client) => c.chat.postMessage({ channel: 'C0123', text: 'deploy finished' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({ status: 200, body: { ok: false, error: 'invalid_auth' } })
    cases.push({
      library,
      what: 'Slack answered HTTP 200 { ok: false, error: invalid_auth } to our token (platform error)',
      why: 'SDK error caused by our own credentials: 500',
      upstreamStatus: 200,
      expect: { status: 500, headers: { 'www-authenticate': null } },
      error: await rejectionOf(() => post()),
    })

    up.reply({ status: 200, body: { ok: false, error: 'channel_not_found' } })
    cases.push({
      library,
      what: 'Slack answered HTTP 200 { ok: false, error: channel_not_found } (platform error)',
      why: 'the upstream refused the request we built: 500, not our 404',
      upstreamStatus: 200,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => post()),
    })

    up.reply({ status: 429, headers: RETRY_AFTER, body: { ok: false, error: 'ratelimited' } })
    cases.push({
      library,
      what: 'Slack answered 429 with Retry-After: 7 (rate limited error, retryAfter 7)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(() => post()),
    })

    up.reply({ status: 500, body: 'Internal Server Error' })
    cases.push({
      library,
      what: 'Slack answered HTTP 500 (HTTP error)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => post()),
    })

    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    cases.push({
      library,
      what: 'Slack answered HTTP 503 with Retry-After: 7 (HTTP error)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(() => post()),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms timeout fired (request error wrapping the HTTP client's timeout)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => post(slack(up.url, 250))),
    })

    cases.push({
      library,
      what: 'connection refused by a closed loopback port (request error wrapping ECONNREFUSED)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(async () => post(slack(`http://127.0.0.1:${await closedPort()}`))),
    })
    return cases
  } finally {
    await up.close()
  }
}

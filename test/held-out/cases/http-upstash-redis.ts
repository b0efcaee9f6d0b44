import { Redis } from '@upstash/redis'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = '@upstash/redis'

/**
 * retry: false (the client retries a failed fetch five times by default); auto-pipelining off, so a
 * command is one request. The signal is a function: a fixed AbortSignal makes the client resolve
 * with the abort reason instead of rejecting.
 */
function redis(url: string) {
  return new Redis({
    url,
    token: 'test-not-a-token',
    retry: false,
    enableTelemetry: false,
    enableAutoPipelining: false,
    signal: () => AbortSignal.timeout(250),
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = redis(up.url)
  const getSession = () => client.get('session:42')
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { error: 'WRONGPASS invalid or missing auth token' },
    })
    cases.push({
      library,
      what: 'upstream answered 401 WRONGPASS to our token (UpstashError, the status is nowhere on it)',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(getSession),
    })

    up.reply({
      status: 429,
      body: { error: 'ERR max requests limit exceeded. Limit: 500000, Usage: 500000' },
    })
    cases.push({
      library,
      what: 'upstream answered 429 max requests limit exceeded (UpstashError, message only)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(getSession),
    })

    up.reply({ status: 500, body: { error: 'ERR internal error' } })
    cases.push({
      library,
      what: 'upstream answered 500 (UpstashError, message only)',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getSession),
    })

    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    })
    cases.push({
      library,
      what: 'upstream answered 502 with an HTML page (UpstashJSONParseError <- SyntaxError)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(getSession),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'the 250 ms AbortSignal.timeout given to the client fired (DOMException TimeoutError)',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(getSession),
    })

    const port = await closedPort()
    cases.push({
      library,
      what: 'connection refused by a closed loopback port (TypeError fetch failed, passed through)',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => redis(`http://127.0.0.1:${port}`).get('session:42')),
    })
    return cases
  } finally {
    await up.close()
  }
}

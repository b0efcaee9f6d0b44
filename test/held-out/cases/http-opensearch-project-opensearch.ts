import { Client } from '@opensearch-project/opensearch'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429,
  UPSTREAM_503,
  WHY,
} from './support/http-expect.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@opensearch-project/opensearch'

function osError(status: number, type: string, reason: string) {
  return { error: { root_cause: [{ type, reason }], type, reason }, status }
}

export const collect: Collect = async () => {
  const up = await startUpstream()
  // maxRetries: 0 (the transport retries 502/503/504 and connection errors 3 times by default).
  const client = new Client({
    node: up.url,
    auth: { username: 'app', password: 'not-the-password' },
    maxRetries: 0,
    requestTimeout: 250,
  })
  const search = () =>
    client.search({ index: 'logs-2026.12', body: { query: { match: { level: 'error' } } } })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 403,
      body: osError(
        403,
        'security_exception',
        'no permissions for [indices:data/read/search] and User [name=app, backend_roles=[], requestedTenant=null]',
      ),
    })
    cases.push({
      library,
      what: 'cluster answered 403 security_exception, no permissions for our user (ResponseError)',
      why: WHY.upstream4xx,
      upstreamStatus: 403,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(search),
    })

    up.reply({ status: 404, body: osError(404, 'index_not_found_exception', 'no such index [logs-2026.12]') })
    cases.push({
      library,
      what: 'cluster answered 404 index_not_found_exception (ResponseError)',
      why: WHY.upstream4xx,
      upstreamStatus: 404,
      expect: UPSTREAM_4XX,
      error: await rejectionOf(search),
    })

    up.reply({
      status: 429,
      headers: RETRY_AFTER,
      body: osError(
        429,
        'circuit_breaking_exception',
        '[parent] Data too large, data for [<http_request>] would be larger than limit',
      ),
    })
    cases.push({
      library,
      what: 'cluster answered 429 circuit_breaking_exception with Retry-After: 7 (ResponseError)',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429,
      error: await rejectionOf(search),
    })

    up.reply({
      status: 502,
      body: '<html><h1>502 Bad Gateway</h1></html>',
      headers: { 'content-type': 'text/html' },
    })
    cases.push({
      library,
      what: 'a proxy in front of the cluster answered 502 with an HTML page (ResponseError)',
      why: WHY.upstream5xx,
      upstreamStatus: 502,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(search),
    })

    up.reply({
      status: 503,
      headers: RETRY_AFTER,
      body: osError(
        503,
        'cluster_block_exception',
        'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];',
      ),
    })
    cases.push({
      library,
      what: 'cluster answered 503 cluster_block_exception (state not recovered) with Retry-After: 7 (ResponseError)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503,
      error: await rejectionOf(search),
    })

    up.reply('hang')
    cases.push({
      library,
      what: "the client's own 250 ms requestTimeout fired (TimeoutError)",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(search),
    })

    up.reply('reset')
    cases.push({
      library,
      what: 'the cluster reset the connection after our request (ConnectionError)',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(search),
    })

    const refused = new Client({ node: `http://127.0.0.1:${await closedPort()}`, maxRetries: 0 })
    try {
      cases.push({
        library,
        what: 'connection refused by a closed loopback port (ConnectionError)',
        why: WHY.refused,
        expect: REFUSED,
        error: await rejectionOf(() => refused.ping()),
      })
    } finally {
      await refused.close()
    }
    return cases
  } finally {
    await client.close()
    await up.close()
  }
}

import jayson from 'jayson/promise/index.js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'jayson'

// jayson's promise client over its own HTTP transport (node:http), with its 250 ms `timeout`.
export const collect: Collect = async () => {
  const up = await startUpstream()
  const client = jayson.Client.http({ host: '127.0.0.1', port: up.port, path: '/rpc', timeout: 250 })
  const call = () => client.request('ledger.balance', { account: 'acc_1' })
  const cases: HeldOutCase[] = []
  try {
    up.reply({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="ledger"', 'content-type': 'text/plain' },
      body: 'Unauthorized',
    })
    cases.push({
      library,
      what: 'the JSON-RPC upstream answered HTTP 401 (text body) to our credentials',
      why: WHY.upstream401,
      upstreamStatus: 401,
      expect: UPSTREAM_401,
      error: await rejectionOf(call),
    })

    up.reply({ status: 429, headers: { 'content-type': 'text/plain' }, body: 'Too Many Requests' })
    cases.push({
      library,
      what: 'the JSON-RPC upstream answered HTTP 429 without Retry-After',
      why: WHY.upstream429,
      upstreamStatus: 429,
      expect: UPSTREAM_429_BARE,
      error: await rejectionOf(call),
    })

    up.reply({
      status: 500,
      body: { jsonrpc: '2.0', id: null, error: { code: -32603, message: 'Internal error' } },
    })
    cases.push({
      library,
      what: 'the JSON-RPC upstream answered HTTP 500 with a JSON-RPC error body',
      why: WHY.upstream5xx,
      upstreamStatus: 500,
      expect: UPSTREAM_5XX,
      error: await rejectionOf(call),
    })

    up.reply({
      status: 503,
      headers: { 'content-type': 'text/html' },
      body: '<h1>503 Service Unavailable</h1>',
    })
    cases.push({
      library,
      what: 'a gateway answered HTTP 503 (HTML body, no Retry-After)',
      why: WHY.upstream503,
      upstreamStatus: 503,
      expect: UPSTREAM_503_BARE,
      error: await rejectionOf(call),
    })

    up.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":' })
    cases.push({
      library,
      what: 'the JSON-RPC upstream answered 200 with a truncated JSON body',
      why: 'upstream answered badly (a reply that is not the protocol): 502',
      upstreamStatus: 200,
      expect: RESET,
      error: await rejectionOf(call),
    })

    up.reply('hang')
    cases.push({
      library,
      what: 'the JSON-RPC upstream never answered: the client’s 250 ms timeout fired',
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(call),
    })

    up.reply('garbage')
    cases.push({
      library,
      what: 'the upstream answered bytes that are not HTTP',
      why: WHY.reset,
      expect: RESET,
      error: await rejectionOf(call),
    })

    const refused = jayson.Client.http({ host: '127.0.0.1', port: await closedPort(), timeout: 250 })
    cases.push({
      library,
      what: 'connection refused by a closed loopback port',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejectionOf(() => refused.request('ledger.balance', {})),
    })
    return cases
  } finally {
    await up.close()
  }
}

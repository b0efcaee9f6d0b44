import Consul from 'consul'
import type { Collect, HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'
import { closedPort, type Reply, startUpstream } from './support/http-upstream.js'

const library = 'consul'

export const collect: Collect = async () => {
  const upstream = await startUpstream()
  const consul = new Consul({ host: '127.0.0.1', port: upstream.port })
  const down = new Consul({ host: '127.0.0.1', port: await closedPort() })
  const cases: HeldOutCase[] = []
  // The handler reads a feature-flag document from the KV store on each request.
  const readFlags = (c: Consul) => c.kv.get('config/checkout/flags')
  const scripted = async (
    reply: Reply,
    what: string,
    why: string,
    expect: HeldOutCase['expect'],
    upstreamStatus?: number,
    run: () => Promise<unknown> = () => readFlags(consul),
  ) => {
    upstream.reply(reply)
    const error = await rejectionOf(run)
    cases.push(
      upstreamStatus === undefined
        ? { library, what, why, expect, error }
        : { library, what, why, upstreamStatus, expect, error },
    )
  }
  try {
    cases.push({
      library,
      what: 'kv.get against a closed port: ECONNREFUSED',
      why: 'dependency unavailable: refused',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => readFlags(down)),
    })
    await scripted(
      'hang',
      'kv.get with timeout 300 ms: the agent never answers, papi TimeoutError',
      'dependency too slow: client timeout',
      { status: 504, retryable: true },
      undefined,
      () => consul.kv.get({ key: 'config/checkout/flags', timeout: 300 } as { key: string }),
    )
    await scripted(
      { status: 500, headers: { 'content-type': 'text/plain' }, body: 'No cluster leader' },
      'kv.get: the agent answers 500 "No cluster leader"',
      'upstream 5xx → upstream answered badly',
      { status: 502, retryable: true },
      500,
    )
    await scripted(
      {
        status: 503,
        headers: { 'content-type': 'text/plain' },
        body: 'Service Unavailable: agent is leaving',
      },
      'kv.get: the agent answers 503',
      'upstream 503 → dependency unavailable',
      { status: 503, retryable: true },
      503,
    )
    await scripted(
      {
        status: 429,
        headers: { 'content-type': 'text/plain' },
        body: 'rate limit exceeded, try a different server',
      },
      'kv.get: the agent answers 429 (RPC rate limit)',
      'upstream 429 → dependency unavailable',
      { status: 503, retryable: true },
      429,
    )
    await scripted(
      {
        status: 403,
        headers: { 'content-type': 'text/plain' },
        body: "Permission denied: token with AccessorID '6a1f3c1e' lacks permission 'key:read' on \"config/checkout/flags\"",
      },
      'kv.get: the agent answers 403 "Permission denied" to our ACL token',
      'a dependency rejecting our credentials → 500',
      { status: 500 },
      403,
    )
    await scripted(
      {
        status: 400,
        headers: { 'content-type': 'text/plain' },
        body: 'Request body(46 bytes) too large, max size: 512000 bytes',
      },
      'kv.set: the agent answers 400 to the request our code built',
      'upstream said 4xx to us → 500',
      { status: 500 },
      400,
      () => consul.kv.set('config/checkout/flags', '{"beta":true}'),
    )
    await scripted(
      {
        status: 404,
        headers: { 'content-type': 'text/plain' },
        body: 'Unknown service ID "web-7". Ensure that the service ID is passed, not the service name.',
      },
      'agent.service.deregister at shutdown: the agent answers 404 "Unknown service ID"',
      'upstream said 4xx to us → 500 (our own registration, not a resource the client named)',
      { status: 500 },
      404,
      () => consul.agent.service.deregister('web-7'),
    )
    await scripted(
      'garbage',
      'kv.get: the port answers bytes that are not HTTP (HPE_INVALID_CONSTANT)',
      'upstream answered badly',
      { status: 502, retryable: true },
    )
    await scripted(
      'reset',
      'kv.get: the agent resets the connection (ECONNRESET)',
      'ECONNRESET to an HTTP upstream → upstream answered badly',
      { status: 502, retryable: true },
    )
    return cases
  } finally {
    await upstream.close()
  }
}

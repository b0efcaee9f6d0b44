import { Client, HTTPTransport, RequestManager } from '@open-rpc/client-js'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = '@open-rpc/client-js'

export const collect: Collect = async () => {
  const up = await startUpstream()
  // The request id the client sent last (RequestManager's ids count up from 0 per manager).
  let lastId = ''
  const client = (url: string, timeoutMs?: number) => {
    const transport = new HTTPTransport(url, {
      ...(timeoutMs === undefined
        ? {}
        : { fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }) }),
    })
    const manager = new RequestManager([transport], () => {
      lastId = String(Number(lastId === '' ? -1 : lastId) + 1)
      return lastId
    })
    const c = new Client(manager)
    // The app's listener for transport-level errors (an EventEmitter 'error' without one throws).
    c.onError(() => {})
    return c
  }
  const node = client(up.url)
  const call = (c = node) =>
    c.request({ method: 'eth_getBalance', params: ['0x8ba1f109551bd432803012645ac136ddd64dba72', 'latest'] })
  // The upstream answers a JSON-RPC body carrying the id of the request it got.
  const reply = (status: number, error: object, headers?: Record<string, string>) => {
    up.reply((req, res) => {
      void req
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify({ jsonrpc: '2.0', id: lastId, error }))
    })
  }
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; HTTPTransport, which ignores the HTTP status')
  try {
    up.reply({ status: 401, headers: { 'www-authenticate': 'Basic realm="node"' }, body: 'Unauthorized' })
    add(
      'the JSON-RPC node answered HTTP 401 with a text body: JSONRPCError "Bad response format", code 7979, ' +
        'data the body',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => call()),
      401,
    )
    reply(429, { code: -32005, message: 'limit exceeded: 25 requests per second' }, RETRY_AFTER)
    add(
      'the JSON-RPC node answered HTTP 429 with Retry-After: 7 and error -32005 "limit exceeded" (EIP-1474): ' +
        'JSONRPCError code -32005; status and header are lost',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => call()),
      429,
    )
    up.reply({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><h1>502 Bad Gateway</h1></html>',
    })
    add(
      'the node\'s load balancer answered HTTP 502 with an HTML page: JSONRPCError "Bad response format", code 7979',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => call()),
      502,
    )
    reply(200, { code: -32601, message: 'the method eth_getBalance does not exist/is not available' })
    add(
      'the JSON-RPC node answered error -32601 "method does not exist" to our call: JSONRPCError code -32601',
      'the upstream refused our call as wrong (a 4xx in JSON-RPC terms): our bug or misconfiguration, 500',
      UPSTREAM_4XX,
      await rejectionOf(() => call()),
    )
    reply(200, { code: -32603, message: 'Internal error', data: 'header not found' })
    add(
      'the JSON-RPC node answered error -32603 "Internal error": JSONRPCError code -32603',
      "the upstream's own internal error: upstream answered badly, 502",
      UPSTREAM_5XX,
      await rejectionOf(() => call()),
    )
    up.reply('reset')
    add(
      'the JSON-RPC node reset the connection: JSONRPCError "fetch failed", code 7979, the TypeError in .data',
      WHY.reset,
      RESET,
      await rejectionOf(() => call()),
    )
    up.reply('hang')
    add(
      "our fetcher (the transport's fetcher option) with AbortSignal.timeout(250) fired on a node that never " +
        'answers: ' +
        'JSONRPCError code 7979 with the message of the TimeoutError, which sits in .data',
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => call(client(up.url, 250))),
    )
    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port: JSONRPCError "fetch failed", code 7979, the TypeError in .data',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => call(refused)),
    )
    return cases
  } finally {
    node.close()
    await up.close()
  }
}

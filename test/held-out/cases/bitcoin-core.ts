import Client from 'bitcoin-core'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { startRpc } from './support/chain-rpc.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_401,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort } from './support/http-upstream.js'

const library = 'bitcoin-core'

const TO = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'

// bitcoind's own replies: every RPC error comes as HTTP 500 (404 for an unknown method) with
// { result: null, error: { code, message }, id }; a bad password gets 401 with an empty body.
const rpcError = (status: number, code: number, message: string) => ({
  status,
  body: { result: null, error: { code, message }, id: null },
})

export const collect: Collect = async () => {
  const node = await startRpc()
  const settings = '; bitcoin-core Client, timeout 250 ms'
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, settings)
  const local = caseAdder(library, cases)
  const client = (host = node.url) =>
    new Client({ host, username: 'rpcuser', password: 'not-the-rpc-password', timeout: 250, wallet: 'hot' })
  const rpc = client()
  try {
    node.script(() => ({
      status: 401,
      headers: {
        'www-authenticate': 'Basic realm="jsonrpc"',
        'content-type': 'text/html; charset=ISO-8859-1',
      },
      body: '',
    }))
    add(
      'bitcoind answered 401 with an empty body (and WWW-Authenticate: Basic) to our RPC password',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => rpc.command('getblockcount')),
      401,
    )

    node.script(() => rpcError(500, -6, 'Insufficient funds'))
    add(
      'sendtoaddress from our hot wallet: bitcoind answered HTTP 500 with RPC error -6 "Insufficient funds"',
      'the node refused our call (our wallet is not funded; bitcoind sends every RPC error as HTTP 500): ' +
        'our misconfiguration, 500',
      { status: 500 },
      await rejectionOf(() => rpc.command('sendtoaddress', TO, 0.1)),
      500,
    )

    node.script(() => rpcError(404, -32601, 'Method not found'))
    add(
      'bitcoind answered HTTP 404 with RPC error -32601 "Method not found" to our getblockstats call',
      'the node refused our call as unknown (our misconfiguration): 500',
      UPSTREAM_4XX,
      await rejectionOf(() => rpc.command('getblockstats', 800000)),
      404,
    )

    node.script(() => ({
      status: 503,
      headers: { 'content-type': 'text/html; charset=ISO-8859-1' },
      body: 'Work queue depth exceeded',
    }))
    add(
      'bitcoind answered 503 "Work queue depth exceeded" (its RPC work queue is full; no Retry-After)',
      WHY.upstream503,
      UPSTREAM_503_BARE,
      await rejectionOf(() => rpc.command('getblockcount')),
      503,
    )

    node.script(() => ({ status: 200, body: '{"result":{"blocks":8000' }))
    add(
      'bitcoind answered 200 with a truncated JSON body; the client parses it with json-bigint and throws',
      'upstream answered badly (a reply that is not the protocol): 502',
      RESET,
      await rejectionOf(() => rpc.command('getblockchaininfo')),
    )

    node.script(() => 'garbage')
    add(
      'the node port answered bytes that are not HTTP',
      WHY.reset,
      RESET,
      await rejectionOf(() => rpc.command('getblockcount')),
    )

    node.script(() => 'hang')
    add(
      "the client's own 250 ms timeout fired on a node that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => rpc.command('getblockcount')),
    )

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.command('getblockcount')),
    )

    local(
      'our config sets the node version to "latest"; the Client constructor throws "Invalid Version"',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => new Client({ host: node.url, version: 'latest' })),
    )
    return cases
  } finally {
    await node.close()
  }
}

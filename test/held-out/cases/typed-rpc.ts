import { createServer } from 'node:http'
import { rpcClient } from 'typed-rpc'
import { handleRpc } from 'typed-rpc/server'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import {
  REFUSED,
  RESET,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  UPSTREAM_503_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, RETRY_AFTER, startUpstream } from './support/http-upstream.js'

const library = 'typed-rpc'

/** The ledger service our server calls over JSON-RPC. */
class InvalidParams extends Error {
  code = -32602
  data = { field: 'amountCents' }
}
const ledger = {
  balance(account: string): number {
    const rows: Record<string, { cents: number }> = { 'acc-1': { cents: 1200 } }
    // The ledger's own bug: an unknown account has no row.
    return (rows[account] as { cents: number }).cents
  },
  transfer(from: string, to: string, amountCents: number): string {
    if (!Number.isInteger(amountCents))
      throw new InvalidParams('amountCents must be an integer number of cents')
    return `${from}->${to}`
  },
}
type Ledger = typeof ledger & { refund(id: string): boolean }

export const collect: Collect = async () => {
  // A real JSON-RPC upstream served by typed-rpc's own handleRpc.
  const rpcServer = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      void handleRpc(JSON.parse(body), ledger).then((reply) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(reply))
      })
    })
  })
  rpcServer.keepAliveTimeout = 100
  await new Promise<void>((resolve) => rpcServer.listen(0, '127.0.0.1', resolve))
  const address = rpcServer.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const real = rpcClient<Ledger>(`http://127.0.0.1:${address.port}/rpc`)
  const up = await startUpstream()
  const scripted = rpcClient<Ledger>(`${up.url}/rpc`)
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; typed-rpc fetch transport')
  try {
    up.reply({ status: 401, headers: { 'www-authenticate': 'Bearer realm="ledger"' }, body: 'Unauthorized' })
    add(
      'ledger upstream answered HTTP 401: RpcError("Unauthorized") whose numeric code is the HTTP status',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => scripted.balance('acc-1')),
      401,
    )
    up.reply({ status: 429, headers: RETRY_AFTER, body: 'Too Many Requests' })
    add(
      'ledger upstream answered HTTP 429 with Retry-After: 7: RpcError("Too Many Requests", 429); the header is lost',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => scripted.balance('acc-1')),
      429,
    )
    up.reply({ status: 500, body: 'Internal Server Error' })
    add(
      'ledger upstream answered HTTP 500: RpcError("Internal Server Error", 500)',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => scripted.balance('acc-1')),
      500,
    )
    up.reply({ status: 503, headers: RETRY_AFTER, body: 'Service Unavailable' })
    add(
      'ledger upstream answered HTTP 503 with Retry-After: 7: RpcError("Service Unavailable", 503); the header is lost',
      `${WHY.upstream503}; the value is lost in the error`,
      UPSTREAM_503_BARE,
      await rejectionOf(() => scripted.balance('acc-1')),
      503,
    )
    up.reply({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Sign in</body></html>',
    })
    add(
      'ledger upstream answered 200 with an HTML login page: the transport fails parsing it as JSON',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => scripted.balance('acc-1')),
    )
    up.reply({ status: 200, body: { ok: true, balance: 1200 } })
    add(
      'ledger upstream answered 200 JSON that is not a JSON-RPC 2.0 response: TypeError "Not a JSON-RPC 2.0 response"',
      'upstream answered badly (not the protocol): 502',
      RESET,
      await rejectionOf(() => scripted.balance('acc-1')),
    )
    add(
      'the JSON-RPC upstream answered error -32601 "Method not found: refund" ' +
        '(our server calls a method it lacks): RpcError',
      'the upstream refused our call as wrong (a 4xx in JSON-RPC terms): our bug, 500',
      UPSTREAM_4XX,
      await rejectionOf(() => real.refund('r-1')),
    )
    add(
      'the JSON-RPC upstream answered error -32602 with data {field} for an amount our code computed as 12.5: RpcError',
      'the upstream refused our call as invalid params (a 4xx in JSON-RPC terms): 500',
      UPSTREAM_4XX,
      await rejectionOf(() => real.transfer('acc-1', 'acc-2', 12.5)),
    )
    add(
      'the JSON-RPC upstream hit its own bug (reading .cents of undefined) and answered error -32000 ' +
        'with that message: RpcError',
      "the upstream's own server error (JSON-RPC server-error range): upstream answered badly, 502",
      UPSTREAM_5XX,
      await rejectionOf(() => real.balance('acc-9')),
    )
    const refused = rpcClient<Ledger>(`http://127.0.0.1:${await closedPort()}/rpc`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.balance('a')),
    )
    return cases
  } finally {
    await up.close()
    rpcServer.closeAllConnections()
    await new Promise<void>((resolve) => rpcServer.close(() => resolve()))
  }
}

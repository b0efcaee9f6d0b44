import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { JSONRPCClient, JSONRPCErrorException, JSONRPCServer } from 'json-rpc-2.0'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { TIMED_OUT, UPSTREAM_4XX, UPSTREAM_5XX, WHY } from './support/http-expect.js'

const library = 'json-rpc-2.0'

// A loopback JSON-RPC 2.0 upstream made with the library's own JSONRPCServer, and its
// JSONRPCClient over fetch (the README's transport). The transport's own HTTP errors would be
// the app's; only errors the library makes are collected.
export const collect: Collect = async () => {
  // errorListener: the server would log each thrown error with console.warn.
  const rpc = new JSONRPCServer({ errorListener: () => {} })
  rpc.addMethod('wallet.transfer', ({ amount }: { amount: unknown }) => {
    if (typeof amount !== 'number')
      throw new JSONRPCErrorException('Invalid params', -32602, { field: 'amount' })
    throw new JSONRPCErrorException('Insufficient funds', 4001, { balance: 3, requested: amount })
  })
  rpc.addMethod('wallet.balance', () => {
    throw new TypeError("Cannot read properties of undefined (reading 'ledger')")
  })
  rpc.addMethod('wallet.history', async () => {
    await sleep(400)
    return []
  })
  const sockets = new Set<Socket>()
  const http = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const answer = await rpc.receive(JSON.parse(body))
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
  })
  http.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/rpc`
  const client: JSONRPCClient = new JSONRPCClient(async (request) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    })
    if (response.status === 200) client.receive(await response.json())
  })

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: "the upstream answered JSON-RPC error -32601 Method not found to our call of 'wallet.freeze'",
      why: 'upstream said 4xx to us (our call names no method): 500',
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.request('wallet.freeze', { id: 1 })),
    })
    cases.push({
      library,
      what: 'the upstream answered JSON-RPC error -32602 Invalid params (data.field amount) to our call',
      why: 'upstream said 4xx to us (it rejected the params we sent): 500, not our 422',
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.request('wallet.transfer', { amount: '12' })),
    })
    cases.push({
      library,
      what: 'the upstream answered an application JSON-RPC error 4001 Insufficient funds with data',
      why: 'upstream refused our request (a 4xx-like answer): 500, never passed through',
      expect: UPSTREAM_4XX,
      error: await rejectionOf(() => client.request('wallet.transfer', { amount: 12 })),
    })
    cases.push({
      library,
      what: "a method of the upstream threw a TypeError: JSON-RPC error answered with the upstream's message",
      why: 'upstream answered badly (its internal error): 502',
      expect: UPSTREAM_5XX,
      error: await rejectionOf(() => client.request('wallet.balance', {})),
    })
    cases.push({
      library,
      what: "client.timeout(250).request('wallet.history'): the upstream took 400 ms",
      why: WHY.timeout,
      expect: TIMED_OUT,
      error: await rejectionOf(() => client.timeout(250).request('wallet.history', {})),
    })
    return cases
  } finally {
    client.rejectAllPendingRequests('closing')
    for (const s of sockets) s.destroy()
    http.closeAllConnections()
    await new Promise<void>((resolve) => http.close(() => resolve()))
  }
}

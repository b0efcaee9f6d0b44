import { Client, validate, Wallet, xrpToDrops } from 'xrpl'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { startRpcWs } from './support/chain-rpc.js'
import { REFUSED, RESET, TIMED_OUT, UPSTREAM_4XX, WHY } from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort } from './support/http-upstream.js'

const library = 'xrpl'

const TREASURY = 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh'

// rippled's error envelope over WebSocket.
const rippledError = (message: Record<string, unknown>, error: string, code: number, text: string) => ({
  id: message.id,
  status: 'error',
  type: 'response',
  error,
  error_code: code,
  error_message: text,
  request: message,
})

export const collect: Collect = async () => {
  const node = await startRpcWs()
  const settings = '; xrpl Client over WebSocket, timeout 250 ms, connectionTimeout 250 ms'
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, settings)
  const local = caseAdder(library, cases)
  const clients: Client[] = []
  const client = (url = node.url) => {
    const c = new Client(url, { timeout: 250, connectionTimeout: 250 })
    c.on('error', () => {})
    clients.push(c)
    return c
  }
  const accountInfo = (c: Client) =>
    c.request({ command: 'account_info', account: TREASURY, ledger_index: 'validated' })
  try {
    node.script((m) => ({ id: m.id, status: 'success', type: 'response', result: {} }))
    const xrpl = client()
    await xrpl.connect()

    node.script((m) => rippledError(m, 'actNotFound', 19, 'Account not found.'))
    add(
      'account_info for the treasury account our server is configured with: rippled answered error actNotFound',
      'the ledger refused our call (our configured account does not exist): 500',
      UPSTREAM_4XX,
      await rejectionOf(() => accountInfo(xrpl)),
    )

    node.script((m) => rippledError(m, 'slowDown', 10, 'You are placing too much load on the server.'))
    add(
      'rippled answered error slowDown "You are placing too much load on the server." (its rate limit)',
      'upstream rate limited us: dependency unavailable, 503',
      { status: 503, retryable: true },
      await rejectionOf(() => accountInfo(xrpl)),
    )

    node.script((m) => rippledError(m, 'noNetwork', 17, 'Not synced to the network.'))
    add(
      'rippled answered error noNetwork "Not synced to the network." (the node is catching up)',
      'dependency unavailable (the node cannot serve now, a retry fixes it): 503',
      { status: 503, retryable: true },
      await rejectionOf(() => accountInfo(xrpl)),
    )

    // The node still answers the client's own pings and server_info; only account_info is scripted.
    const only = (answer: 'hang' | 'reset') => (m: Record<string, unknown>) =>
      m.command === 'account_info' ? answer : { id: m.id, status: 'success', type: 'response', result: {} }
    node.script(only('hang'))
    const slow = client()
    await slow.connect()
    add(
      "the client's own 250 ms request timeout fired on account_info that the node never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => accountInfo(slow)),
    )

    node.script(only('reset'))
    const dropped = client()
    await dropped.connect()
    add(
      'the node dropped the WebSocket while our account_info request was in flight',
      'the upstream connection broke mid-exchange: 502',
      RESET,
      await rejectionOf(() => accountInfo(dropped)),
    )

    const refused = client(`ws://127.0.0.1:${await closedPort()}`)
    add(
      'connect() to a closed loopback port: connection refused',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.connect()),
    )

    local(
      'a client posted the amount "1,5" XRP (decimal comma); xrpToDrops refuses it',
      'malformed value in the client request: 400',
      { status: 400 },
      await rejectionOf(() => xrpToDrops('1,5')),
    )

    local(
      'a client posted a destination that is not an XRP Ledger address; validate() of the Payment refuses it',
      'malformed value in the client request: 400',
      { status: 400 },
      await rejectionOf(() =>
        validate({
          TransactionType: 'Payment',
          Account: TREASURY,
          Destination: 'rNotAnAddress0000',
          Amount: '1000000',
        }),
      ),
    )

    local(
      'our config holds a wallet seed that does not decode; Wallet.fromSeed throws',
      'misconfiguration of ours: 500',
      { status: 500 },
      await rejectionOf(() => Wallet.fromSeed('sNotARealSeed')),
    )
    return cases
  } finally {
    for (const c of clients) await c.disconnect().catch(() => {})
    await node.close()
  }
}

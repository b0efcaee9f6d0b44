import {
  Contract,
  FetchRequest,
  getAddress,
  JsonRpcProvider,
  Network,
  parseUnits,
  verifyMessage,
  Wallet,
} from 'ethers'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { type Answer, startRpc } from './support/chain-rpc.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_401,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort } from './support/http-upstream.js'

const library = 'ethers'

const TOKEN = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const HOLDER = '0x8ba1f109551bD432803012645Ac136ddd64DBA72'
// A throwaway key (Hardhat's first test account), for signing locally only.
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80'
const ERC20 = ['function balanceOf(address owner) view returns (uint256)']
// Error(string) "ERC20: transfer amount exceeds balance", ABI-encoded as a node returns it.
const REVERT_DATA =
  '0x08c379a0' +
  '0000000000000000000000000000000000000000000000000000000000000020' +
  '0000000000000000000000000000000000000000000000000000000000000026' +
  '45524332303a207472616e7366657220616d6f756e7420657863656564732062' +
  '616c616e63650000000000000000000000000000000000000000000000000000'

const wallet =
  (send: Answer) =>
  (method: string): Answer => {
    switch (method) {
      case 'eth_chainId':
        return { result: '0x1' }
      case 'eth_getTransactionCount':
        return { result: '0x5' }
      case 'eth_estimateGas':
        return { result: '0x5208' }
      case 'eth_gasPrice':
      case 'eth_maxPriorityFeePerGas':
        return { result: '0x3b9aca00' }
      case 'eth_blockNumber':
        return { result: '0x1234' }
      case 'eth_sendRawTransaction':
        return send
      default:
        return { result: null }
    }
  }

export const collect: Collect = async () => {
  const node = await startRpc()
  const settings =
    '; JsonRpcProvider, static network, batchMaxCount 1, FetchRequest timeout 250 ms, 1 attempt'
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, settings)
  const local = caseAdder(library, cases)
  const providers: JsonRpcProvider[] = []
  const provider = (url = node.url) => {
    const req = new FetchRequest(url)
    req.timeout = 250
    req.setThrottleParams({ maxAttempts: 1 })
    const p = new JsonRpcProvider(req, Network.from(1), { staticNetwork: true, batchMaxCount: 1 })
    providers.push(p)
    return p
  }
  const send = async (script: (method: string) => Answer) => {
    node.script(script)
    const signed = await new Wallet(KEY).signTransaction({
      to: HOLDER,
      value: 1n,
      gasLimit: 21000n,
      gasPrice: 1n,
      nonce: 5,
      type: 0,
      chainId: 1,
    })
    return rejectionOf(() => provider().broadcastTransaction(signed))
  }
  try {
    node.script(() => ({ error: { code: 3, message: 'execution reverted', data: REVERT_DATA } }))
    const token = new Contract(TOKEN, ERC20, provider())
    add(
      'eth_call of our balanceOf read reverted at the node: error 3 "execution reverted" with an Error(string) reason',
      'the node refused the call our server made (a 4xx in JSON-RPC terms): 500',
      UPSTREAM_4XX,
      await rejectionOf(() => token.getFunction('balanceOf')(HOLDER)),
    )

    add(
      'our hot wallet broadcast a signed transaction and the node answered -32000 "nonce too low"',
      'the node refused our transaction (our nonce handling): 500',
      UPSTREAM_4XX,
      await send(wallet({ error: { code: -32000, message: 'nonce too low: next nonce 6, tx nonce 5' } })),
    )

    add(
      'our hot wallet broadcast a signed transaction and the node answered -32000 ' +
        '"insufficient funds for gas * price + value"',
      'the node refused our transaction (our wallet is not funded): misconfiguration, 500',
      UPSTREAM_4XX,
      await send(wallet({ error: { code: -32000, message: 'insufficient funds for gas * price + value' } })),
    )

    node.script(() => ({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="rpc"' },
      body: { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'invalid project id' } },
    }))
    add(
      'the node provider answered HTTP 401 "invalid project id" to our API key',
      WHY.upstream401,
      UPSTREAM_401,
      await rejectionOf(() => provider().getBlockNumber()),
      401,
    )

    node.script(() => ({
      status: 429,
      headers: { 'retry-after': '7', 'content-type': 'text/plain' },
      body: 'Too Many',
    }))
    add(
      'the node provider answered HTTP 429 with Retry-After: 7; ethers escalates it to its own 599 ' +
        '"CLIENT ESCALATED SERVER ERROR" after its one attempt (the wait is lost)',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => provider().getBlockNumber()),
      429,
    )

    node.script(() => ({
      status: 500,
      headers: { 'content-type': 'text/plain' },
      body: 'upstream node crashed',
    }))
    add(
      'the node answered HTTP 500 with a text body',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => provider().getBlockNumber()),
      500,
    )

    node.script(() => ({ status: 200, body: '<html><body>Welcome to nginx!</body></html>' }))
    add(
      'the node URL answered 200 with an HTML page labelled application/json',
      'upstream answered badly (not the protocol): 502',
      { status: 502, retryable: true },
      await rejectionOf(() => provider().getBlockNumber()),
    )

    node.script(() => 'hang')
    add(
      "ethers' own 250 ms request timeout fired on a node that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => provider().getBlockNumber()),
    )

    const refused = provider(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.getBlockNumber()),
    )

    local(
      'a client posted a recipient address with a wrong checksum; getAddress refuses it',
      'malformed value in the client request: 400',
      { status: 400 },
      await rejectionOf(() => getAddress('0x8ba1f109551bD432803012645Ac136ddd64DBA73')),
    )

    local(
      'a client posted the amount "1.0000001" for a 6-decimal token; parseUnits refuses the extra digit',
      'malformed value in the client request (too many decimals): 400',
      { status: 400 },
      await rejectionOf(() => parseUnits('1.0000001', 6)),
    )

    local(
      'a client posted a sign-in signature of 2 bytes; verifyMessage refuses it',
      'malformed value in the client request: 400',
      { status: 400 },
      await rejectionOf(() => verifyMessage('sign in to example.com', '0x1234')),
    )
    return cases
  } finally {
    for (const p of providers) p.destroy()
    await node.close()
  }
}

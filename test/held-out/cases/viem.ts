import {
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  parseAbi,
  parseEther,
  verifyMessage,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { mainnet } from 'viem/chains'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { type Answer, startRpc } from './support/chain-rpc.js'
import {
  REFUSED,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_429,
  UPSTREAM_429_BARE,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort } from './support/http-upstream.js'

const library = 'viem'

const TOKEN = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const HOLDER = '0x8ba1f109551bD432803012645Ac136ddd64DBA72'
// A throwaway key (Hardhat's first test account), for signing locally only.
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcaf784d7bf4f2ff80'
const ERC20 = parseAbi([
  'function balanceOf(address owner) view returns (uint256)',
  'function transfer(address to, uint256 amount) returns (bool)',
])
// Error(string) "ERC20: transfer amount exceeds balance", ABI-encoded as a node returns it.
const REVERT_DATA =
  '0x08c379a0' +
  '0000000000000000000000000000000000000000000000000000000000000020' +
  '0000000000000000000000000000000000000000000000000000000000000026' +
  '45524332303a207472616e7366657220616d6f756e7420657863656564732062' +
  '616c616e63650000000000000000000000000000000000000000000000000000'

// A node that answers the calls a local-account transaction needs, then `send` for the broadcast.
const wallet =
  (send: Answer) =>
  (method: string): Answer => {
    switch (method) {
      case 'eth_chainId':
        return { result: '0x1' }
      case 'eth_getTransactionCount':
        return { result: '0x5' }
      case 'eth_estimateGas':
        return { result: '0xfde8' }
      case 'eth_gasPrice':
      case 'eth_maxPriorityFeePerGas':
        return { result: '0x3b9aca00' }
      case 'eth_sendRawTransaction':
        return send
      default:
        return { result: null }
    }
  }

export const collect: Collect = async () => {
  const node = await startRpc()
  const settings = '; http transport, retryCount 0, timeout 250 ms'
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, settings)
  const local = caseAdder(library, cases)
  const client = (url = node.url) =>
    createPublicClient({ chain: mainnet, transport: http(url, { retryCount: 0, timeout: 250 }) })
  const pub = client()
  const signer = createWalletClient({
    account: privateKeyToAccount(KEY),
    chain: mainnet,
    transport: http(node.url, { retryCount: 0, timeout: 250 }),
  })
  const transfer = () =>
    signer.writeContract({
      address: TOKEN,
      abi: ERC20,
      functionName: 'transfer',
      args: [HOLDER, 10n],
      gasPrice: 1n,
    })
  try {
    node.script(() => ({ error: { code: 3, message: 'execution reverted', data: REVERT_DATA } }))
    add(
      'eth_call of our balanceOf read reverted at the node: error 3 "execution reverted" with an Error(string) reason',
      'the node refused the call our server made (a 4xx in JSON-RPC terms): 500',
      UPSTREAM_4XX,
      await rejectionOf(() =>
        pub.readContract({ address: TOKEN, abi: ERC20, functionName: 'balanceOf', args: [HOLDER] }),
      ),
    )

    node.script(wallet({ error: { code: -32000, message: 'nonce too low: next nonce 6, tx nonce 5' } }))
    add(
      'our hot wallet broadcast a transfer and the node answered -32000 "nonce too low"',
      'the node refused our transaction (our nonce handling): 500',
      UPSTREAM_4XX,
      await rejectionOf(transfer),
    )

    node.script(
      wallet({
        error: {
          code: -32000,
          message:
            'insufficient funds for gas * price + value: balance 0, tx cost 64800000000000, overshot 64800000000000',
        },
      }),
    )
    add(
      'our hot wallet broadcast a transfer and the node answered -32000 "insufficient funds for gas * price + value"',
      'the node refused our transaction (our wallet is not funded): misconfiguration, 500',
      UPSTREAM_4XX,
      await rejectionOf(transfer),
    )

    node.script(() => ({
      status: 429,
      headers: { 'retry-after': '7' },
      body: {
        jsonrpc: '2.0',
        id: 1,
        error: { code: -32005, message: 'limit exceeded: 25 requests per second' },
      },
    }))
    add(
      'the node provider answered HTTP 429 with Retry-After: 7 and a JSON-RPC body -32005 "limit exceeded"; ' +
        'the error is the parsed -32005 (status and header lost)',
      `${WHY.upstream429}; the value is lost in the error`,
      UPSTREAM_429_BARE,
      await rejectionOf(() => pub.getBlockNumber()),
      429,
    )

    node.script(() => ({
      status: 429,
      headers: { 'retry-after': '7', 'content-type': 'text/plain' },
      body: 'Too Many Requests',
    }))
    add(
      'the node provider answered HTTP 429 with Retry-After: 7 and a text body; ' +
        'the error keeps the status and the headers',
      WHY.upstream429,
      UPSTREAM_429,
      await rejectionOf(() => pub.getBlockNumber()),
      429,
    )

    node.script(() => ({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
    }))
    add(
      "the node provider's load balancer answered 502 with its HTML page",
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => pub.getBlockNumber()),
      502,
    )

    node.script(() => 'hang')
    add(
      "viem's own 250 ms timeout fired on a node that never answers",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => pub.getBlockNumber()),
    )

    const refused = client(`http://127.0.0.1:${await closedPort()}`)
    add(
      'connection refused by a closed loopback port',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => refused.getBlockNumber()),
    )

    const fromClient = '0x8ba1f109551bd432803012645ac136ddd64dba7' // one hex digit short, as a client posted it
    local(
      'a client posted a wallet address one hex digit short; getAddress refuses it',
      'malformed value in the client request: 400',
      { status: 400 },
      await rejectionOf(() => getAddress(fromClient)),
    )

    local(
      'a client posted a sign-in signature of 2 bytes; verifyMessage throws a plain Error "invalid signature length"',
      'malformed value in the client request: 400',
      { status: 400 },
      await rejectionOf(() =>
        verifyMessage({ address: HOLDER, message: 'sign in to example.com', signature: '0x1234' }),
      ),
    )

    local(
      'a client posted the amount "12,5" (decimal comma); parseEther refuses it',
      'malformed value in the client request: 400',
      { status: 400 },
      await rejectionOf(() => parseEther('12,5')),
    )

    const typo: readonly string[] = ['function transfer(address to, uint256 amount returns (bool)']
    local(
      'our ABI constant has a typo (a missing parenthesis); parseAbi throws when the module builds it',
      'our own bug (a bad ABI): 500',
      { status: 500 },
      await rejectionOf(() => parseAbi(typo)),
    )
    return cases
  } finally {
    await node.close()
  }
}

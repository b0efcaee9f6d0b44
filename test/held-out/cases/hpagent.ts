import { createServer, type IncomingMessage, request } from 'node:http'
import { type AddressInfo, connect, type Socket } from 'node:net'
import { HttpProxyAgent } from 'hpagent'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { DNS_FAILURE, INVALID_HOST, WHY_DNS } from './support/dns.js'
import {
  REFUSED,
  RESET,
  TIMED_OUT,
  UPSTREAM_4XX,
  UPSTREAM_5XX,
  UPSTREAM_503_BARE,
  UPSTREAM_504,
  WHY,
} from './support/http-expect.js'
import { caseAdder } from './support/http-matrix.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'hpagent'

type ConnectReply = number | 'hang' | 'reset' | 'tunnel'

/** A forward proxy on 127.0.0.1 that answers CONNECT as scripted (or opens the tunnel to `target`). */
async function startProxy(target: number) {
  let next: ConnectReply = 'tunnel'
  const sockets = new Set<Socket>()
  const server = createServer((_req, res) => res.writeHead(405).end())
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => {})
    if (next === 'hang') return
    if (next === 'reset') return void socket.resetAndDestroy()
    if (next === 'tunnel') {
      const out = connect(target, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        out.pipe(socket)
        socket.pipe(out)
      })
      out.on('error', () => socket.destroy())
      sockets.add(out)
      out.on('close', () => sockets.delete(out))
      return
    }
    const reasons: Record<number, string> = {
      407: 'Proxy Authentication Required',
      502: 'Bad Gateway',
      503: 'Service Unavailable',
      504: 'Gateway Timeout',
    }
    const extra = next === 407 ? 'Proxy-Authenticate: Basic realm="corp-proxy"\r\n' : ''
    socket.end(`HTTP/1.1 ${next} ${reasons[next] ?? 'Error'}\r\n${extra}Content-Length: 0\r\n\r\n`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reply(r: ConnectReply) {
      next = r
    },
    close() {
      for (const s of sockets) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A GET of `url` with node:http through `agent`, resolving with the body. */
function get(url: string, agent: HttpProxyAgent, timeout?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, ...(timeout === undefined ? {} : { timeout }) }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve(Buffer.concat(chunks).toString()))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

export const collect: Collect = async () => {
  const up = await startUpstream({ status: 200, body: { ok: true } })
  const proxy = await startProxy(up.port)
  const closed = await closedPort()
  const agentFor = (proxyUrl: string) => new HttpProxyAgent({ proxy: proxyUrl, keepAlive: false })
  const agent = agentFor(proxy.url)
  const target = `${up.url}/v1/exchange-rates`
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases, '; node:http GET through hpagent HttpProxyAgent (CONNECT tunnel)')
  try {
    // The tunnel works: the scripted proxy and upstream are sound.
    await get(target, agent)

    proxy.reply(407)
    add(
      'the corporate forward proxy answered CONNECT with 407 Proxy Authentication Required (our ' +
        "proxy credentials are missing); hpagent's bare Error 'Bad response: 407'",
      'the proxy said 4xx to our server: our misconfiguration, 500',
      UPSTREAM_4XX,
      await rejectionOf(() => get(target, agent)),
      407,
    )

    proxy.reply(502)
    add(
      'the forward proxy cannot reach the target and answered CONNECT with 502 Bad Gateway',
      WHY.upstream5xx,
      UPSTREAM_5XX,
      await rejectionOf(() => get(target, agent)),
      502,
    )

    proxy.reply(503)
    add(
      'the forward proxy answered CONNECT with 503 Service Unavailable (no Retry-After)',
      WHY.upstream503,
      UPSTREAM_503_BARE,
      await rejectionOf(() => get(target, agent)),
      503,
    )

    proxy.reply(504)
    add(
      'the forward proxy timed out reaching the target and answered CONNECT with 504 Gateway Timeout',
      WHY.upstream504,
      UPSTREAM_504,
      await rejectionOf(() => get(target, agent)),
      504,
    )

    proxy.reply('hang')
    add(
      "the forward proxy accepted the CONNECT and never answered; hpagent's own 250 ms timeout ('Proxy timeout')",
      WHY.timeout,
      TIMED_OUT,
      await rejectionOf(() => get(target, agent, 250)),
    )

    proxy.reply('reset')
    add(
      'the forward proxy reset the connection (TCP RST) on the CONNECT request',
      WHY.reset,
      RESET,
      await rejectionOf(() => get(target, agent)),
    )

    add(
      'the forward proxy port refuses connections',
      WHY.refused,
      REFUSED,
      await rejectionOf(() => get(target, agentFor(`http://127.0.0.1:${closed}`))),
    )

    add(
      `DNS lookup of the forward proxy host ${INVALID_HOST} failed (getaddrinfo ENOTFOUND)`,
      WHY_DNS,
      DNS_FAILURE,
      await rejectionOf(() => get(target, agentFor(`http://${INVALID_HOST}:3128`))),
    )
    return cases
  } finally {
    agent.destroy()
    await proxy.close()
    await up.close()
  }
}

// http-proxy-3: an Express gateway that proxies /api/* to an upstream on 127.0.0.1, through both of
// the library's paths (node:http, and `fetch` when the option is given). The proxy's callback hands
// the error to `next(err)`; the errors a client that went away causes arrive on `econnreset`.
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, request } from 'node:http'
import { connect, type Socket } from 'node:net'
import express, { type NextFunction } from 'express'
import { createProxyServer, type ServerOptions } from 'http-proxy-3'
import type { HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'
import { closedPort, startUpstream } from './support/http-upstream.js'

const library = 'http-proxy-3'

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const upstream = await startUpstream({ status: 200, body: { ok: true } })
  const refused = await closedPort()
  const tlsUpstream = await startUpstream(
    { status: 200, body: {} },
    {
      key: await readFile(new URL('./support/loopback-key.pem', import.meta.url)),
      cert: await readFile(new URL('./support/loopback-cert.pem', import.meta.url)),
    },
  )

  const proxy = createProxyServer({})
  const nexts = new WeakMap<IncomingMessage, NextFunction>()
  // Errors the proxy emits itself (no callback): handed to the request's `next`.
  proxy.on('error', (error, req) => {
    const next = nexts.get(req as IncomingMessage)
    if (next) next(error)
  })
  const resets: unknown[] = []
  let resetSeen: (() => void) | undefined
  proxy.on('econnreset', (error) => {
    resets.push(error)
    resetSeen?.()
  })

  let options: ServerOptions = {}
  const app = express()
  app.use('/api', (req, res, next) => {
    nexts.set(req, next)
    proxy.web(req, res, options, (error: Error) => next(error))
  })
  const server = await serveErrors(app)

  const viaProxy = async (opts: ServerOptions, init?: RequestInit): Promise<unknown> => {
    options = opts
    return server.rejection('/api/orders/42', init)
  }

  for (const [path, extra, shapes] of [
    [
      'node:http',
      {},
      [
        'Error ECONNREFUSED',
        'Error "read ECONNRESET"',
        'Error HPE_INVALID_CONSTANT',
        'Error "socket hang up" ECONNRESET (proxyReq destroyed)',
      ],
    ],
    [
      'fetch',
      { fetch },
      [
        'TypeError "fetch failed", code ECONNREFUSED copied from its cause',
        'TypeError "fetch failed", cause "read ECONNRESET"',
        'TypeError "fetch failed", cause HTTPParserError HPE_INVALID_CONSTANT',
        'DOMException TimeoutError',
      ],
    ],
  ] as const) {
    cases.push({
      library,
      what: `${path} path: the upstream's port refuses the connection: ${shapes[0]}`,
      why: 'upstream behind the proxy unreachable: dependency unavailable, 503',
      expect: { status: 503, retryable: true },
      error: await viaProxy({ target: `http://127.0.0.1:${refused}`, ...extra }),
    })

    upstream.reply('reset')
    cases.push({
      library,
      what: `${path} path: the upstream resets the connection after reading the request: ${shapes[1]}`,
      why: 'reset from an HTTP upstream: upstream answered badly, 502',
      expect: { status: 502, retryable: true },
      error: await viaProxy({ target: upstream.url, ...extra }),
    })

    upstream.reply('garbage')
    cases.push({
      library,
      what: `${path} path: the upstream answers bytes that are not HTTP: ${shapes[2]}`,
      why: 'garbage from an HTTP upstream: upstream answered badly, 502',
      expect: { status: 502, retryable: true },
      error: await viaProxy({ target: upstream.url, ...extra }),
    })

    upstream.reply('hang')
    cases.push({
      library,
      what: `${path} path: the upstream never answers and proxyTimeout (150 ms) fires: ${shapes[3]}`,
      why: 'dependency too slow: the proxy gave up waiting for the upstream, 504',
      expect: { status: 504, retryable: true },
      error: await viaProxy({ target: upstream.url, proxyTimeout: 150, ...extra }),
    })

    upstream.reply({ status: 200, body: {} })
  }

  cases.push({
    library,
    what: 'HTTPS upstream with a self-signed certificate our proxy does not trust (secure: true): "self-signed certificate" DEPTH_ZERO_SELF_SIGNED_CERT',
    why: 'ambiguous: TLS handshake failure to the upstream; taken as upstream answered badly, 502 (as gateways do)',
    expect: { status: 502, retryable: true },
    error: await viaProxy({ target: tlsUpstream.url, secure: true }),
  })

  cases.push({
    library,
    what: 'the route calls proxy.web without target or forward: emits Error "Must set target or forward"',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: await viaProxy({}),
  })

  // The client goes away mid-upload: the incoming request errors with ECONNRESET "aborted".
  upstream.reply('hang')
  options = { target: upstream.url }
  const seen = new Promise<void>((resolve) => {
    resetSeen = resolve
  })
  const port = Number(new URL(server.base).port)
  const socket = connect(port, '127.0.0.1')
  socket.on('error', () => {})
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  socket.write(
    'POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n',
  )
  socket.write(Buffer.alloc(1000, 1))
  await new Promise((resolve) => setTimeout(resolve, 100))
  socket.destroy()
  await seen
  cases.push({
    library,
    what: 'the client closes its connection mid-upload while the proxy streams the body upstream: econnreset event with Error "aborted" ECONNRESET',
    why: 'client went away: 499',
    expect: { status: 499 },
    error: resets[0],
  })

  // WebSocket upgrades: the gateway's `upgrade` listener proxies them with proxy.ws and keeps the
  // error its callback receives (there is no Express error handler on that path).
  const wsErrors: unknown[] = []
  let wsSeen: (() => void) | undefined
  let wsTarget = ''
  const gateway = createServer((_req, res) => res.end())
  gateway.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => {})
    proxy.ws(req, socket, head, { target: wsTarget }, (error: Error) => {
      wsErrors.push(error)
      socket.destroy()
      wsSeen?.()
    })
  })
  gateway.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => gateway.once('listening', () => resolve()))
  const gatewayPort = (gateway.address() as { port: number }).port
  const upgradeError = async (target: string): Promise<unknown> => {
    wsTarget = target
    const before = wsErrors.length
    const recorded = new Promise<void>((resolve) => {
      wsSeen = resolve
    })
    const req = request({
      host: '127.0.0.1',
      port: gatewayPort,
      path: '/live/prices',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    })
    req.on('error', () => {})
    req.on('upgrade', (_res, socket) => socket.destroy())
    req.end()
    await recorded
    return wsErrors[before]
  }
  cases.push({
    library,
    what: 'WebSocket upgrade proxied with proxy.ws to an upstream whose port refuses: Error ECONNREFUSED',
    why: 'upstream behind the proxy unreachable: dependency unavailable, 503',
    expect: { status: 503, retryable: true },
    error: await upgradeError(`http://127.0.0.1:${refused}`),
  })
  upstream.reply('reset')
  cases.push({
    library,
    what: 'WebSocket upgrade proxied with proxy.ws to an upstream that resets the connection: Error "read ECONNRESET"',
    why: 'reset from an HTTP upstream: upstream answered badly, 502',
    expect: { status: 502, retryable: true },
    error: await upgradeError(upstream.url),
  })

  gateway.closeAllConnections()
  await new Promise<void>((resolve) => gateway.close(() => resolve()))
  proxy.close()
  await server.close()
  await upstream.close()
  await tlsUpstream.close()
  return cases
}

import { readFile } from 'node:fs/promises'
import { createServer, get as httpGet, type Server } from 'node:http'
import { get as httpsGet } from 'node:https'
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { Agent, fetch as undiciFetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'
import { closedPort as findClosedPort, listen } from '../support/loopback.js'

// Loopback upstreams: an HTTP server (/hang never answers, /cut drops the connection mid-body,
// /drop drops it before any answer, /redirect answers 302), a TCP server that answers garbage,
// and a port nothing listens on.
let server: Server
let garbage: NetServer
let base = ''
let garbageUrl = ''
let closedPort = 0
const sockets = new Set<Socket>()

function track(socket: Socket): void {
  sockets.add(socket)
  socket.on('close', () => sockets.delete(socket))
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return
    if (req.url === '/drop') return void req.socket.destroy()
    if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': '100' })
      res.write('partial')
      setTimeout(() => req.socket.destroy(), 10)
      return
    }
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/elsewhere' })
      return void res.end()
    }
    res.end('ok')
  })
  server.on('connection', track)
  base = `http://127.0.0.1:${await listen(server)}`
  garbage = createNetServer((socket) => {
    track(socket)
    socket.end('garbage\r\n\r\n')
  })
  garbageUrl = `http://127.0.0.1:${await listen(garbage)}/`
  closedPort = await findClosedPort()
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await Promise.all([
    new Promise((resolve) => server.close(resolve)),
    new Promise((resolve) => garbage.close(resolve)),
  ])
})

async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

describe('fetch failures', () => {
  it('answers a refused connection with 503 (the cause of "fetch failed" decides)', async () => {
    const error = await rejection(fetch(`http://127.0.0.1:${closedPort}/`))
    expect(error).toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' },
    })
    expect(classify(error)).toMatchObject({ status: 503, retryable: true, rule: 'node-system:ECONNREFUSED' })
  })

  it('answers a refused connection to a name with several addresses with 503 too', async () => {
    // `localhost` may resolve to ::1 and 127.0.0.1: Happy Eyeballs then fails with an AggregateError.
    const c = classify(await rejection(fetch(`http://localhost:${closedPort}/`)))
    expect(c).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
  })

  it('answers AbortSignal.timeout with 504', async () => {
    const error = await rejection(fetch(`${base}/hang`, { signal: AbortSignal.timeout(50) }))
    expect(error).toMatchObject({ name: 'TimeoutError' })
    expect(classify(error)).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT', rule: 'fetch:timeout' })
  })

  it('answers controller.abort() with 499', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 30)
    const error = await rejection(fetch(`${base}/hang`, { signal: controller.signal }))
    expect(error).toMatchObject({ name: 'AbortError' })
    expect(classify(error)).toMatchObject({ status: 499, code: 'CLIENT_CLOSED_REQUEST', retryable: false })
  })

  it("answers an abort that a timer's callback made, or that says it timed out, with 504", async () => {
    // A client's own timeout: the controller's reason, made when the timer fired.
    const timed = await new Promise<unknown>((resolve) =>
      setTimeout(() => {
        const controller = new AbortController()
        controller.abort()
        resolve(controller.signal.reason)
      }, 1),
    )
    expect(timed).toMatchObject({ name: 'AbortError' })
    expect(classify(timed)).toMatchObject({ status: 504, rule: 'fetch:timeout' })
    const said = new DOMException('Request timed out after 250ms', 'AbortError')
    expect(classify(said)).toMatchObject({ status: 504, rule: 'fetch:timeout' })
    // Aborted on the request's own path (a client that went away): 499.
    const controller = new AbortController()
    controller.abort()
    expect(classify(controller.signal.reason)).toMatchObject({ status: 499, rule: 'fetch:abort' })
  })

  it('answers a port that fetch refuses to use ("bad port") with 500: our config', async () => {
    const error = await rejection(fetch('http://127.0.0.1:1/'))
    expect(error).toMatchObject({ message: 'fetch failed', cause: { message: 'bad port' } })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'fetch:request' })
  })

  it('answers an unknown scheme with 500', async () => {
    expect(classify(await rejection(fetch('ftp://127.0.0.1/')))).toMatchObject({
      status: 500,
      rule: 'fetch:request',
    })
  })

  it('answers a redirect refused by redirect: "error" with 502', async () => {
    const c = classify(await rejection(fetch(`${base}/redirect`, { redirect: 'error' })))
    expect(c).toMatchObject({ status: 502, rule: 'fetch:redirect' })
  })

  it('answers a connection dropped before the answer with 502 (UND_ERR_SOCKET)', async () => {
    const error = await rejection(fetch(`${base}/drop`))
    expect(error).toMatchObject({ cause: { code: 'UND_ERR_SOCKET' } })
    expect(classify(error)).toMatchObject({ status: 502, rule: 'fetch:undici:UND_ERR_SOCKET' })
  })

  it('answers a body cut mid-stream ("terminated") with 502', async () => {
    const response = await fetch(`${base}/cut`)
    const error = await rejection(response.text())
    expect(error).toMatchObject({ name: 'TypeError', message: 'terminated' })
    expect(classify(error)).toMatchObject({
      status: 502,
      code: 'BAD_GATEWAY',
      rule: 'fetch:undici:UND_ERR_SOCKET',
    })
  })

  it('answers an upstream that speaks no HTTP with a retryable 502', async () => {
    const c = classify(await rejection(fetch(garbageUrl)))
    expect(c).toMatchObject({ status: 502, retryable: true, rule: 'fetch:undici:HTTPParserError' })
  })
})

describe('undici timeouts', () => {
  it('answers a connect timeout with 504', async () => {
    // A lookup that never answers holds the socket in "connecting" until undici's connect timeout.
    const agent = new Agent({ connect: { timeout: 50, lookup: () => undefined } })
    const port = new URL(base).port
    const error = await rejection(undiciFetch(`http://upstream.test:${port}/`, { dispatcher: agent }))
    await agent.destroy()
    expect(error).toMatchObject({ message: 'fetch failed', cause: { code: 'UND_ERR_CONNECT_TIMEOUT' } })
    expect(classify(error)).toMatchObject({ status: 504, rule: 'fetch:undici:UND_ERR_CONNECT_TIMEOUT' })
  })

  it('answers a headers timeout with 504', async () => {
    const agent = new Agent({ headersTimeout: 50 })
    const error = await rejection(undiciFetch(`${base}/hang`, { dispatcher: agent }))
    await agent.destroy()
    expect(classify(error)).toMatchObject({ status: 504, rule: 'fetch:undici:UND_ERR_HEADERS_TIMEOUT' })
  })
})

describe('node-system', () => {
  it('answers Node’s AbortError whose cause is a timeout with 504', async () => {
    const error = await rejection(delay(1000, undefined, { signal: AbortSignal.timeout(20) }))
    expect(error).toMatchObject({ code: 'ABORT_ERR', cause: { name: 'TimeoutError' } })
    expect(classify(error)).toMatchObject({ status: 504, rule: 'fetch:timeout' })
  })

  it('answers "socket hang up" (ECONNRESET) from http.get with 502', async () => {
    const error = await rejection(
      new Promise((resolve, reject) => httpGet(`${base}/drop`, resolve).on('error', reject)),
    )
    expect(error).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' })
    expect(classify(error)).toMatchObject({ status: 502, rule: 'node-system:ECONNRESET' })
  })

  it('answers invalid HTTP from an upstream (HPE_*) with a retryable 502', async () => {
    const error = await rejection(
      new Promise((resolve, reject) => httpGet(garbageUrl, resolve).on('error', reject)),
    )
    expect(error).toMatchObject({ code: 'HPE_INVALID_CONSTANT' })
    expect(classify(error)).toMatchObject({ status: 502, retryable: true, rule: 'node-system:HPE' })
  })

  it('answers TLS spoken to a plain-HTTP upstream (EPROTO) with a non-retryable 502', async () => {
    const error = await rejection(
      new Promise((resolve, reject) =>
        httpsGet(base.replace('http:', 'https:'), resolve).on('error', reject),
      ),
    )
    expect(error).toMatchObject({ code: 'EPROTO' })
    expect(classify(error)).toMatchObject({ status: 502, retryable: false })
  })

  it('answers a missing file of our own (ENOENT) with 500, never 404', async () => {
    const error = await rejection(readFile('/nonexistent/http-triage/config.json'))
    expect(classify(error)).toMatchObject({ status: 500, rule: 'node-system:ENOENT' })
  })

  it('answers a port already in use (EADDRINUSE) with 500', async () => {
    const second = createServer()
    const port = Number(new URL(base).port)
    const error = await rejection(
      new Promise((resolve, reject) => {
        second.once('error', reject)
        second.listen(port, '127.0.0.1', () => resolve(undefined))
      }),
    )
    expect(classify(error)).toMatchObject({ status: 500, rule: 'node-system:EADDRINUSE' })
  })

  it('answers DNS failures: NXDOMAIN 502, EAI_AGAIN 503, both retryable', () => {
    // Lookalikes: no DNS here. nodejs/node lib/internal/errors.js `DNSException` (getaddrinfo).
    const dns = (code: string) =>
      Object.assign(new Error(`getaddrinfo ${code} api.example.test`), {
        errno: code === 'ENOTFOUND' ? -3008 : -3001,
        code,
        syscall: 'getaddrinfo',
        hostname: 'api.example.test',
      })
    expect(classify(dns('ENOTFOUND'))).toMatchObject({ status: 502, retryable: true })
    expect(classify(dns('EAI_AGAIN'))).toMatchObject({ status: 503, retryable: true })
  })
})

describe('workerd', () => {
  // Shape observed from workerd 1.20260730 (miniflare 4) for a fetch to a closed loopback port:
  // a plain Error with own `retryable: true` and `remote: true`; the runtime matrix checks it live.
  it('a lost network connection is 503', () => {
    const error = Object.assign(new Error('Network connection lost.'), { retryable: true, remote: true })
    expect(classify(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', rule: 'fetch:workerd' })
    // Without workerd's flags the message alone still says the connection dropped: a weak 502.
    expect(classify(new Error('Network connection lost.'))).toMatchObject({
      status: 502,
      rule: 'transient:reset',
    })
  })
})

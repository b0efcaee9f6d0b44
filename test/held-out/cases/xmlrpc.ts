// xmlrpc (an XML-RPC client over HTTP) against xmlrpc's own server on 127.0.0.1 answering faults,
// a plain node:http server standing in for a proxy in front of it (HTTP error pages, garbage, a
// reset) and a closed port: a server that books shipments through a carrier's XML-RPC API.
import { once } from 'node:events'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort } from './support/local.js'

const require = createRequire(import.meta.url)
const xmlrpc: any = require('xmlrpc')

const library = 'xmlrpc'

const call = (client: any, method: string, params: unknown[]) =>
  new Promise((resolve, reject) =>
    client.methodCall(method, params, (err: unknown, value: unknown) => (err ? reject(err) : resolve(value))),
  )

const fault = (faultCode: number, faultString: string) =>
  Object.assign(new Error(faultString), { faultCode, faultString })

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const add = (c: Omit<HeldOutCase, 'library'>) => cases.push({ library, ...c })

  const carrier = xmlrpc.createServer({ host: '127.0.0.1', port: 0 })
  await once(carrier.httpServer, 'listening')
  const port = carrier.httpServer.address().port
  carrier.on(
    'shipment.create',
    (_err: unknown, params: unknown[], callback: (e: unknown, v?: unknown) => void) => {
      const [key] = params as [string]
      if (key !== 'live-key') return callback(fault(2, 'Invalid API key'))
      callback(fault(503, 'Rating engine overloaded, retry later'))
    },
  )
  const client = xmlrpc.createClient({ host: '127.0.0.1', port, path: '/RPC2' })
  try {
    add({
      what: 'carrier answered a fault to shipment.create with our stale key: Error "XML-RPC fault: Invalid API key", code/faultCode 2',
      why: 'dependency rejects our credentials: misconfiguration',
      expect: { status: 500 },
      error: await rejectionOf(() => call(client, 'shipment.create', ['stale-key', { weight: 2 }])),
    })
    add({
      what: 'carrier answered fault 503 "Rating engine overloaded, retry later" to shipment.create: Error "XML-RPC fault: Rating engine overloaded, retry later", faultCode 503',
      why: 'dependency overloaded (its fault says so): unavailable, retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => call(client, 'shipment.create', ['live-key', { weight: 2 }])),
    })
    add({
      what: 'our code called a method the carrier does not have (shipment.crate): the xmlrpc server answered HTTP 404, Error "Not Found" with res.statusCode 404',
      why: 'upstream said 4xx to us (our own bug: a misspelt method) → 500',
      upstreamStatus: 404,
      expect: { status: 500 },
      error: await rejectionOf(() => call(client, 'shipment.crate', ['live-key'])),
    })
  } finally {
    await new Promise<void>((resolve) => carrier.close(() => resolve()))
  }

  const proxy = createServer((req, res) => {
    req.resume()
    const page = (status: number, title: string) => {
      res.writeHead(status, { 'content-type': 'text/html' })
      res.end(`<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`)
    }
    if (req.url === '/busy') return page(503, '503 Service Unavailable')
    if (req.url === '/auth') return page(401, '401 Authorization Required')
    if (req.url === '/bad-gateway') return page(502, '502 Bad Gateway')
    if (req.url === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      return res.end('OK')
    }
    if (req.url === '/reset') return req.socket.destroy()
    page(404, '404 Not Found')
  })
  proxy.listen(0, '127.0.0.1')
  await once(proxy, 'listening')
  const proxyPort = (proxy.address() as { port: number }).port
  const via = (path: string) => xmlrpc.createClient({ host: '127.0.0.1', port: proxyPort, path })
  try {
    add({
      what: 'the proxy in front of the carrier answered 503 with an HTML page: Error "Unknown XML-RPC tag \'TITLE\'" with res.statusCode 503',
      why: 'upstream 503: dependency unavailable, retryable',
      upstreamStatus: 503,
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => call(via('/busy'), 'shipment.create', ['live-key'])),
    })
    add({
      what: 'the carrier endpoint answered 401 with an HTML page (our basic-auth is wrong): Error "Unknown XML-RPC tag \'TITLE\'" with res.statusCode 401',
      why: 'upstream said 4xx to us (our credentials): 500, never passed through',
      upstreamStatus: 401,
      expect: { status: 500 },
      error: await rejectionOf(() => call(via('/auth'), 'shipment.create', ['live-key'])),
    })
    add({
      what: 'our configured endpoint path is wrong, the host answered 404: Error "Not Found" with res.statusCode 404',
      why: 'upstream said 4xx to us (our misconfiguration): 500',
      upstreamStatus: 404,
      expect: { status: 500 },
      error: await rejectionOf(() => call(via('/RPC3'), 'shipment.create', ['live-key'])),
    })
    add({
      what: 'the proxy answered 502 Bad Gateway with an HTML page: Error "Unknown XML-RPC tag \'TITLE\'" with res.statusCode 502',
      why: 'upstream 5xx: answered badly',
      upstreamStatus: 502,
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => call(via('/bad-gateway'), 'shipment.create', ['live-key'])),
    })
    add({
      what: 'the carrier answered 200 with the text "OK" instead of an XML-RPC response: Error "Invalid XML-RPC message" with res.statusCode 200',
      why: 'dependency broke its protocol: answered badly',
      upstreamStatus: 200,
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => call(via('/text'), 'shipment.create', ['live-key'])),
    })
    add({
      what: 'the carrier closed the connection without answering: Error "socket hang up", code ECONNRESET',
      why: 'reset by an HTTP upstream: answered badly',
      expect: { status: 502, retryable: true },
      error: await rejectionOf(() => call(via('/reset'), 'shipment.create', ['live-key'])),
    })
  } finally {
    proxy.closeAllConnections()
    await new Promise<void>((resolve) => proxy.close(() => resolve()))
  }

  const closed = await closedPort()
  add({
    what: 'carrier port closed: the call failed with ECONNREFUSED',
    why: 'dependency unreachable: unavailable, retryable',
    expect: { status: 503, retryable: true },
    error: await rejectionOf(() =>
      call(xmlrpc.createClient({ host: '127.0.0.1', port: closed, path: '/RPC2' }), 'shipment.create', []),
    ),
  })
  add({
    what: 'our code read a session cookie from a client created without { cookies: true }: it threw the string "Cookies support is not turned on for this client instance"',
    why: 'our own bug: everything else',
    expect: { status: 500 },
    error: await rejectionOf(() =>
      xmlrpc.createClient({ host: '127.0.0.1', port: closed }).getCookie('session'),
    ),
  })
  return cases
}

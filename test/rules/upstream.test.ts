import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import axios from 'axios'
import { request as gaxiosRequest } from 'gaxios'
import got from 'got'
import ky from 'ky'
import { Agent, interceptors, request as undiciRequest } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'
import { closedPort as findClosedPort } from '../support/loopback.js'

// A loopback upstream: /status/<n> answers n (429 and 503 with `Retry-After: 7`), /retry-date
// answers 429 with an HTTP-date two minutes ahead, /garbage answers 200 with a body that is not
// JSON, /hang never answers, /cut sends half a body and drops the connection.
let server: Server
let base = ''
let closedPort = 0
const sockets = new Set<Socket>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    if (path === '/hang') return
    if (path === '/cut') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"partial":')
      setTimeout(() => req.socket.destroy(), 10)
      return
    }
    if (path === '/garbage') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('<html>oops')
      return
    }
    if (path === '/retry-date') {
      res.writeHead(429, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() })
      res.end()
      return
    }
    const status = Number(/^\/status\/(\d{3})$/.exec(path)?.[1] ?? 200)
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (status === 429 || status === 503) headers['retry-after'] = '7'
    res.writeHead(status, headers)
    res.end(JSON.stringify({ error: { message: 'upstream secret: db-7 is down' } }))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  base = `http://127.0.0.1:${address.port}`
  closedPort = await findClosedPort()
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise((resolve) => server.close(resolve))
})

/** The value a call rejects with; fails the test if it resolves. */
async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call
  } catch (error) {
    return error
  }
  throw new Error('expected the upstream call to fail')
}

function abortSoon(ms = 50): AbortSignal {
  const controller = new AbortController()
  setTimeout(() => controller.abort(), ms)
  return controller.signal
}

describe('axios', () => {
  it('never passes an upstream 401 through: our credentials are wrong, 500', async () => {
    const error = await rejection(axios.get(`${base}/status/401`))
    expect(error).toMatchObject({ status: 401 }) // what a generic `err.status` reader would send
    const c = classify(error)
    expect(c).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR', rule: 'upstream:axios:4xx' })
    expect(c.message).not.toContain('secret')
  })

  it('answers an upstream 404 with 500, not 404', async () => {
    const c = classify(await rejection(axios.get(`${base}/status/404`)))
    expect(c).toMatchObject({ status: 500, retryable: false })
  })

  it('answers an upstream 408 with 504', async () => {
    const c = classify(await rejection(axios.get(`${base}/status/408`)))
    expect(c).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT', rule: 'upstream:axios:408' })
  })

  it('answers an upstream 429 with 503 and its Retry-After in seconds', async () => {
    const c = classify(await rejection(axios.get(`${base}/status/429`)))
    expect(c).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryable: true, retryAfter: 7 })
    expect(c.headers['retry-after']).toBe('7')
  })

  it('turns a Retry-After HTTP-date into seconds', async () => {
    const c = classify(await rejection(axios.get(`${base}/retry-date`)))
    expect(c.status).toBe(503)
    expect(c.retryAfter).toBeGreaterThanOrEqual(100)
    expect(c.retryAfter).toBeLessThanOrEqual(121)
  })

  it('answers an upstream 500 with 502 and an upstream 503 with 503', async () => {
    expect(classify(await rejection(axios.get(`${base}/status/500`)))).toMatchObject({
      status: 502,
      code: 'BAD_GATEWAY',
      retryable: true,
      rule: 'upstream:axios:5xx',
    })
    expect(classify(await rejection(axios.get(`${base}/status/503`)))).toMatchObject({
      status: 503,
      retryAfter: 7,
    })
  })

  it('reads its ECONNABORTED timeout as 504', async () => {
    const error = await rejection(axios.get(`${base}/hang`, { timeout: 100 }))
    expect(error).toMatchObject({ code: 'ECONNABORTED' })
    expect(classify(error)).toMatchObject({ status: 504, rule: 'upstream:axios:ECONNABORTED' })
  })

  it('recovers the timeout behind ERR_CANCELED from an AbortSignal.timeout', async () => {
    const error = await rejection(axios.get(`${base}/hang`, { signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject({ code: 'ERR_CANCELED' })
    expect(classify(error)).toMatchObject({ status: 504, rule: 'upstream:axios:timeout' })
  })

  it('answers a cancelled call with 499', async () => {
    const c = classify(await rejection(axios.get(`${base}/hang`, { signal: abortSoon() })))
    expect(c).toMatchObject({ status: 499, code: 'CLIENT_CLOSED_REQUEST', retryable: false })
  })

  it('answers a refused connection with 503', async () => {
    const c = classify(await rejection(axios.get(`http://127.0.0.1:${closedPort}/`)))
    expect(c).toMatchObject({ status: 503, retryable: true, rule: 'upstream:axios:ECONNREFUSED' })
  })

  it('lets the cause of the fetch adapter ERR_NETWORK decide', async () => {
    const error = await rejection(axios.get(`http://127.0.0.1:${closedPort}/`, { adapter: 'fetch' }))
    expect(error).toMatchObject({ code: 'ERR_NETWORK' })
    expect(classify(error)).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
  })

  it('answers a body cut mid-stream (status 200 on the error) with 502', async () => {
    const error = await rejection(axios.get(`${base}/cut`))
    expect(error).toMatchObject({ status: 200 })
    expect(classify(error)).toMatchObject({ status: 502, rule: 'upstream:axios:ERR_BAD_RESPONSE' })
  })

  it('answers an unsupported protocol (ERR_BAD_REQUEST without a response) with 500', async () => {
    const c = classify(await rejection(axios.get('ftp://127.0.0.1/')))
    expect(c).toMatchObject({ status: 500, rule: 'upstream:axios:ERR_BAD_REQUEST' })
  })

  it('gives an unrecognised wrapper the upstream answer of its cause', async () => {
    const cause = await rejection(axios.get(`${base}/status/401`))
    const c = classify(new Error('loading the invoice failed', { cause }))
    expect(c).toMatchObject({ status: 500, rule: 'upstream:axios:4xx' })
    expect(c.cause).toBe(cause)
  })
})

describe('got', () => {
  const options = { retry: { limit: 0 } }

  it('reads the upstream status from the non-enumerable response: 401 is 500', async () => {
    const error = await rejection(got(`${base}/status/401`, options))
    expect(Object.keys(error as object)).not.toContain('response')
    expect(classify(error)).toMatchObject({ status: 500, rule: 'upstream:got:4xx' })
  })

  it('maps upstream 408, 429 (HTTP-date), 500 and 503', async () => {
    expect(classify(await rejection(got(`${base}/status/408`, options))).status).toBe(504)
    const limited = classify(await rejection(got(`${base}/retry-date`, options)))
    expect(limited).toMatchObject({ status: 503, retryable: true })
    expect(limited.retryAfter).toBeGreaterThanOrEqual(100)
    expect(classify(await rejection(got(`${base}/status/500`, options)))).toMatchObject({
      status: 502,
      rule: 'upstream:got:5xx',
    })
    expect(classify(await rejection(got(`${base}/status/503`, options)))).toMatchObject({
      status: 503,
      retryAfter: 7,
    })
  })

  it('answers its TimeoutError with 504', async () => {
    const error = await rejection(got(`${base}/hang`, { ...options, timeout: { request: 100 } }))
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' })
    expect(classify(error)).toMatchObject({ status: 504, rule: 'upstream:got:ETIMEDOUT' })
  })

  it('answers an AbortSignal.timeout (numeric code 23) with 504', async () => {
    const error = await rejection(got(`${base}/hang`, { ...options, signal: AbortSignal.timeout(100) }))
    expect(error).toMatchObject({ code: 23 })
    expect(classify(error)).toMatchObject({ status: 504, rule: 'upstream:got:timeout' })
  })

  it('answers an aborted call with 499', async () => {
    const c = classify(await rejection(got(`${base}/hang`, { ...options, signal: abortSoon() })))
    expect(c).toMatchObject({ status: 499, rule: 'upstream:got:ERR_ABORTED' })
  })

  it('answers a refused connection with 503 and a reset body with 502', async () => {
    const refused = classify(await rejection(got(`http://127.0.0.1:${closedPort}/`, options)))
    expect(refused).toMatchObject({ status: 503, rule: 'upstream:got:ECONNREFUSED' })
    const cut = classify(await rejection(got(`${base}/cut`, options)))
    expect(cut).toMatchObject({ status: 502, rule: 'upstream:got:ECONNRESET' })
  })

  it('answers an unparsable upstream body with 502', async () => {
    const error = await rejection(got(`${base}/garbage`, options).json())
    expect(classify(error)).toMatchObject({
      status: 502,
      retryable: false,
      rule: 'upstream:got:ERR_BODY_PARSE_FAILURE',
    })
  })
})

describe('ky', () => {
  it('answers an upstream 401 with 500 and 408 with 504', async () => {
    expect(classify(await rejection(ky(`${base}/status/401`, { retry: 0 })))).toMatchObject({
      status: 500,
      rule: 'upstream:ky:4xx',
    })
    expect(classify(await rejection(ky(`${base}/status/408`, { retry: 0 }))).status).toBe(504)
  })

  it('answers an upstream 429 with 503 and Retry-After, and 500 with 502', async () => {
    expect(classify(await rejection(ky(`${base}/status/429`, { retry: 0 })))).toMatchObject({
      status: 503,
      retryAfter: 7,
    })
    expect(classify(await rejection(ky(`${base}/status/500`, { retry: 0 }))).status).toBe(502)
  })

  it('answers its TimeoutError with 504', async () => {
    const c = classify(await rejection(ky(`${base}/hang`, { retry: 0, timeout: 100 })))
    expect(c).toMatchObject({ status: 504, rule: 'upstream:ky:timeout' })
  })

  it('lets the fetch failure that ky passes through decide: refused is 503', async () => {
    const c = classify(await rejection(ky(`http://127.0.0.1:${closedPort}/`, { retry: 0 })))
    expect(c).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
  })
})

describe('undici', () => {
  // undici 7 dropped `throwOnError`; its responseError interceptor throws UND_ERR_RESPONSE instead.
  const throwing = new Agent().compose(interceptors.responseError())
  const retrying = new Agent().compose(
    interceptors.retry({ maxRetries: 1, minTimeout: 5, maxTimeout: 10, timeoutFactor: 1 }),
  )
  afterAll(async () => {
    await Promise.all([throwing.close(), retrying.close()])
  })

  it('answers the responseError interceptor with the upstream status mapped', async () => {
    const unauthorized = await rejection(undiciRequest(`${base}/status/401`, { dispatcher: throwing }))
    expect(unauthorized).toMatchObject({ code: 'UND_ERR_RESPONSE', statusCode: 401 })
    expect(classify(unauthorized)).toMatchObject({ status: 500, rule: 'upstream:undici:4xx' })
    const failing = classify(await rejection(undiciRequest(`${base}/status/500`, { dispatcher: throwing })))
    expect(failing).toMatchObject({ status: 502, rule: 'upstream:undici:5xx' })
    const limited = classify(await rejection(undiciRequest(`${base}/retry-date`, { dispatcher: throwing })))
    expect(limited).toMatchObject({ status: 503, retryable: true })
    expect(limited.retryAfter).toBeGreaterThanOrEqual(100)
  })

  it('answers an exhausted retry interceptor by the last upstream status', async () => {
    const error = await rejection(undiciRequest(`${base}/status/503`, { dispatcher: retrying }))
    expect(error).toMatchObject({ code: 'UND_ERR_REQ_RETRY', statusCode: 503 })
    expect(classify(error)).toMatchObject({ status: 503, retryAfter: 7, rule: 'upstream:undici:503' })
  })

  it('answers undici 6 throwOnError (status and statusCode both the upstream’s) without passing 404 through', () => {
    // Lookalike: undici 6 is not installed. Copied from nodejs/undici v6.x lib/core/errors.js
    // `ResponseStatusCodeError(message, statusCode, headers, body)`.
    const error = Object.assign(new Error('Response status code 404: Not Found'), {
      name: 'ResponseStatusCodeError',
      code: 'UND_ERR_RESPONSE_STATUS_CODE',
      body: { message: 'no such customer' },
      status: 404,
      statusCode: 404,
      headers: { 'content-type': 'application/json' },
    })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'upstream:undici:4xx' })
    const limited = Object.assign(new Error('Response status code 429: Too Many Requests'), {
      code: 'UND_ERR_RESPONSE_STATUS_CODE',
      status: 429,
      statusCode: 429,
      headers: { 'retry-after': '30' },
    })
    expect(classify(limited)).toMatchObject({ status: 503, retryAfter: 30 })
  })
})

describe('gaxios', () => {
  it('answers an upstream 401 (numeric code 401) with 500', async () => {
    const error = await rejection(gaxiosRequest({ url: `${base}/status/401`, retry: false }))
    expect(error).toMatchObject({ status: 401, code: 401 })
    expect(classify(error)).toMatchObject({ status: 500, rule: 'upstream:gaxios:4xx' })
  })

  it('maps upstream 429, 500 and 503', async () => {
    expect(
      classify(await rejection(gaxiosRequest({ url: `${base}/status/429`, retry: false }))),
    ).toMatchObject({
      status: 503,
      retryAfter: 7,
    })
    expect(classify(await rejection(gaxiosRequest({ url: `${base}/status/500`, retry: false }))).status).toBe(
      502,
    )
    expect(classify(await rejection(gaxiosRequest({ url: `${base}/status/503`, retry: false }))).status).toBe(
      503,
    )
  })

  it('tells its own timeout (504) from a caller’s abort (499), both "The operation was aborted."', async () => {
    const timedOut = await rejection(gaxiosRequest({ url: `${base}/hang`, timeout: 100, retry: false }))
    expect(classify(timedOut)).toMatchObject({ status: 504, rule: 'upstream:gaxios:timeout' })
    const aborted = await rejection(
      gaxiosRequest({ url: `${base}/hang`, timeout: 5000, signal: abortSoon(), retry: false }),
    )
    expect(classify(aborted)).toMatchObject({ status: 499, rule: 'upstream:gaxios:aborted' })
  })

  it('answers a refused connection with 503', async () => {
    const c = classify(
      await rejection(gaxiosRequest({ url: `http://127.0.0.1:${closedPort}/`, retry: false })),
    )
    expect(c).toMatchObject({ status: 503, rule: 'upstream:gaxios:ECONNREFUSED' })
  })
})

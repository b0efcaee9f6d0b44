// The node:http / node:http2 adapter over real HTTP on 127.0.0.1: handle() answers a throw and a
// rejection, sendError() a callback's error, notFoundHandler() a 404; a status set before the
// error, a response under way (the connection ended on HTTP/1, the stream reset on HTTP/2), HEAD,
// a body left unread; and HTTP/2 through node:http2's own client.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http'
import {
  connect,
  constants,
  createSecureServer,
  type Http2SecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type IncomingHttpHeaders,
  type ServerHttp2Stream,
} from 'node:http2'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { server as docsServer } from '../../docs/examples/node.js'
import {
  handle,
  handleStream,
  notFoundHandler,
  sendError,
  sendStreamError,
  streamNotFoundHandler,
} from '../../src/adapters/node.js'
import { httpError } from '../../src/index.js'
import { listen } from '../support/loopback.js'
import { INTERMEDIATE_CA, LEAF, LEAF_KEY, ROOT_CA } from '../support/test-certificates.js'
import { collect, get, outcome } from './client.js'

const servers: (Server | Http2SecureServer)[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(
    servers.splice(0).map((server) => {
      if ('closeAllConnections' in server) server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    }),
  )
})

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown

async function serve(listener: Listener): Promise<string> {
  const server = createServer(listener)
  servers.push(server)
  return `http://127.0.0.1:${await listen(server)}`
}

describe('handle()', () => {
  it('answers a synchronous throw and a rejection, and leaves a normal answer alone', async () => {
    const { reports, options } = collect()
    const url = await serve(
      handle((req, res) => {
        if (req.url === '/sync') throw httpError(409, 'Already there.')
        if (req.url?.startsWith('/async')) return Promise.reject(new Error('db password=hunter2'))
        res.end('fine')
      }, options),
    )
    expect(await get(`${url}/sync`)).toMatchObject({
      status: 409,
      body: { code: 'CONFLICT', detail: 'Already there.' },
    })
    const failed = await get(`${url}/async?token=x`)
    expect(failed).toMatchObject({ status: 500, body: { code: 'INTERNAL_SERVER_ERROR' } })
    expect(failed.text).not.toContain('hunter2')
    expect((await get(`${url}/ok`)).text).toBe('fine')
    expect(reports.map((r) => [r.status, r.req.url])).toEqual([
      [409, '/sync'],
      [500, '/async'],
    ])
    expect(reports[1]?.duration_ms).toBeGreaterThanOrEqual(0)
  })

  it('answers a thrown value that is not an Error, and a thenable whose then throws', async () => {
    const url = await serve(
      handle(
        (req) => {
          if (req.url === '/null') return Promise.reject(null)
          return {
            // biome-ignore lint/suspicious/noThenProperty: a hostile thenable, on purpose
            get then() {
              throw new Error('hostile thenable')
            },
          }
        },
        { log: false },
      ),
    )
    expect((await get(`${url}/null`)).status).toBe(500)
    expect((await get(`${url}/thenable`)).status).toBe(500)
  })

  it('keeps a 4xx/5xx status set before an error that no rule recognises', async () => {
    const url = await serve(
      handle(
        (_req, res) => {
          res.statusCode = 503
          throw new Error('maintenance')
        },
        { log: false },
      ),
    )
    expect((await get(url)).body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' })
  })

  it('reuses req.id (pino-http) and answers HEAD without a body', async () => {
    const url = await serve(
      handle(
        (req) => {
          ;(req as IncomingMessage & { id: number }).id = 42
          throw httpError(404)
        },
        { log: false },
      ),
    )
    expect((await get(url)).body.request_id).toBe('42')
    const head = await get(url, { method: 'HEAD' })
    expect(head).toMatchObject({ status: 404, text: '' })
    expect(head.headers.get('content-type')).toBe('application/problem+json')
  })

  it('puts the error on res.err only for a logger attached to the response (pino-http)', async () => {
    const seen: unknown[] = []
    const failing = (withLogger: boolean) =>
      handle(
        (_req, res) => {
          const raw = res as unknown as {
            log?: unknown
            err?: unknown
            on(event: 'finish', f: () => void): void
          }
          if (withLogger) raw.log = {}
          raw.on('finish', () => seen.push(raw.err))
          throw Object.assign(new Error('db down'), { apiKey: 'sk-secret' })
        },
        { log: false },
      )
    await get(await serve(failing(false)))
    await get(await serve(failing(true)))
    expect(seen[0]).toBeUndefined()
    expect(seen[1]).toBeInstanceOf(Error)
    expect((seen[1] as Error).message).toBe('db down')
    expect(JSON.stringify(seen[1])).not.toContain('sk-secret')
  })

  it('ends the connection of a response under way, logs it, and keeps serving', async () => {
    const { reports, options } = collect()
    const url = await serve(
      handle(async (req, res) => {
        if (req.url === '/ok') return void res.end('ok')
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.write('partial')
        await Promise.resolve()
        throw new Error('failed mid-response')
      }, options),
    )
    expect(await outcome(url)).toBe('failed')
    expect(reports[0]).toMatchObject({ status: 500, headers_sent: true, res: { statusCode: 200 } })
    expect((await get(`${url}/ok`)).text).toBe('ok')
  })

  it('closes the connection when it answers before reading a body the request announced', async () => {
    const url = new URL(
      await serve(
        handle(
          () => {
            throw httpError(413)
          },
          { log: false },
        ),
      ),
    )
    const answer = await new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            headers: { 'content-length': '1000', connection: 'keep-alive' },
            agent: false,
          },
          (res) => {
            res.resume()
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection })
            req.destroy()
          },
        )
        req.on('error', reject)
        req.flushHeaders()
        req.write('0123456789')
      },
    )
    expect(answer).toEqual({ status: 413, connection: 'close' })
  })

  it('answers 400 to a JSON body the listener parsed by hand, 500 to other JSON parse errors', async () => {
    const url = await serve(
      handle(
        async (req, res) => {
          if (req.url === '/config') return JSON.parse('{"port": ') // not the request's body
          let text = ''
          for await (const chunk of req) text += String(chunk)
          res.end(JSON.stringify(JSON.parse(text)))
        },
        { log: false },
      ),
    )
    const post = (type: string) => ({ method: 'POST', headers: { 'content-type': type }, body: '{"total": ' })
    expect((await get(`${url}/orders`, post('application/json'))).body).toMatchObject({
      status: 400,
      detail: 'The request body is not valid JSON.',
    })
    expect((await get(`${url}/orders`, post('text/plain'))).status).toBe(500)
    expect((await get(`${url}/config`)).status).toBe(500)
  })

  it('answers the server’s own cancellation with 500, and logs a 499 when the client went away', async () => {
    const { reports, options } = collect()
    const url = await serve(
      handle(async (req) => {
        const controller = new AbortController()
        if (req.url === '/ours') setImmediate(() => controller.abort())
        else req.on('close', () => controller.abort())
        // A call the server makes, given up with the AbortController on the request's own path (a
        // timer's abort would be a deadline: 504).
        await new Promise((_resolve, reject) =>
          controller.signal.addEventListener('abort', () =>
            reject(new DOMException('This operation was aborted', 'AbortError')),
          ),
        )
      }, options),
    )
    expect((await get(`${url}/ours`)).body).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' })
    const gone = new AbortController()
    const request = fetch(`${url}/gone`, { signal: gone.signal }).catch(() => 'aborted')
    setTimeout(() => gone.abort(), 20)
    expect(await request).toBe('aborted')
    await vi.waitFor(() => expect(reports[1]).toMatchObject({ status: 499, code: 'CLIENT_CLOSED_REQUEST' }))
  })

  it('fails at setup without a listener, or with an unknown option', () => {
    expect(() => handle(undefined as never)).toThrow(/needs a request listener/)
    expect(() => handle(() => {}, { fromat: 'json' } as never)).toThrow(/format/)
  })
})

describe('sendError()', () => {
  it('answers an error of a callback, reading the request from res.req', async () => {
    const url = await serve((_req, res) => {
      setImmediate(() =>
        sendError(res, httpError(429, 'Slow down.', { retryAfter: 30 }), undefined, { log: false }),
      )
    })
    const seen = await get(`${url}/limited?x=1`)
    expect(seen).toMatchObject({ status: 429, body: { detail: 'Slow down.' } })
    expect(seen.headers.get('retry-after')).toBe('30')
    expect((await get(url, { method: 'HEAD' })).text).toBe('')
  })

  it('checks its options on every call', async () => {
    const url = await serve((req, res) => {
      try {
        sendError(res, new Error('x'), req, { log: 'console' } as never)
      } catch (error) {
        res.end(String(error))
      }
    })
    expect((await get(url)).text).toMatch(/^TypeError: http-triage/)
  })
})

describe('notFoundHandler()', () => {
  it('answers a 404 in the same shape as every error, and leaves a response under way alone', async () => {
    const notFound = notFoundHandler({ log: false })
    const url = await serve((req, res) => {
      if (req.url === '/started') res.write('mine')
      notFound(req, res)
      if (req.url === '/started') res.end()
    })
    expect((await get(`${url}/nothing?q=1`)).body).toMatchObject({
      status: 404,
      detail: 'No route for GET /nothing',
    })
    expect((await get(`${url}/started`)).text).toBe('mine')
  })
})

describe('node:http2', () => {
  async function serveHttp2(listener: (req: Http2ServerRequest, res: Http2ServerResponse) => unknown) {
    const server = createSecureServer({ key: LEAF_KEY, cert: `${LEAF}${INTERMEDIATE_CA}` }, listener)
    servers.push(server)
    return `https://127.0.0.1:${await listen(server)}`
  }

  /** One request through node:http2's client: the status, headers, body and the stream's close code. */
  function h2(url: string, headers: Record<string, string> = {}, body?: string) {
    return new Promise<{ status: number; headers: Record<string, unknown>; text: string; rstCode: number }>(
      (resolve, reject) => {
        const session = connect(url, { ca: ROOT_CA, servername: 'catalog.invalid' })
        session.on('error', reject)
        const stream = session.request({ ':path': '/', ...headers })
        let status = 0
        let received: Record<string, unknown> = {}
        let text = ''
        stream.on('response', (h) => {
          status = Number(h[':status'])
          received = h
        })
        stream.setEncoding('utf8')
        stream.on('data', (chunk: string) => {
          text += chunk
        })
        stream.on('error', () => {})
        stream.on('close', () => {
          resolve({ status, headers: received, text, rstCode: stream.rstCode ?? 0 })
          session.close()
        })
        if (body === undefined) stream.end()
        else stream.write(body)
      },
    )
  }

  it('answers an error, with the problem headers and no reason phrase', async () => {
    const url = await serveHttp2(
      handle(
        () => {
          throw httpError(409, 'Already there.')
        },
        { log: false },
      ),
    )
    const seen = await h2(url)
    expect(seen.status).toBe(409)
    expect(seen.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(seen.text)).toMatchObject({ code: 'CONFLICT', detail: 'Already there.' })
    expect(seen.rstCode).toBe(constants.NGHTTP2_NO_ERROR)
  })

  it('answers HEAD without a body', async () => {
    const url = await serveHttp2(
      handle(
        () => {
          throw httpError(404)
        },
        { log: false },
      ),
    )
    const seen = await h2(url, { ':method': 'HEAD' })
    expect(seen).toMatchObject({ status: 404, text: '' })
  })

  it('resets only the stream of a response under way, with INTERNAL_ERROR', async () => {
    const { reports, options } = collect()
    const url = await serveHttp2(
      handle(async (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.write('partial')
        await Promise.resolve()
        throw new Error('failed mid-response')
      }, options),
    )
    const seen = await h2(url)
    expect(seen).toMatchObject({ status: 200, text: 'partial', rstCode: constants.NGHTTP2_INTERNAL_ERROR })
    expect(reports[0]).toMatchObject({ headers_sent: true, res: { statusCode: 200 } })
  })

  it('answers before reading an announced body without a Connection header (HTTP/2 has none)', async () => {
    const url = await serveHttp2(
      handle(
        () => {
          throw httpError(413)
        },
        { log: false },
      ),
    )
    const seen = await h2(url, { ':method': 'POST', 'content-length': '1000' }, '0123456789')
    expect(seen.status).toBe(413)
    expect(seen.headers.connection).toBeUndefined()
  })
  describe("the core API ('stream' event)", () => {
    async function serveStreams(listener: (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => void) {
      const server = createSecureServer({ key: LEAF_KEY, cert: `${LEAF}${INTERMEDIATE_CA}` })
      server.on('stream', listener)
      servers.push(server)
      return `https://127.0.0.1:${await listen(server)}`
    }

    it('answers a synchronous throw and a rejection, with the problem headers', async () => {
      const { reports, options } = collect()
      const url = await serveStreams(
        handleStream((_stream, headers) => {
          if (headers[':path'] === '/sync') throw httpError(409, 'Already there.')
          return Promise.reject(new Error('db password=hunter2'))
        }, options),
      )
      const sync = await h2(url, { ':path': '/sync' })
      expect(sync).toMatchObject({ status: 409, rstCode: constants.NGHTTP2_NO_ERROR })
      expect(sync.headers['content-type']).toBe('application/problem+json')
      expect(sync.headers['content-length']).toBe(String(Buffer.byteLength(sync.text)))
      expect(JSON.parse(sync.text)).toMatchObject({ code: 'CONFLICT', detail: 'Already there.' })
      const rejected = await h2(url, { ':path': '/async?q=1' })
      expect(rejected.status).toBe(500)
      expect(rejected.text).not.toContain('hunter2')
      expect(reports.map((r) => [r.status, r.req])).toEqual([
        [409, { method: 'GET', url: '/sync' }],
        [500, { method: 'GET', url: '/async' }],
      ])
    })

    it('answers HEAD without a body, and echoes a safe incoming X-Request-Id', async () => {
      const url = await serveStreams(
        handleStream(
          () => {
            throw httpError(404)
          },
          { log: false },
        ),
      )
      const head = await h2(url, { ':method': 'HEAD', 'x-request-id': 'abc-123_Z9' })
      expect(head).toMatchObject({ status: 404, text: '' })
      expect(head.headers['x-request-id']).toBe('abc-123_Z9')
    })

    it('resets only the stream of a response under way, with INTERNAL_ERROR, and logs it', async () => {
      const { reports, options } = collect()
      const url = await serveStreams(
        handleStream(async (stream) => {
          stream.respond({ ':status': 200, 'content-type': 'text/plain' })
          stream.write('partial')
          await Promise.resolve()
          throw new Error('failed mid-response')
        }, options),
      )
      const seen = await h2(url)
      expect(seen).toMatchObject({ status: 200, text: 'partial', rstCode: constants.NGHTTP2_INTERNAL_ERROR })
      expect(reports[0]).toMatchObject({ headers_sent: true, status: 500 })
    })

    it('sendStreamError() answers a callback’s error; streamNotFoundHandler() a 404', async () => {
      const notFound = streamNotFoundHandler({ log: false })
      const url = await serveStreams((stream, headers) => {
        if (headers[':path'] === '/later') {
          setImmediate(() =>
            sendStreamError(stream, httpError(429, 'Slow down.', { retryAfter: 30 }), headers),
          )
          return
        }
        notFound(stream, headers)
      })
      const later = await h2(url, { ':path': '/later' })
      expect(later).toMatchObject({ status: 429 })
      expect(later.headers['retry-after']).toBe('30')
      const missing = await h2(url, { ':path': '/nowhere?x=1' })
      expect(JSON.parse(missing.text)).toMatchObject({ status: 404, detail: 'No route for GET /nowhere' })
    })

    it('fails at setup without a listener, or with an unknown option; a closed stream is left alone', () => {
      expect(() => handleStream(undefined as never)).toThrow(/needs a 'stream' listener/)
      expect(() => handleStream(() => {}, { fromat: 'json' } as never)).toThrow(/format/)
      const closed = {
        headersSent: false,
        destroyed: true,
        respond: vi.fn(),
        end: vi.fn(),
        close: vi.fn(),
      }
      sendStreamError(closed, new Error('x'), { ':method': 'GET', ':path': '/' }, { log: false })
      expect([closed.respond, closed.end, closed.close].map((f) => f.mock.calls.length)).toEqual([0, 0, 0])
    })
  })
})

describe('docs/examples/node.ts', () => {
  it('answers a missing order, an unknown path and a found order', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    servers.push(docsServer)
    const url = `http://127.0.0.1:${await listen(docsServer)}`
    expect((await get(`${url}/orders/7`)).body).toMatchObject({ status: 404, detail: 'No such order.' })
    expect((await get(`${url}/nope`)).body).toMatchObject({ status: 404, detail: 'No route for GET /nope' })
    expect((await get(`${url}/orders/1`)).body).toEqual({ id: '1', total: 42 })
  })
})

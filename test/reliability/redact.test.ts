// Secrets in logs: an HTTP client's error carries the request it made (its Authorization header,
// cookies, API keys, a URL with credentials); what reaches a logger is a redacted copy, and the
// thrown value is left as it was. Real axios errors from a real upstream on 127.0.0.1.
import { createServer, type Server } from 'node:http'
import { Writable } from 'node:stream'
import { format } from 'node:util'
import axios, { type AxiosError } from 'axios'
import express from 'express'
import Fastify from 'fastify'
import pino from 'pino'
import { pinoHttp } from 'pino-http'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as expressAdapter from '../../src/adapters/express.js'
import { httpTriage } from '../../src/adapters/fastify.js'
import { createResponder, REDACTED_KEYS } from '../../src/index.js'
import { listen } from '../support/loopback.js'
import { guardProcess } from './support/guard.js'

guardProcess()

const CANARIES = {
  bearer: 'c4n4ry-bearer-7f3a',
  cookie: 'c4n4ry-cookie-91bd',
  apiKey: 'c4n4ry-apikey-e2c8',
  query: 'c4n4ry-query-55d1',
  password: 'c4n4ry-password-0a9e',
  setCookie: 'c4n4ry-setcookie-3b77',
}
const ALL = Object.values(CANARIES)

function expectNoCanary(text: string, where: string): void {
  for (const canary of ALL) expect(text.includes(canary), `${canary} in ${where}`).toBe(false)
}

let upstream: Server
let upstreamUrl: string

beforeAll(async () => {
  upstream = createServer((_req, res) => {
    res.setHeader('set-cookie', `session=${CANARIES.setCookie}; HttpOnly`)
    res.statusCode = 401
    res.setHeader('content-type', 'application/json')
    res.end('{"error":"unauthorized"}')
  })
  upstreamUrl = `http://127.0.0.1:${await listen(upstream)}`
})
afterAll(() => upstream.close())

/** A real axios error for a 401 from the upstream, with every kind of secret in its request. */
async function axiosError(): Promise<AxiosError> {
  try {
    await axios.get(`${upstreamUrl}/v1/charges?limit=1&api_key=${CANARIES.query}`, {
      headers: {
        Authorization: `Bearer ${CANARIES.bearer}`,
        Cookie: `sid=${CANARIES.cookie}`,
        'X-Api-Key': CANARIES.apiKey,
      },
      proxy: false,
    })
  } catch (error) {
    return error as AxiosError
  }
  throw new Error('the upstream answered 2xx')
}

/** Everything a structured logger would write for a report: pino's own serialization of it. */
function pinoText(report: unknown): string {
  const lines: string[] = []
  const logger = pino(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    }),
  )
  logger.error(report, 'failed')
  logger.flush?.()
  return lines.join('')
}

describe('the report holds redacted copies', () => {
  it('an axios error: its err and classification.cause, serialized by pino, hold no secret', async () => {
    const error = await axiosError()
    // The secrets are there to find: in the config, the raw request head, the response.
    const raw = format('%O', { config: error.config, head: (error.request as { _header: string })._header })
    expect(raw).toContain(CANARIES.bearer)
    expect(JSON.stringify(error.response?.headers)).toContain(CANARIES.setCookie)

    const out = createResponder()(error, { method: 'GET', path: '/orders' })
    expect(out.status).toBe(500)
    expectNoCanary(pinoText(out.report), 'pino')
    expectNoCanary(format('%O', out.report.err), 'util.inspect of err')
    expectNoCanary(format('%O', out.report.classification.cause), 'util.inspect of classification.cause')
    // What a log reader needs stays: the class, the message, the upstream's status, the URL's path.
    const text = pinoText(out.report)
    expect(text).toContain('AxiosError')
    expect(text).toContain('Request failed with status code 401')
    expect(text).toContain('/v1/charges')
    expect(text).toContain('[REDACTED]')
  })

  it('leaves the thrown value as it was', async () => {
    const error = await axiosError()
    const before = format('%O', { config: error.config, response: error.response?.headers })
    createResponder()(error)
    expect(format('%O', { config: error.config, response: error.response?.headers })).toBe(before)
    expect(error.config?.headers.Authorization).toBe(`Bearer ${CANARIES.bearer}`)
  })

  it('copies nothing when there is nothing to redact', () => {
    const error = Object.assign(new Error('no secrets'), { code: 'E_X', detail: { table: 'orders' } })
    const out = createResponder()(error)
    expect(out.report.err).toBe(error)
    expect(out.report.classification.cause).toBe(error)
  })

  it("reads an error's stack only for a copy: V8 formats it on first read", () => {
    const stackOf = (message: string) => {
      const error = new Error(message)
      let reads = 0
      const stack = `Error: ${message}\n    at handler (app.js:1:1)`
      Object.defineProperty(error, 'stack', {
        get: () => {
          reads++
          return stack
        },
        configurable: true,
      })
      return { error, reads: () => reads }
    }
    const report = createResponder({ log: false, report: () => {} })
    const clean = stackOf('no secrets')
    report(clean.error)
    expect(clean.reads()).toBe(0)
    // A secret in the message: the copy's stack has it redacted too.
    const leaky = stackOf(`GET https://user:${CANARIES.password}@api.example.com/x failed`)
    const copy = report(leaky.error).report.err as Error
    expect(leaky.reads()).toBe(1)
    expect(copy.stack).not.toContain(CANARIES.password)
    expect(copy.stack).toContain('at handler (app.js:1:1)')
  })

  it('redact: false logs the value as it is (so the checks above can fail)', async () => {
    const error = await axiosError()
    const out = createResponder({ redact: false })(error)
    expect(out.report.err).toBe(error)
    expect(pinoText(out.report)).toContain(CANARIES.bearer)
  })

  it('a custom list replaces the default one', async () => {
    const error = Object.assign(new Error('x'), { session: 's3cr3t-session', authorization: 'kept' })
    const out = createResponder({
      redact: [...REDACTED_KEYS.filter((k) => k !== 'authorization'), 'session'],
    })(error)
    const text = pinoText(out.report)
    expect(text).not.toContain('s3cr3t-session')
    expect(text).toContain('kept')
  })

  it('passwords in URLs and secret header lines in any string are redacted', () => {
    const error = Object.assign(new Error('x'), {
      url: `https://admin:${CANARIES.password}@db.internal:5432/app?sslmode=require&token=${CANARIES.query}`,
      head: `POST /pay HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${CANARIES.bearer}\r\nProxy-Authorization: Basic ${CANARIES.apiKey}\r\n\r\n`,
      rawHeaders: ['Host', 'x', 'Cookie', `sid=${CANARIES.cookie}`],
    })
    const text = pinoText(createResponder()(error).report)
    expectNoCanary(text, 'pino')
    expect(text).toContain('db.internal:5432/app?sslmode=require')
    expect(text).toContain('Host: x')
  })

  it('rejects a bad redact option at setup', () => {
    expect(() => createResponder({ redact: 'authorization' as never })).toThrow(
      /`redact` must be false or an array/,
    )
    expect(() => createResponder({ redact: [''] })).toThrow(/`redact`/)
  })

  it('stays bounded and total on cyclic, deep and hostile values', () => {
    const cyclic: Record<string, unknown> = { token: 'x' }
    cyclic.self = cyclic
    let deep: Record<string, unknown> = { password: 'p' }
    for (let i = 0; i < 10_000; i++) deep = { next: deep }
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap')
        },
      },
    )
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, { token: 't' }]))
    for (const value of [cyclic, deep, hostile, wide]) {
      const error = Object.assign(new Error('x'), { value })
      const report = createResponder()(error).report
      expect(pinoText(report).length).toBeLessThan(1_000_000)
    }
  })
})

describe('over real HTTP, no secret reaches a logger', () => {
  /** A route that calls the upstream with the secrets and lets the axios error through. */
  const callUpstream = async () => {
    throw await axiosError()
  }

  it('Express with log: console', async () => {
    const printed: string[] = []
    const spies = (['error', 'warn', 'info', 'log'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        printed.push(format(...args))
      }),
    )
    const app = express()
    app.get('/pay', (_req, _res, next) => {
      callUpstream().catch(next)
    })
    app.use(expressAdapter.errorHandler({ log: console }))
    const server = createServer(app)
    const port = await listen(server)
    try {
      const response = await fetch(`http://127.0.0.1:${port}/pay`)
      expect(response.status).toBe(500)
      expectNoCanary(await response.text(), 'body')
      await vi.waitFor(() => expect(printed.join('\n')).toContain('http-triage: 500'))
      expectNoCanary(printed.join('\n'), 'console')
    } finally {
      for (const spy of spies) spy.mockRestore()
      server.close()
    }
  })

  it('Express with pino, and pino-http reading res.err', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const logger = pino(stream)
    const app = express()
    app.use(pinoHttp({ logger }))
    app.get('/pay', (_req, _res, next) => {
      callUpstream().catch(next)
    })
    app.use(expressAdapter.errorHandler({ log: logger }))
    const server = createServer(app)
    const port = await listen(server)
    try {
      const response = await fetch(`http://127.0.0.1:${port}/pay`)
      expect(response.status).toBe(500)
      await response.text()
      // Ours, and pino-http's "request errored" line with res.err.
      await vi.waitFor(() => expect(lines.length).toBeGreaterThanOrEqual(2))
      const text = lines.join('')
      expect(text).toContain('AxiosError')
      expectNoCanary(text, 'pino and pino-http')
    } finally {
      server.close()
    }
  })

  it('Fastify with its own logger (request.log)', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = Fastify({ logger: { stream } })
    await app.register(httpTriage)
    app.get('/pay', callUpstream)
    await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const address = app.server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      const response = await fetch(`http://127.0.0.1:${port}/pay`)
      expect(response.status).toBe(500)
      expectNoCanary(await response.text(), 'body')
      await vi.waitFor(() => expect(lines.join('')).toContain('AxiosError'))
      expectNoCanary(lines.join(''), "Fastify's logger")
    } finally {
      await app.close()
    }
  })
})

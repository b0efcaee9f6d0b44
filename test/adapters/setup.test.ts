import { createServer } from 'node:http'
import { Writable } from 'node:stream'
import express from 'express'
import fastify from 'fastify'
import fastify4 from 'fastify4'
import pino from 'pino'
import { pinoHttp } from 'pino-http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as expressAdapter from '../../src/adapters/express.js'
import * as fastifyAdapter from '../../src/adapters/fastify.js'
import * as fetchAdapter from '../../src/adapters/fetch.js'
import * as honoAdapter from '../../src/adapters/hono.js'
import { createClassifier, createResponder, createSerializer, serialize } from '../../src/index.js'
import { listen } from '../support/loopback.js'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('option names', () => {
  const typo = { fromat: 'json' } as never

  it('an unknown one fails at setup, with the name it probably meant', () => {
    for (const [where, make] of [
      ['express', () => expressAdapter.errorHandler(typo)],
      ['express notFound', () => expressAdapter.notFoundHandler(typo)],
      ['fastify', () => fastifyAdapter.errorHandler(typo)],
      ['hono', () => honoAdapter.errorHandler(typo)],
      ['fetch', () => fetchAdapter.errorHandler(typo)],
      ['createResponder', () => createResponder(typo)],
      ['createSerializer', () => createSerializer(typo)],
      ['serialize', () => serialize(new Error('x'), typo)],
    ] as const) {
      expect(make, where).toThrow(/unknown option "fromat" .*did you mean "format"\?/)
    }
    expect(() => createClassifier({ overide: { NOT_FOUND: 410 } } as never)).toThrow(
      /unknown option "overide" of createClassifier\(\); did you mean "overrides"\?/,
    )
    expect(() => expressAdapter.errorHandler({ classify: { overide: {} } } as never)).toThrow(/"overrides"/)
    expect(() => createResponder({ colour: true } as never)).toThrow(
      /unknown option "colour" .*known: format/,
    )
  })

  it('the adapter names itself in the message', () => {
    expect(() => expressAdapter.errorHandler(typo)).toThrow(/of errorHandler\(\) of http-triage\/express/)
    expect(() => honoAdapter.errorHandler(typo)).toThrow(/of errorHandler\(\) of http-triage\/hono/)
  })

  it('every documented one is accepted', () => {
    expect(() =>
      expressAdapter.errorHandler({
        format: 'json',
        typeBase: 'https://example.com/problems/',
        debug: false,
        maxMessageLength: 200,
        classify: { rules: [], overrides: { NOT_FOUND: 410 }, defaultRules: true },
        log: false,
        clientErrorLevel: 'info',
        serverErrorLevel: 'error',
        requestIdHeader: 'x-request-id',
        generateRequestId: () => 'id-1',
        instance: true,
      }),
    ).not.toThrow()
  })
})

describe('the Fastify plugin', () => {
  it('rejects ready() with a setup error instead of throwing it out of the process', async () => {
    const app = fastify()
    await expect(app.register(fastifyAdapter.httpTriage, { fromat: 'json' } as never)).rejects.toThrow(
      /http-triage: unknown option "fromat"/,
    )
    await app.close()
  })

  it.each([
    ['Fastify 4', fastify4 as unknown as typeof fastify],
    ['Fastify 5', fastify],
  ])(
    '%s: a bad option or a second registration rejects register(), with a message that names http-triage and the fix',
    async (_name, Fastify) => {
      const crashes = vi.fn()
      process.on('uncaughtException', crashes)
      try {
        const bad = Fastify()
        await expect(bad.register(fastifyAdapter.httpTriage, { log: 'nope' } as never)).rejects.toThrow(
          /^http-triage: `log` must be/,
        )
        await bad.close()

        const twice = Fastify()
        await twice.register(fastifyAdapter.httpTriage)
        const second = twice.register(fastifyAdapter.httpTriage)
        await expect(second).rejects.toThrow(
          /^http-triage: the Fastify plugin could not set .*Register it once per app/,
        )
        await twice.close()
        expect(crashes).not.toHaveBeenCalled()
      } finally {
        process.off('uncaughtException', crashes)
      }
    },
  )

  it('accepts the options of register() itself beside its own', async () => {
    const app = fastify()
    await app.register(fastifyAdapter.httpTriage, { log: false, logLevel: 'warn' } as never)
    app.get('/boom', async () => {
      throw new Error('secret')
    })
    const response = await app.inject({ method: 'GET', url: '/boom' })
    expect(response.statusCode).toBe(500)
    expect(response.body).not.toContain('secret')
    await app.close()
  })
})

describe('Express: a factory registered without its call', () => {
  async function serve(register: (app: express.Express) => void) {
    const app = express()
    app.get('/ok', (_req, res) => {
      res.json({ ok: true })
    })
    register(app)
    const server = createServer(app)
    const port = await listen(server)
    return {
      get: (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(3000) }),
      close: () => new Promise((resolve) => server.close(resolve)),
    }
  }

  for (const name of ['errorHandler', 'notFoundHandler'] as const) {
    it(`app.use(${name}) answers the safe 500 and names the fix, never hangs`, async () => {
      const stderr = vi.spyOn(console, 'error').mockImplementation(() => {})
      const factory = name === 'errorHandler' ? expressAdapter.errorHandler : expressAdapter.notFoundHandler
      // The misuse a user without types makes: the factory itself, not what it returns.
      const server = await serve((app) => app.use(factory as unknown as express.RequestHandler))
      try {
        const response = await server.get('/nothing-here')
        expect(response.status).toBe(500)
        expect(response.headers.get('content-type')).toBe('application/problem+json')
        expect(await response.json()).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR' })
        expect(stderr).toHaveBeenCalledWith(expect.stringContaining(`app.use(${name}())`))
        expect((await server.get('/ok')).status).toBe(200)
      } finally {
        await server.close()
      }
    })
  }
})

describe('pino-http', () => {
  it("reuses pino-http's req.id (a number by default) as the request id, so its log lines and ours correlate", async () => {
    const lines: Record<string, unknown>[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)))
        done()
      },
    })
    const app = express()
    app.use(pinoHttp({ logger: pino(stream) }))
    app.get('/fail', () => {
      throw new Error('boom')
    })
    app.use(expressAdapter.errorHandler({ log: false }))
    const server = createServer(app)
    const port = await listen(server)
    try {
      const response = await fetch(`http://127.0.0.1:${port}/fail`)
      const body = (await response.json()) as { request_id: string }
      await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0))
      const logged = (lines[0] as { req: { id: unknown } }).req.id
      expect(typeof logged).toBe('number')
      expect(body.request_id).toBe(String(logged))
      expect(response.headers.get('x-request-id')).toBe(String(logged))
    } finally {
      server.close()
    }
  })
})

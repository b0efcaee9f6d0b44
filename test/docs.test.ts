// The docs cannot rot: every ```ts block in README.md and docs/**/*.md is a file of docs/examples/
// (which tsc checks), byte for byte; every example is shown somewhere; relative links resolve; and
// the examples that can run are run here, with the outputs the pages claim.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import Boom from '@hapi/boom'
import axios from 'axios'
import express from 'express'
import express4 from 'express4'
import Fastify from 'fastify'
import { HTTPError } from 'h3'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import createError from 'http-errors'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import * as expressAdapter from '../src/adapters/express.js'
import * as fastifyAdapter from '../src/adapters/fastify.js'
import * as fetchAdapter from '../src/adapters/fetch.js'
import * as honoAdapter from '../src/adapters/hono.js'
import { badGateway, classify, createClassifier, httpError, notImplemented, serialize } from '../src/index.js'
import { closedPort } from './support/loopback.js'

// The examples make Fastify apps with `logger: true`, as apps do; pino would write their JSON lines
// to stdout. Here they go to `fastifyLogs`, which the tests of those examples read.
const { fastifyLogs } = vi.hoisted(() => ({ fastifyLogs: [] as Record<string, unknown>[] }))
vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>()
  const stream = { write: (line: string) => void fastifyLogs.push(JSON.parse(line)) }
  const fastify = ((options?: { logger?: unknown }) =>
    actual.default(
      (options?.logger === true ? { ...options, logger: { stream } } : options) as never,
    )) as unknown as typeof actual.default
  return { ...actual, default: fastify, fastify }
})

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DOCS = `${ROOT}docs/`
const MARKER = /^<!-- example: (docs\/examples\/[\w.-]+\.ts) -->$/
const TS_FENCE = /^```\s*(ts|typescript|tsx|mts|cts)\s*$/i

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = `${dir}${name}`
    if (statSync(path).isDirectory()) return name === 'api' && dir === DOCS ? [] : markdownFiles(`${path}/`)
    return name.endsWith('.md') ? [path] : []
  })
}

interface Block {
  readonly file: string
  readonly line: number
  readonly example: string | undefined
  readonly code: string
}

/** The ```ts blocks of a page, each with the example marker on the line before it (if any). */
function tsBlocks(file: string): Block[] {
  const lines = readFileSync(file, 'utf8').split('\n')
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!TS_FENCE.test(lines[i] ?? '')) continue
    const end = lines.findIndex((line, j) => j > i && /^```\s*$/.test(line))
    const marker = MARKER.exec(lines[i - 1] ?? '')
    blocks.push({
      file: file.slice(ROOT.length),
      line: i + 1,
      example: marker?.[1],
      code: lines.slice(i + 1, end === -1 ? lines.length : end).join('\n'),
    })
    if (end !== -1) i = end
  }
  return blocks
}

// The README's blocks are examples too: a reader copies them first.
const pages = [`${ROOT}README.md`, ...markdownFiles(DOCS)]
const blocks = pages.flatMap(tsBlocks)
const exampleFiles = readdirSync(`${DOCS}examples`).filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts'))

describe('docs', () => {
  it('has pages with TypeScript examples', () => {
    expect(pages.length).toBeGreaterThan(5)
    expect(blocks.length).toBeGreaterThan(20)
  })

  it('every ```ts block is preceded by its example marker and equals that file', () => {
    const problems: string[] = []
    for (const block of blocks) {
      const where = `${block.file}:${block.line}`
      if (!block.example) {
        problems.push(`${where}: no "<!-- example: docs/examples/NAME.ts -->" line before the block`)
        continue
      }
      let source: string
      try {
        source = readFileSync(`${ROOT}${block.example}`, 'utf8')
      } catch {
        problems.push(`${where}: ${block.example} does not exist`)
        continue
      }
      if (source.replace(/\n+$/, '') !== block.code.replace(/\n+$/, '')) {
        problems.push(`${where}: the block differs from ${block.example}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('every example marker is followed by a ```ts block', () => {
    const problems: string[] = []
    for (const page of pages) {
      const lines = readFileSync(page, 'utf8').split('\n')
      lines.forEach((line, i) => {
        if (MARKER.test(line) && !TS_FENCE.test(lines[i + 1] ?? '')) {
          problems.push(`${page.slice(ROOT.length)}:${i + 1}`)
        }
      })
    }
    expect(problems).toEqual([])
  })

  it('every example file is shown on some page', () => {
    const shown = new Set(blocks.map((block) => block.example))
    expect(exampleFiles.filter((name) => !shown.has(`docs/examples/${name}`))).toEqual([])
  })

  it('relative links point at files and headings that exist', () => {
    const problems: string[] = []
    for (const page of pages) {
      const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '')
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (!target || /^[a-z]+:/i.test(target)) continue
        const [path = '', anchor] = target.split('#')
        if (path.startsWith('api/')) continue // generated by `npm run docs:api`, not committed
        const file = path === '' ? page : fileURLToPath(new URL(path, `file://${page}`))
        let exists = true
        try {
          statSync(file)
        } catch {
          exists = false
        }
        if (!exists) problems.push(`${page.slice(ROOT.length)}: ${target} (no such file)`)
        else if (anchor && file.endsWith('.md') && !headingSlugs(file).has(anchor)) {
          problems.push(`${page.slice(ROOT.length)}: ${target} (no such heading)`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function headingSlugs(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
  const slugs = new Set<string>()
  for (const [, heading = ''] of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    slugs.add(
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    )
  }
  return slugs
}

// ---------------------------------------------------------------------------------------------
// The examples, run.

let servers: Server[] = []

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

afterAll(async () => {
  await Promise.all(
    servers.map((server) => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    }),
  )
  servers = []
})

async function problem(response: Response) {
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() }
}

const jsonPost = (body: string, type = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': type },
  body,
})

/** Mounts an Express error handler behind a route that fails with `thrown`. */
async function expressWith(handler: express.ErrorRequestHandler, thrown: unknown): Promise<string> {
  const app = express()
  app.use((_req, _res, next) => next(thrown))
  app.use(handler)
  return serve(app)
}

describe('adapter examples', () => {
  it('express.ts: 404s in Problem Details, body-parser errors classified, logs with console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { app } = await import('../docs/examples/express.js')
    const url = await serve(app)
    expect(await (await fetch(`${url}/orders/1`)).json()).toEqual({ id: '1', total: 42 })
    const missing = await fetch(`${url}/orders/7`)
    expect(missing.headers.get('cache-control')).toBe('no-store')
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff')
    const body = await missing.json()
    expect(body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND' })
    expect(body.detail).toBe('No such order.')
    expect(missing.headers.get('x-request-id')).toBe(body.request_id)
    expect((await problem(await fetch(`${url}/nowhere`))).body.detail).toBe('No route for GET /nowhere')
    expect(await problem(await fetch(`${url}/orders`, jsonPost('{"total":')))).toMatchObject({
      status: 400,
      type: 'application/problem+json',
      body: { detail: 'The request body is not valid JSON.' },
    })
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^http-triage: 404 NOT_FOUND GET \/orders\/7 rule=http-error /),
    )
    const head = await fetch(`${url}/orders/7`, { method: 'HEAD' })
    expect([head.status, await head.text()]).toEqual([404, ''])
    warn.mockRestore()

    // res.err is set for pino-http, which attaches its logger to the response as res.log.
    let seen: unknown
    const handler = expressAdapter.errorHandler()
    const thrown = new Error('x')
    const app2 = express()
    app2.use((_req, res, next) => {
      ;(res as { log?: unknown }).log = {}
      next(thrown)
    })
    app2.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
      handler(error, req, res, next)
      seen = (res as { err?: unknown }).err
    })
    await fetch(await serve(app2))
    expect(seen).toBe(thrown)
  })

  it('express4-async.ts: Express 4 needs rejections forwarded, and next(null) means "no error"', async () => {
    const { asyncHandler, app: app5 } = await import('../docs/examples/express4-async.js')
    const app = express4()
    app.get(
      '/reject',
      asyncHandler(async () => {
        throw new Error('boom')
      }),
    )
    app.get(
      '/null',
      asyncHandler(() => Promise.reject(null)),
    )
    app.get('/next-null', (_req, _res, next) => next(null))
    app.use(expressAdapter.notFoundHandler())
    app.use(expressAdapter.errorHandler())
    const url = await serve(app as unknown as RequestListener)
    expect((await fetch(`${url}/reject`)).status).toBe(500)
    expect((await fetch(`${url}/null`)).status).toBe(500)
    expect((await problem(await fetch(`${url}/next-null`))).body.detail).toBe('No route for GET /next-null')
    const url5 = await serve(app5)
    expect((await problem(await fetch(`${url5}/orders/2`))).body.detail).toBe('No such order.')
  })

  it('fastify.ts: the plugin answers, including Fastify errors, on routes declared before it too', async () => {
    const { app } = await import('../docs/examples/fastify.js')
    const missing = await app.inject({ url: '/orders/7' })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['content-type']).toBe('application/problem+json')
    expect(JSON.parse(missing.body).detail).toBe('No such order.')
    // Fastify's default `req-1` ids are not reused.
    expect(missing.headers['x-request-id']).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    // The report went to request.log (Fastify's pino) at warn, with the id the client got.
    expect(fastifyLogs.find((line) => line.request_id === missing.headers['x-request-id'])).toMatchObject({
      level: 40,
      status: 404,
      rule: 'http-error',
      msg: 'Not Found',
    })

    const early = Fastify()
    early.get('/before', async () => {
      throw new Error('x')
    })
    await early.register(fastifyAdapter.httpTriage, { log: false })
    early.get('/after', async () => {
      throw new Error('x')
    })
    early.post('/media', async () => 'ok')
    early.post(
      '/signup',
      {
        schema: { body: { type: 'object', required: ['email'], properties: { email: { type: 'string' } } } },
      },
      async () => 'ok',
    )
    const before = await early.inject({ url: '/before' })
    expect([before.statusCode, before.headers['content-type']]).toEqual([500, 'application/problem+json'])
    expect(before.body).not.toContain('"x"')
    expect((await early.inject({ url: '/after' })).headers['content-type']).toBe('application/problem+json')
    const media = await early.inject({
      method: 'POST',
      url: '/media',
      payload: 'x',
      headers: { 'content-type': 'application/xml' },
    })
    expect(media.statusCode).toBe(415)
    const invalid = await early.inject({ method: 'POST', url: '/signup', payload: {} })
    expect(invalid.statusCode).toBe(422)
    expect(JSON.parse(invalid.body).errors).toEqual([
      { path: 'body.email', message: "must have required property 'email'", code: 'required' },
    ])
    const head = await early.inject({ method: 'HEAD', url: '/after' })
    expect([head.statusCode, head.body]).toEqual([500, ''])

    // Reports go to request.log: Fastify's reqId and http-triage's request_id on one line.
    const lines: Record<string, unknown>[] = []
    const logged = Fastify({
      loggerInstance: pino(
        new Writable({
          write(chunk, _encoding, done) {
            lines.push(JSON.parse(String(chunk)))
            done()
          },
        }),
      ),
    })
    await logged.register(fastifyAdapter.httpTriage)
    await logged.inject({ url: '/nowhere' })
    expect(lines.find((line) => line.rule === 'http-error')).toMatchObject({
      level: 40,
      reqId: 'req-1',
      status: 404,
      request_id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
    })

    // setErrorHandler inside an encapsulated plugin covers only that plugin.
    const scoped = Fastify()
    await scoped.register(async (child) => {
      child.setErrorHandler(fastifyAdapter.errorHandler({ log: false }))
    })
    scoped.get('/y', async () => {
      throw new Error('y')
    })
    expect((await scoped.inject({ url: '/y' })).headers['content-type']).toMatch(/^application\/json/)
  })

  it('fastify-handlers.ts: an app genReqId is reused; typeBase names the type', async () => {
    const { app } = await import('../docs/examples/fastify-handlers.js')
    app.get('/x', async () => {
      throw new Error('x')
    })
    const response = await app.inject({ url: '/x' })
    const body = JSON.parse(response.body)
    expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers['x-request-id']).toBe(body.request_id)
    expect(body.type).toBe('https://api.example.com/problems/internal-server-error')
  })

  it('migrate-fastify.ts: Fastify schema failures can stay 400', async () => {
    const { app } = await import('../docs/examples/migrate-fastify.js')
    app.post(
      '/signup',
      {
        schema: { body: { type: 'object', required: ['email'], properties: { email: { type: 'string' } } } },
      },
      async () => 'ok',
    )
    const response = await app.inject({ method: 'POST', url: '/signup', payload: {} })
    expect(response.statusCode).toBe(400)
    expect(JSON.parse(response.body)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.email' }],
    })
  })

  it('hono.ts: 404s, thrown strings and HEAD', async () => {
    const { default: app } = await import('../docs/examples/hono.js')
    app.get('/string', () => {
      throw 'a thrown string'
    })
    expect(await problem(await app.request('/orders/7'))).toMatchObject({
      status: 404,
      type: 'application/problem+json',
      body: { detail: 'No such order.', code: 'NOT_FOUND' },
    })
    expect((await problem(await app.request('/nowhere'))).body.detail).toBe('No route for GET /nowhere')
    expect(await problem(await app.request('/string'))).toMatchObject({
      status: 500,
      body: { code: 'INTERNAL_SERVER_ERROR' },
    })
    const head = await app.request('/string', { method: 'HEAD' })
    expect([head.status, await head.text()]).toEqual([500, ''])

    // Without catchThrown(), a thrown string escapes onError.
    const bare = new Hono()
    bare.get('/string', () => {
      throw 'a thrown string'
    })
    bare.onError(honoAdapter.errorHandler())
    await expect(Promise.resolve().then(() => bare.request('/string'))).rejects.toBe('a thrown string')
  })

  it('hono-body-limit.ts and HTTPException: an own response is sent as it is', async () => {
    const { default: app } = await import('../docs/examples/hono-body-limit.js')
    const big = await app.request('/upload', jsonPost(JSON.stringify({ pad: 'x'.repeat(200_000) })))
    expect(await problem(big)).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } })

    const plain = new Hono()
    plain.use('/limited', bodyLimit({ maxSize: 10 }))
    plain.post('/limited', async (c) => c.json(await c.req.json()))
    plain.get('/own', () => {
      throw new HTTPException(401, { res: new Response('Unauthorized', { status: 401 }) })
    })
    plain.get('/forbidden', () => {
      throw new HTTPException(403, { message: 'No access to this project.' })
    })
    plain.get('/broken', () => {
      throw new HTTPException(500, { message: 'db password=hunter2' })
    })
    plain.post('/json', async (c) => c.json(await c.req.json()))
    plain.post('/config', async (c) => {
      await c.req.json()
      return c.json(JSON.parse('{bad'))
    })
    plain.onError(honoAdapter.errorHandler())
    const limited = await plain.request('/limited', jsonPost(JSON.stringify({ pad: 'x'.repeat(100) })))
    expect([limited.status, limited.headers.get('content-type'), await limited.text()]).toEqual([
      413,
      'text/plain;charset=UTF-8',
      'Payload Too Large',
    ])
    expect((await plain.request('/own')).headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await problem(await plain.request('/forbidden'))).toMatchObject({
      status: 403,
      body: { detail: 'No access to this project.', code: 'FORBIDDEN' },
    })
    expect((await problem(await plain.request('/broken'))).body.detail).toBe('An unexpected error occurred.')
    for (const type of ['application/json', 'text/plain']) {
      expect((await plain.request('/json', jsonPost('{"a":', type))).status).toBe(400)
    }
    expect((await plain.request('/config', jsonPost('{}'))).status).toBe(500)

    // Hono's requestId() middleware id is reused.
    const withId = new Hono()
    withId.use(requestId())
    withId.get('/x', () => {
      throw new Error('x')
    })
    withId.onError(honoAdapter.errorHandler())
    const response = await withId.request('/x')
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('fetch-worker.ts: reuses a valid incoming id, replaces an unsafe one', async () => {
    const { default: worker } = await import('../docs/examples/fetch-worker.js')
    const ok = await worker.fetch(new Request('http://x/orders/1'))
    expect(await ok.json()).toEqual({ id: '1', total: 42 })
    const given = await worker.fetch(
      new Request('http://x/orders/7', { headers: { 'x-request-id': 'checkout-7f3a' } }),
    )
    expect(given.headers.get('x-request-id')).toBe('checkout-7f3a')
    expect((await given.json()).request_id).toBe('checkout-7f3a')
    const unsafe = await worker.fetch(
      new Request('http://x/orders/7', { headers: { 'x-request-id': 'evil id<script>' } }),
    )
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect((await problem(await worker.fetch(new Request('http://x/nope')))).body.detail).toBe(
      'No route for GET /nope',
    )
  })

  it('fetch-deno.ts and fetch-bun.ts: the handlers given to Deno.serve and Bun.serve answer', async () => {
    let denoHandler: ((request: Request) => Response | Promise<Response>) | undefined
    let bunOptions: { fetch(request: Request): Response | Promise<Response> } | undefined
    Object.assign(globalThis, {
      Deno: { serve: (handler: typeof denoHandler) => (denoHandler = handler) },
      Bun: { serve: (options: typeof bunOptions) => (bunOptions = options) },
    })
    await import('../docs/examples/fetch-deno.js')
    await import('../docs/examples/fetch-bun.js')
    if (!denoHandler || !bunOptions) throw new Error('serve was not called')
    const created = await denoHandler(new Request('http://x/orders', jsonPost('{"total":42}')))
    expect(created.status).toBe(201)
    expect((await denoHandler(new Request('http://x/orders', jsonPost('{"total":')))).status).toBe(400)
    expect((await problem(await denoHandler(new Request('http://x/orders/9')))).body.detail).toBe(
      'No such order.',
    )
    expect((await denoHandler(new Request('http://x/other'))).status).toBe(404)
    expect((await bunOptions.fetch(new Request('http://x/', jsonPost('[')))).status).toBe(400)
    Reflect.deleteProperty(globalThis, 'Deno')
    Reflect.deleteProperty(globalThis, 'Bun')
  })

  it('fetch-next.ts and the JSON-body rule: 400 only for a JSON request body', async () => {
    const { POST } = await import('../docs/examples/fetch-next.js')
    expect((await POST(new Request('http://x/orders', jsonPost('{"total":3}')))).status).toBe(201)
    expect((await POST(new Request('http://x/orders', jsonPost('{"total":')))).status).toBe(400)
    expect(
      (await POST(new Request('http://x/orders', jsonPost('{"total":', 'application/merge-patch+json'))))
        .status,
    ).toBe(400)
    expect((await POST(new Request('http://x/orders', jsonPost('{"total":', 'text/plain')))).status).toBe(500)

    const onError = fetchAdapter.errorHandler()
    const request = new Request('http://x/', jsonPost('{}'))
    await request.json()
    const configError = (() => {
      try {
        JSON.parse('{bad')
      } catch (error) {
        return error
      }
    })()
    expect(onError(configError, request).status).toBe(400) // the documented limitation
    expect(onError(badGateway(undefined, { cause: configError }), request).status).toBe(502)
    expect(fetchAdapter.toResponse(configError).status).toBe(500)
    const head = fetchAdapter.toResponse(new Error('x'), {
      request: new Request('http://x/', { method: 'HEAD' }),
    })
    expect(await head.text()).toBe('')
  })
})

describe('customising examples', () => {
  it('custom-rules.ts: gives what its comments say', async () => {
    const { classify: custom, FeatureDisabledError } = await import('../docs/examples/custom-rules.js')
    expect(custom(new FeatureDisabledError('search-v2'))).toMatchObject({
      status: 404,
      code: 'FEATURE_DISABLED',
      message: 'This feature is not available.',
      rule: 'feature-flag',
    })
    expect(custom(Object.assign(new Error('quota'), { code: 'QUOTA_EXCEEDED' }))).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      retryable: true,
      retryAfter: 3600,
      headers: { 'retry-after': '3600' },
      rule: 'quotaExceeded',
    })
  })

  it('use-classifier.ts: anonymous rules are named by position; the classifier serves a handler', async () => {
    const { classify: custom, onError } = await import('../docs/examples/use-classifier.js')
    expect(custom(new RangeError('page out of range'))).toMatchObject({ status: 400, rule: 'user-rule-0' })
    const url = await expressWith(onError, new RangeError('x'))
    expect((await fetch(url)).status).toBe(400)
  })

  it('overrides.ts: by code, by rule, with a code; and mistakes fail at creation', async () => {
    const { classify: custom } = await import('../docs/examples/overrides.js')
    const zodError = z.object({ email: z.email() }).safeParse({ email: 'nope' }).error
    expect(classify(zodError)).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      rule: 'validation:zod',
    })
    expect(custom(zodError)).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      details: [{ path: 'email' }],
    })
    const enoent = await readFile('/no/such/config.json').catch((error: unknown) => error)
    expect(classify(enoent)).toMatchObject({ status: 500, rule: 'node-system:ENOENT' })
    expect(custom(enoent)).toMatchObject({ status: 404, code: 'NOT_FOUND' })

    expect(() => createClassifier({ overrides: { ENOENT: 404 } })).toThrow(
      'override "ENOENT" is a system error code; write "node-system:ENOENT"',
    )
    expect(() => createClassifier({ overrides: { zod: 400 } })).toThrow('names neither a code')
    expect(() => createClassifier({ overrides: { VALIDATION_FAILED: 200 } })).toThrow(RangeError)
    expect(createClassifier({ overrides: { 'upstream:axios:4xx': 502, validation: 400 } })).toBeTypeOf(
      'function',
    )
  })

  it('errors-helpers.ts: statuses, codes and headers', async () => {
    const { examples } = await import('../docs/examples/errors-helpers.js')
    const out = examples(new Error('duplicate key')).map((error) => serialize(error, { requestId: 'r-1' }))
    expect(out.map((o) => [o.status, o.classification.code])).toEqual([
      [409, 'EMAIL_TAKEN'],
      [409, 'CONFLICT'],
      [405, 'METHOD_NOT_ALLOWED'],
      [429, 'TOO_MANY_REQUESTS'],
      [422, 'VALIDATION_FAILED'],
    ])
    expect(out[2]?.headers.allow).toBe('GET, HEAD')
    expect(out[3]?.headers['retry-after']).toBe('30')
  })

  it('format-json.ts, formatter.ts and type-base.ts: the bodies shown', async () => {
    const { onError: json } = await import('../docs/examples/format-json.js')
    const url = await expressWith(json, httpError(404, 'No such order.'))
    const response = await fetch(url)
    expect(response.headers.get('content-type')).toBe('application/json')
    const body = await response.json()
    expect(Object.keys(body)).toEqual(['error', 'code', 'message', 'status', 'request_id', 'retryable'])
    expect(body).toMatchObject({
      error: 'Not Found',
      code: 'NOT_FOUND',
      message: 'No such order.',
      status: 404,
    })

    const { onError: envelope } = await import('../docs/examples/formatter.js')
    const custom = envelope(
      httpError(422, undefined, {
        code: 'VALIDATION_FAILED',
        details: [{ path: 'email', message: 'Must be an email address.', code: 'invalid_format' }],
      }),
      new Request('http://x/'),
    )
    expect(custom.headers.get('content-type')).toBe('application/json')
    expect(await custom.json()).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The request did not pass validation.',
        fields: [{ path: 'email' }],
      },
    })

    const { onError: typed } = await import('../docs/examples/type-base.js')
    const app = new Hono()
    app.get('/orders/:id', () => {
      throw httpError(404, 'No such order.')
    })
    app.onError(typed)
    expect(await (await app.request('/orders/7')).json()).toMatchObject({
      type: 'https://api.example.com/problems/not-found',
      instance: '/orders/7',
    })
  })

  it('request-ids.ts: the configured header and generator', async () => {
    const { onError } = await import('../docs/examples/request-ids.js')
    const withId = onError(
      new Error('x'),
      new Request('http://x/', { headers: { 'x-correlation-id': 'abc-123' } }),
    )
    expect(withId.headers.get('x-request-id')).toBe('abc-123')
    const ignored = onError(
      new Error('x'),
      new Request('http://x/', { headers: { 'x-request-id': 'abc-123' } }),
    )
    expect(ignored.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    for (const bad of ['a b', 'x'.repeat(129), 'é']) {
      const response = onError(
        new Error('x'),
        new Request('http://x/', { headers: { 'x-correlation-id': bad } }),
      )
      expect(response.headers.get('x-request-id')).not.toBe(bad)
    }
  })

  it('debug.ts: stack and causes, only when NODE_ENV is development', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    const { onError } = await import('../docs/examples/debug.js')
    vi.unstubAllEnvs()
    const url = await expressWith(
      onError,
      new Error('load failed', { cause: new Error('template orders.html is missing') }),
    )
    const body = await (await fetch(url)).json()
    expect(body.detail).toBe('An unexpected error occurred.')
    expect(body.debug).toMatchObject({
      name: 'Error',
      message: 'load failed',
      causes: [{ message: 'template orders.html is missing' }],
    })
    expect(body.debug.stack).toContain('Error: load failed')
  })

  it('log-console.ts: 5xx to console.error, 4xx silent', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { onError } = await import('../docs/examples/log-console.js')
    await fetch(await expressWith(onError, new Error('x')))
    await fetch(await expressWith(onError, httpError(404)))
    expect(error).toHaveBeenCalledTimes(1)
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(/^http-triage: 500 INTERNAL_SERVER_ERROR GET \/ rule=fallback /),
    )
    expect(warn).not.toHaveBeenCalled()
    error.mockRestore()
    warn.mockRestore()
  })

  it('log-pino.ts makes a handler; a pino line has the fields the page lists', async () => {
    const { onError } = await import('../docs/examples/log-pino.js')
    expect(onError).toBeTypeOf('function')
    const lines: Record<string, unknown>[] = []
    const logger = pino(
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)))
          done()
        },
      }),
    )
    const upstream = await serve((_req, res) => res.writeHead(401).end('no'))
    const app = express()
    app.post('/checkout', async () => {
      await axios.post(`${upstream}/v1/charges`)
    })
    app.use(expressAdapter.errorHandler({ log: logger }))
    const response = await fetch(`${await serve(app)}/checkout`, { method: 'POST' })
    expect(response.status).toBe(500)
    expect(lines[0]).toMatchObject({
      level: 50,
      err: { type: 'AxiosError', status: 401 },
      req: { method: 'POST', url: '/checkout' },
      res: { statusCode: 500 },
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      rule: 'upstream:axios:4xx',
      retryable: false,
      msg: 'Internal Server Error',
    })
  })

  it('the README quotes the held-out score docs/policy.md records (which test/held-out holds the code to)', async () => {
    const readme = (await readFile(`${ROOT}README.md`, 'utf8')).replace(/\s+/g, ' ')
    const policy = (await readFile(`${DOCS}policy.md`, 'utf8')).replace(/\s+/g, ' ')
    const [, passed, total] = /<!-- held-out: (\d+)\/(\d+) -->/.exec(policy) ?? []
    const [, libraries] = new RegExp(`on ${total} errors from (\\d+) libraries`).exec(policy) ?? []
    expect(libraries).toBeDefined()
    expect(readme).toContain(
      `on ${total} real errors from ${libraries} libraries that no rule names it is right ${passed} times`,
    )
  })

  it('observability.md lists every public code error.type can take', async () => {
    const page = await readFile(`${DOCS}observability.md`, 'utf8')
    const { CODES } = await import('../src/index.js')
    expect(Object.keys(CODES).filter((code) => !page.includes(`\`${code}\``))).toEqual([])
  })

  it('log-redact.ts: no Authorization header or session id reaches the log', async () => {
    const { triage, onError } = await import('../docs/examples/log-redact.js')
    expect(onError).toBeTypeOf('function')
    const lines: string[] = []
    const logger = pino(
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk))
          done()
        },
      }),
    )
    const upstream = await serve((_req, res) => res.writeHead(401).end('no'))
    const error = await axios
      .get(upstream, { headers: { Authorization: 'Bearer sk_live_123', 'X-Session-Id': 'sess_456' } })
      .catch((e: unknown) => e)
    fetchAdapter.errorHandler({ ...triage, log: logger })(error, new Request('http://x/checkout'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('"rule":"upstream:axios:4xx"')
    expect(lines[0]).toContain('"message":"Request failed with status code 401"')
    expect(lines[0]).not.toContain('sk_live_123')
    expect(lines[0]).not.toContain('sess_456')
  })

  it('log-function.ts: level, message and report', async () => {
    const { onError, seen } = await import('../docs/examples/log-function.js')
    onError(new Error('x'), new Request('http://x/a', { method: 'POST' }))
    onError(httpError(404), new Request('http://x/b'))
    expect(seen.map((line) => line.replace(/ id=.*$/, ''))).toEqual([
      'error Internal Server Error 500 INTERNAL_SERVER_ERROR rule=fallback',
      'warn Not Found 404 NOT_FOUND rule=http-error',
    ])
  })

  it('create-responder-h3.ts: h3 answers with the real cause of its unhandled wrapper', async () => {
    const log = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { app } = await import('../docs/examples/create-responder-h3.js')
    const port = await closedPort()
    app.get('/refused', () => fetch(`http://127.0.0.1:${port}/`))
    app.get('/string', () => {
      throw 'a string'
    })
    expect(await problem(await app.request('/refused'))).toMatchObject({
      status: 503,
      body: { code: 'SERVICE_UNAVAILABLE' },
    })
    expect((await app.request('/string')).status).toBe(500)
    expect((await app.request('/nowhere')).status).toBe(404)
    // h3's wrapper says less than its cause: the cause decides.
    const refused = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e)
    const wrapped = Object.assign(new HTTPError(refused as Error), { unhandled: true })
    expect(classify(wrapped)).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
    log.mockRestore()
    error.mockRestore()
  })

  it('classify-direct.ts: what the comments say', async () => {
    const { seen, taken, strict } = await import('../docs/examples/classify-direct.js')
    expect(seen).toMatchObject({ status: 409, code: 'CONFLICT', rule: 'postgres:23505' })
    expect(classify(taken)).toMatchObject({ status: 409, code: 'EMAIL_TAKEN' })
    const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' })
    expect([classify(missing).status, strict(missing).status]).toEqual([500, 404])
  })

  it('customising.md: the mistakes fail at creation with the messages the page shows', async () => {
    const page = await readFile(`${DOCS}customising.md`, 'utf8')
    const block =
      /Mistakes fail when the classifier is made:\n\n```text\n([\s\S]*?)\n```/.exec(page)?.[1] ?? ''
    const cases = block.split('\n\n').map((pair) => pair.split('\n'))
    expect(cases.length).toBeGreaterThan(2)
    for (const [call = '', shown] of cases) {
      const make = new Function('createClassifier', `return ${call}`)
      let thrown: unknown
      try {
        make(createClassifier)
      } catch (error) {
        thrown = error
      }
      expect(thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : thrown, call).toBe(shown)
    }
  })

  it('validation-400.ts: schema failures become 400 with the same body', async () => {
    const { onError } = await import('../docs/examples/validation-400.js')
    const zodError = z.object({ email: z.email() }).safeParse({ email: 'nope' }).error
    const body = await (await fetch(await expressWith(onError, zodError))).json()
    expect(body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'email', code: 'invalid_format' }],
    })
  })
})

describe('migrating examples', () => {
  it('migrating.md: the bodies after http-triage are what Express, Fastify and Hono answer', async () => {
    const page = await readFile(`${DOCS}migrating.md`, 'utf8')
    const block =
      /all three frameworks answer the same[^\n]*\n\n```text\n([\s\S]*?)\n```/.exec(page)?.[1] ?? ''
    const claimed = Object.fromEntries(
      block.split('\n').map((line) => {
        const [, path = line, answer] = /^(\S+)\s+(\d{3} .*)$/.exec(line) ?? []
        return [path, answer]
      }),
    )
    expect(Object.keys(claimed)).toHaveLength(5)
    const upstream = await serve((_req, res) => res.writeHead(401).end('no'))
    const routes: Record<string, () => unknown> = {
      '/http-errors': () => {
        throw createError(404, 'No such widget')
      },
      '/secret': () => {
        throw new Error('connect to db failed: password=hunter2')
      },
      '/axios401': () => axios.get(upstream),
      '/boom': () => {
        throw Boom.conflict('Email already registered')
      },
      '/zod': () => z.object({ email: z.email() }).parse({ email: 'nope' }),
    }
    const expressApp = express()
    const fastifyApp = Fastify()
    await fastifyApp.register(fastifyAdapter.httpTriage)
    const honoApp = new Hono()
    for (const [path, route] of Object.entries(routes)) {
      expressApp.get(path, async () => {
        await route()
      })
      fastifyApp.get(path, async () => {
        await route()
      })
      honoApp.get(path, async (c) => {
        await route()
        return c.text('unreachable')
      })
    }
    expressApp.use(expressAdapter.errorHandler())
    honoApp.onError(honoAdapter.errorHandler())
    const expressUrl = await serve(expressApp)
    const answer = async (response: Response) =>
      `${response.status} ${JSON.stringify(await response.json(), (key, value) => (key === 'request_id' ? '…' : value))}`
    for (const [name, get] of [
      ['express', (path: string) => fetch(`${expressUrl}${path}`)],
      [
        'fastify',
        async (path: string) => {
          const reply = await fastifyApp.inject({ url: path })
          return new Response(reply.body, { status: reply.statusCode })
        },
      ],
      ['hono', (path: string) => honoApp.request(path)],
    ] as const) {
      const seen: Record<string, string> = {}
      for (const path of Object.keys(routes)) seen[path] = await answer(await get(path))
      expect({ [name]: seen }).toEqual({ [name]: claimed })
    }
  })

  it('migrate-http-errors.ts, migrate-boom.ts and migrate-boom-before.ts', async () => {
    const { app } = await import('../docs/examples/migrate-http-errors.js')
    const url = await serve(app)
    expect((await (await fetch(`${url}/widgets/1`)).json()).detail).toBe('No such widget')
    expect((await (await fetch(`${url}/orders/1`)).json()).code).toBe('ORDER_NOT_FOUND')

    const { app: boomApp } = await import('../docs/examples/migrate-boom.js')
    expect(await (await fetch(`${await serve(boomApp)}/users`)).json()).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      detail: 'Email already registered',
    })

    const { boomErrorHandler } = await import('../docs/examples/migrate-boom-before.js')
    const before = await (
      await fetch(await expressWith(boomErrorHandler, new Error('password=hunter2')))
    ).json()
    expect(before).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'An internal server error occurred',
    })
    const upstream = await serve((_req, res) => res.writeHead(401).end())
    const axios401 = await axios.get(upstream).catch((error: unknown) => error)
    expect((await fetch(await expressWith(boomErrorHandler, axios401))).status).toBe(500)
    expect((await fetch(await expressWith(boomErrorHandler, Boom.conflict('x')))).status).toBe(409)
  })
})

describe('clients examples', () => {
  let url: string
  const hits: string[] = []
  beforeAll(async () => {
    let failures = 0
    url = await serve((req, res) => {
      hits.push(`${req.method} ${req.url}`)
      if (req.url === '/flaky' && failures++ < 1) {
        res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/problem+json' }).end('{}')
      } else if (req.url === '/busy') {
        res.writeHead(503, { 'retry-after': '0' }).end()
      } else if (req.url === '/missing') {
        res
          .writeHead(404, { 'content-type': 'application/problem+json' })
          .end(JSON.stringify(serialize(httpError(404, 'No such order.'), { requestId: 'r-9' }).body))
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
      }
    })
  })

  it('client-retry.ts: retries an idempotent request after Retry-After, never a POST', async () => {
    const { fetchWithRetry } = await import('../docs/examples/client-retry.js')
    expect((await fetchWithRetry(`${url}/flaky`)).status).toBe(200)
    expect(hits.filter((hit) => hit === 'GET /flaky')).toHaveLength(2)
    expect((await fetchWithRetry(`${url}/busy`, { method: 'POST' })).status).toBe(503)
    expect(hits.filter((hit) => hit === 'POST /busy')).toHaveLength(1)
    expect((await fetchWithRetry(`${url}/busy`, {}, 3)).status).toBe(503)
    expect(hits.filter((hit) => hit === 'GET /busy')).toHaveLength(3)
  })

  it('client-problem.ts: an ApiError with the code and request id', async () => {
    const { getJson, ApiError } = await import('../docs/examples/client-problem.js')
    expect(await getJson(`${url}/ok`)).toEqual({ ok: true })
    const error = await getJson(`${url}/missing`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as InstanceType<typeof ApiError>).problem).toMatchObject({
      code: 'NOT_FOUND',
      request_id: 'r-9',
    })
  })
})

describe('claims of the policy page', () => {
  it('upstream statuses are never passed through', async () => {
    const upstream = await serve((req, res) => {
      const status = Number(req.url?.slice(1))
      res.writeHead(status, status === 429 || status === 503 ? { 'retry-after': '7' } : {}).end()
    })
    const seen: Record<number, [number, string, string | undefined]> = {}
    for (const status of [400, 401, 404, 408, 422, 429, 500, 502, 503, 504]) {
      const c = classify(await axios.get(`${upstream}/${status}`).catch((error: unknown) => error))
      seen[status] = [c.status, c.rule, c.headers['retry-after']]
    }
    expect(seen).toEqual({
      400: [500, 'upstream:axios:4xx', undefined],
      401: [500, 'upstream:axios:4xx', undefined],
      404: [500, 'upstream:axios:4xx', undefined],
      408: [504, 'upstream:axios:408', undefined],
      422: [500, 'upstream:axios:4xx', undefined],
      429: [503, 'upstream:axios:429', '7'],
      500: [502, 'upstream:axios:5xx', undefined],
      502: [502, 'upstream:axios:5xx', undefined],
      503: [503, 'upstream:axios:503', '7'],
      504: [504, 'upstream:axios:504', undefined],
    })
  })

  it('network, abort, 501 and the cause chain', async () => {
    const port = await closedPort()
    const refused = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error)
    expect(classify(refused)).toMatchObject({
      status: 503,
      retryable: true,
      rule: 'node-system:ECONNREFUSED',
    })
    expect(classify(new Error('load failed', { cause: refused })).status).toBe(503)
    expect(classify(httpError(409, 'Email taken', { cause: refused })).status).toBe(409)
    const hanging = await serve(() => {})
    const timedOut = await fetch(hanging, { signal: AbortSignal.timeout(50) }).catch((e: unknown) => e)
    expect(classify(timedOut)).toMatchObject({ status: 504, rule: 'fetch:timeout' })
    const controller = new AbortController()
    controller.abort()
    const aborted = await fetch(`http://127.0.0.1:${port}/`, { signal: controller.signal }).catch(
      (e: unknown) => e,
    )
    expect(classify(aborted)).toMatchObject({
      status: 499,
      code: 'CLIENT_CLOSED_REQUEST',
      title: 'Client Closed Request',
    })
    expect(classify(notImplemented()).status).toBe(501)
    expect(classify(createError(501)).status).toBe(501)
    const { Writable: Stream } = await import('node:stream')
    const bug = (() => {
      try {
        new Stream()._write(Buffer.from('x'), 'utf8', () => {})
      } catch (error) {
        return error
      }
    })()
    expect(classify(bug)).toMatchObject({ status: 500, rule: 'node-system:ERR_METHOD_NOT_IMPLEMENTED' })
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'open' })
    expect(classify(eacces).status).toBe(500)
  })

  it("the 'before' bodies of the migration page", async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {}) // Express prints the stack too
    const app = express()
    app.set('env', 'development')
    app.get('/secret', () => {
      throw new Error('connect to db failed: password=hunter2')
    })
    const url = await serve(app)
    expect(await (await fetch(`${url}/secret`)).text()).toContain('password=hunter2')
    // Express logs the error after it answered.
    await vi.waitFor(() =>
      expect(printed).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringContaining('hunter2') }),
      ),
    )
    printed.mockRestore()
    const fastify = Fastify()
    fastify.get('/secret', async () => {
      throw new Error('connect to db failed: password=hunter2')
    })
    expect(JSON.parse((await fastify.inject({ url: '/secret' })).body).message).toBe(
      'connect to db failed: password=hunter2',
    )
  })
})

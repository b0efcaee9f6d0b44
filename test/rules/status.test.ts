import { createServer } from 'node:http'
import createFastifyError from '@fastify/error'
import Boom from '@hapi/boom'
import {
  BadRequestException,
  ConflictException,
  GoneException,
  HttpException,
  NotImplementedException,
} from '@nestjs/common'
import fastify from 'fastify'
import { HTTPError } from 'h3'
import { HTTPException } from 'hono/http-exception'
import createError from 'http-errors'
import Koa from 'koa'
import { describe, expect, it, vi } from 'vitest'
import { classify } from '../../src/index.js'
import { listen } from '../support/loopback.js'

describe('errors that carry a status', () => {
  it('reads http-errors, exposing a 4xx message and its Allow header', () => {
    const c = classify(createError(405, 'Use POST', { headers: { Allow: 'POST', 'Set-Cookie': 'x=1' } }))
    expect(c).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', message: 'Use POST', expose: true })
    expect(c.headers).toEqual({ allow: 'POST' })
    expect(c.retryable).toBe(false)
  })

  it('honours http-errors expose: false on a 4xx', () => {
    const c = classify(createError(403, 'internal policy id 42', { expose: false }))
    expect(c).toMatchObject({ status: 403, code: 'FORBIDDEN', expose: false })
    expect(c.message).not.toContain('42')
  })

  it('hides the message of an http-errors 5xx', () => {
    const c = classify(createError(503, 'redis at 10.0.0.3 is down'))
    expect(c).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', expose: false, retryable: true })
    expect(c.message).not.toContain('10.0.0.3')
  })

  it('reads boom from output.statusCode, with its WWW-Authenticate header', () => {
    const c = classify(Boom.unauthorized('Token expired', 'Bearer'))
    expect(c).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
      message: 'Token expired',
      rule: 'status:boom',
    })
    expect(c.headers['www-authenticate']).toContain('Bearer')
    expect(classify(Boom.conflict('taken'))).toMatchObject({ status: 409, code: 'CONFLICT' })
    expect(classify(Boom.badImplementation('db creds wrong'))).toMatchObject({ status: 500, expose: false })
  })

  it('reads a boom 429 with its Retry-After', () => {
    const error = Boom.tooManyRequests('slow down')
    error.output.headers['Retry-After'] = '30'
    expect(classify(error)).toMatchObject({ status: 429, retryAfter: 30, retryable: true })
  })

  it("reads Hono's HTTPException", () => {
    const c = classify(new HTTPException(403, { message: 'Not your project' }))
    expect(c).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Not your project',
      rule: 'status:hono',
    })
  })

  it('reads NestJS exceptions, 501 included', () => {
    expect(classify(new GoneException())).toMatchObject({ status: 410, code: 'GONE', rule: 'status:nestjs' })
    expect(classify(new NotImplementedException())).toMatchObject({ status: 501, code: 'NOT_IMPLEMENTED' })
    expect(classify(new BadRequestException('bad cursor'))).toMatchObject({
      status: 400,
      message: 'bad cursor',
    })
  })

  it("lets the cause decide where Nest's platform restated it (same status, same message)", () => {
    // What @nestjs/platform-express's mapException makes of body-parser's errors.
    let parseError: unknown
    try {
      JSON.parse('{"email": ')
    } catch (error) {
      parseError = Object.assign(error as Error, {
        status: 400,
        statusCode: 400,
        type: 'entity.parse.failed',
      })
    }
    const mapped = new BadRequestException((parseError as Error).message, { cause: parseError })
    expect(classify(mapped)).toMatchObject({
      status: 400,
      rule: 'request-parsing:body-parser:entity.parse.failed',
      message: 'The request body is not valid JSON.',
    })
    const tooLarge = createError(413, 'request entity too large', { type: 'entity.too.large' })
    expect(classify(new HttpException(tooLarge.message, 413, { cause: tooLarge })).rule).toBe(
      'request-parsing:body-parser:entity.too.large',
    )
    // An app's own decision, with another message, stands over its cause.
    const taken = new ConflictException('That email is taken.', { cause: createError(409, 'dup key') })
    expect(classify(taken)).toMatchObject({
      status: 409,
      rule: 'status:nestjs',
      message: 'That email is taken.',
    })
  })

  it('reads h3 v2 HTTPError', () => {
    expect(classify(new HTTPError({ status: 418, message: 'short and stout' }))).toMatchObject({
      status: 418,
      code: 'IM_A_TEAPOT',
      rule: 'status:h3',
    })
  })

  it('reads @fastify/error errors and a real Fastify 404 error', async () => {
    const Gone = createFastifyError('APP_GONE', 'Project %s was deleted', 410)
    expect(classify(new Gone('p1'))).toMatchObject({
      status: 410,
      code: 'GONE',
      message: 'Project p1 was deleted',
    })

    const app = fastify()
    let seen: unknown
    app.setErrorHandler((error, _request, reply) => {
      seen = error
      reply.code(500).send()
    })
    app.post('/', async () => ({}))
    await app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-nope' },
      payload: 'x',
    })
    expect(classify(seen)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' })
  })

  it("reads Koa's ctx.throw", async () => {
    const app = new Koa()
    let seen: unknown
    const ctx = app.createContext({ headers: {}, socket: {} } as never, {} as never)
    try {
      ctx.throw(402, 'card declined', { reason: 'x' })
    } catch (error) {
      seen = error
    }
    expect(classify(seen)).toMatchObject({ status: 402, code: 'PAYMENT_REQUIRED', message: 'card declined' })
  })

  it.each([300, 200, -1, 600, 69420, Number.NaN, '404', 404.5])(
    'treats status %s as no status: 500',
    (status) => {
      const c = classify(Object.assign(new Error('x'), { status }))
      expect(c).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR', rule: 'fallback' })
      expect(classify({ statusCode: status })).toMatchObject({ status: 500 })
    },
  )

  it('lets the cause decide when the wrapper carries no valid status', () => {
    const cause = createError(404)
    expect(classify(Object.assign(new Error('wrapped', { cause }), { status: 302 }))).toMatchObject({
      status: 404,
    })
  })
})

describe("h3's unhandled wrapper", () => {
  it('lets a recognised cause decide, and stays a 500 otherwise', async () => {
    const { H3 } = await import('h3')
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {}) // h3 prints unhandled errors
    const seen: unknown[] = []
    const app = new H3({
      onError(error) {
        seen.push(error)
      },
    })
    app.get('/refused', () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
        syscall: 'connect',
      })
    })
    app.get('/plain', () => {
      throw new Error('x')
    })
    await app.fetch(new Request('http://localhost/refused'))
    await app.fetch(new Request('http://localhost/plain'))
    expect(printed).toHaveBeenCalledWith(seen[0])
    printed.mockRestore()
    expect(seen).toHaveLength(2)
    expect(seen[0]).toMatchObject({ status: 500, unhandled: true })
    expect(classify(seen[0])).toMatchObject({ status: 503, rule: 'node-system:ECONNREFUSED' })
    expect(classify(seen[1])).toMatchObject({ status: 500, rule: 'status:h3' })
  })

  it("lets an upstream's status behind it decide by the upstream policy, never pass through", async () => {
    const { H3 } = await import('h3')
    const { default: axios } = await import('axios')
    const upstream = createServer((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end('{"error":"bad key"}')
    })
    const port = await listen(upstream)
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
    const seen: unknown[] = []
    const app = new H3({
      onError(error) {
        seen.push(error)
      },
    })
    app.get('/charge', () => axios.get(`http://127.0.0.1:${port}/v1/charges`))
    try {
      await app.fetch(new Request('http://localhost/charge'))
    } finally {
      printed.mockRestore()
      upstream.close()
    }
    // h3 copied the upstream's 401 onto its wrapper; the wrapper says less than the axios error.
    expect(seen[0]).toMatchObject({ status: 401, unhandled: true })
    const c = classify(seen[0])
    expect(c.status).toBe(500)
    expect(c.rule).toMatch(/^upstream:axios/)
    expect(c.headers).toEqual({})
  })
})

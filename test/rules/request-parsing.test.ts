import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import fastify from 'fastify'
import fastify4 from 'fastify4'
import multer from 'multer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classify } from '../../src/index.js'

/** Errors produced by real body parsers on real requests over loopback. */
const caught: Record<string, unknown> = {}
let url = ''
let close: () => Promise<void>

beforeAll(async () => {
  const app = express()
  const upload = multer({ limits: { fileSize: 8 } })
  app.post('/json', express.json({ limit: 64 }), (_req, res) => res.end())
  app.post('/text', express.text({ type: '*/*' }), (_req, res) => res.end())
  app.post('/upload', upload.single('file'), (_req, res) => res.end())
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    caught[`${req.path}:${String(req.headers['x-case'])}`] = error
    res.status(599).end()
  })
  const server = createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => new Promise((resolve) => server.close(() => resolve()))
})
afterAll(() => close())

async function send(path: string, name: string, init: RequestInit) {
  await fetch(`${url}${path}`, { method: 'POST', ...init, headers: { ...init.headers, 'x-case': name } })
  return caught[`${path}:${name}`]
}

describe('body-parser (Express 5)', () => {
  it('entity.parse.failed is 400 with a constant message', async () => {
    const error = await send('/json', 'syntax', {
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    })
    const c = classify(error)
    expect(c).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      rule: 'request-parsing:body-parser:entity.parse.failed',
    })
    expect(c.message).toBe('The request body is not valid JSON.')
  })

  it('entity.too.large is 413', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(200) })
    const error = await send('/json', 'large', { headers: { 'content-type': 'application/json' }, body })
    expect(classify(error)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', retryable: false })
  })

  it('charset.unsupported and encoding.unsupported are 415', async () => {
    const charset = await send('/json', 'charset', {
      headers: { 'content-type': 'application/json; charset=klingon' },
      body: '{}',
    })
    expect(classify(charset)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' })
    const encoding = await send('/text', 'encoding', {
      headers: { 'content-encoding': 'zstd-nope' },
      body: 'x',
    })
    expect(classify(encoding)).toMatchObject({
      status: 415,
      rule: 'request-parsing:body-parser:encoding.unsupported',
    })
  })

  it('a corrupt gzip body is 400', async () => {
    const error = await send('/text', 'gzip', { headers: { 'content-encoding': 'gzip' }, body: 'not gzip' })
    expect(classify(error)).toMatchObject({ status: 400 })
  })
})

describe('multer', () => {
  it('LIMIT_FILE_SIZE is 413 and LIMIT_UNEXPECTED_FILE is 400', async () => {
    const big = new FormData()
    big.append('file', new Blob(['0123456789abcdef']), 'a.txt')
    expect(classify(await send('/upload', 'size', { body: big }))).toMatchObject({
      status: 413,
      rule: 'request-parsing:multer:LIMIT_FILE_SIZE',
    })
    const other = new FormData()
    other.append('other', new Blob(['x']), 'a.txt')
    expect(classify(await send('/upload', 'field', { body: other }))).toMatchObject({
      status: 400,
      rule: 'request-parsing:multer:LIMIT_UNEXPECTED_FILE',
    })
  })

  it('a malformed multipart body (busboy) is 400', async () => {
    const error = await send('/upload', 'malformed', {
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc',
    })
    expect(classify(error)).toMatchObject({ status: 400, code: 'BAD_REQUEST' })
  })
})

describe.each([
  ['Fastify 5', fastify],
  ['Fastify 4', fastify4 as unknown as typeof fastify],
])('%s content-type parser', (_name, make) => {
  async function errorOf(init: { payload: string; headers: Record<string, string> }) {
    const app = make({ bodyLimit: 32 })
    let seen: unknown
    app.setErrorHandler((error, _request, reply) => {
      seen = error
      reply.code(500).send()
    })
    app.post('/', async () => ({}))
    await app.inject({ method: 'POST', url: '/', ...init })
    await app.close()
    return seen
  }

  it('invalid JSON is 400', async () => {
    const c = classify(await errorOf({ payload: '{"a":', headers: { 'content-type': 'application/json' } }))
    expect(c).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The request body is not valid JSON.',
    })
  })

  it('a body over bodyLimit is 413', async () => {
    const payload = JSON.stringify({ pad: 'x'.repeat(100) })
    const c = classify(await errorOf({ payload, headers: { 'content-type': 'application/json' } }))
    expect(c).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' })
  })

  it('an unknown media type is 415', async () => {
    const c = classify(await errorOf({ payload: 'x', headers: { 'content-type': 'application/x-unknown' } }))
    expect(c).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' })
  })
})

describe('a bare SyntaxError', () => {
  it('is 500: nothing says it came from the request', () => {
    let error: unknown
    try {
      JSON.parse('{')
    } catch (e) {
      error = e
    }
    expect(classify(error)).toMatchObject({ status: 500, rule: 'fallback' })
  })
})

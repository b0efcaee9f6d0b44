import vm from 'node:vm'
import createError from 'http-errors'
import { describe, expect, it } from 'vitest'
import { classify, httpError, notFound } from '../../src/index.js'
import { hostileValues } from './hostile.js'

describe('classify is total', () => {
  it.each(Object.entries(hostileValues()))(
    'answers %s with a status in 400–599 and never throws',
    (_name, make) => {
      const c = classify(make())
      expect(Number.isInteger(c.status)).toBe(true)
      expect(c.status).toBeGreaterThanOrEqual(400)
      expect(c.status).toBeLessThanOrEqual(599)
      expect(c.code).toMatch(/^[A-Z][A-Z0-9_]+$/)
      expect(typeof c.message).toBe('string')
      expect(c.message.length).toBeLessThanOrEqual(1024)
    },
  )

  it('answers the primitives and nothing-recognised values with the fallback 500', () => {
    for (const value of [null, undefined, 'x', 42, Symbol('s'), 10n, {}, []]) {
      expect(classify(value)).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR', rule: 'fallback' })
    }
  })
})

describe('the cause chain', () => {
  it("gives an unrecognised wrapper its cause's status", () => {
    const c = classify(new Error('load failed', { cause: createError(404, 'gone away') }))
    expect(c).toMatchObject({ status: 404, rule: 'status:http-errors' })
    expect(c.message).toBe('gone away')
  })

  it('lets the outermost recognised value win over its cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    })
    const c = classify(httpError(409, 'That email is taken.', { code: 'EMAIL_TAKEN', cause }))
    expect(c).toMatchObject({ status: 409, code: 'EMAIL_TAKEN', message: 'That email is taken.' })
    expect(c.cause).not.toBe(cause)
  })

  it('reports the matched value as cause', () => {
    const inner = createError(410)
    expect(classify(new Error('outer', { cause: new Error('middle', { cause: inner }) })).cause).toBe(inner)
  })

  it('looks into AggregateError members', () => {
    const member = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })
    expect(classify(new AggregateError([member], ''))).toMatchObject({ status: 503 })
  })

  it("reads a message's words last: a cause that says more decides, else the outermost message", () => {
    const unique = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      severity: 'ERROR',
    })
    // The wrapper's words say "refused", its cause is a unique violation: the cause decides.
    expect(classify(new Error('connection refused', { cause: unique }))).toMatchObject({
      status: 409,
      rule: 'postgres:23505',
    })
    // Two messages and nothing more definite: the outermost message speaks.
    const hangUp = new Error('socket hang up')
    expect(classify(new Error('read timeout', { cause: hangUp }))).toMatchObject({
      status: 504,
      rule: 'transient:timeout',
    })
    // An outer message before an inner weak verdict of a family (fetch's "fetch failed", 502).
    const fetchFailed = new TypeError('fetch failed', { cause: new Error('other side closed') })
    expect(classify(new Error('read timeout', { cause: fetchFailed }))).toMatchObject({ status: 504 })
    // A weak verdict of a family before an inner message: both weak, so the outermost speaks.
    expect(classify(new TypeError('fetch failed', { cause: new Error('read timeout') }))).toMatchObject({
      status: 502,
      rule: 'fetch:failed',
    })
  })

  it('stops at the depth cap: a cause 20 levels down is not read', () => {
    let deep: unknown = createError(404)
    for (let i = 0; i < 20; i++) deep = new Error(`level ${i}`, { cause: deep })
    expect(classify(deep)).toMatchObject({ status: 500, rule: 'fallback' })
    let shallow: unknown = createError(404)
    for (let i = 0; i < 5; i++) shallow = new Error(`level ${i}`, { cause: shallow })
    expect(classify(shallow)).toMatchObject({ status: 404 })
  })
})

describe('duck typing across realms and copies', () => {
  it('recognises errors made in another realm (node:vm)', () => {
    const foreign = vm.runInNewContext(
      `const e = new TypeError('fetch failed');
       e.cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
       e`,
    )
    expect(foreign instanceof Error).toBe(false)
    expect(classify(foreign)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' })
  })

  it("reads errors made by a duplicated copy of http-errors (Koa's http-assert ships its own)", async () => {
    const { createRequire } = await import('node:module')
    const require = createRequire(`${process.cwd()}/node_modules/http-assert/index.js`)
    const copy = require('http-errors') as typeof createError
    expect(copy).not.toBe(createError)
    const error = copy(404, 'from the other copy')
    expect(error instanceof createError.HttpError).toBe(false)
    expect(classify(error)).toMatchObject({ status: 404, message: 'from the other copy' })
  })

  it('reads httpError errors made by the built CommonJS copy of this package', async () => {
    const { createRequire } = await import('node:module')
    const require = createRequire(import.meta.url)
    const built = require('../../dist/index.cjs') as typeof import('../../src/index.js')
    const error = built.httpError(409, 'from dist', { code: 'DUPLICATE' })
    expect(classify(error)).toMatchObject({
      status: 409,
      code: 'DUPLICATE',
      message: 'from dist',
      rule: 'http-error',
    })
  })
})

describe('messages', () => {
  it('never exposes a plain Error, whatever it says', () => {
    const c = classify(new Error('db password=hunter2'))
    expect(c).toMatchObject({ status: 500, expose: false, message: 'An unexpected error occurred.' })
  })

  it('strips control characters and caps an exposed message', () => {
    const c = classify(notFound(`line1\r\nX-Injected: 1\u0000${'y'.repeat(5000)}`))
    for (const control of ['\r', '\n', '\u0000']) expect(c.message).not.toContain(control)
    expect(c.message.length).toBeLessThanOrEqual(1024)
    expect(c.message.endsWith('…')).toBe(true)
  })
})

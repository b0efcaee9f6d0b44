import Boom from '@hapi/boom'
import fc from 'fast-check'
import createError from 'http-errors'
import jwt from 'jsonwebtoken'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { classify, createSerializer, httpError, serialize } from '../../src/index.js'
import { hostileValues } from './hostile.js'

const requestId = '01JD3W9Q0X7M2X4C5V6B7N8M9P'
const RUNS = 10_000

function expiredToken(): unknown {
  try {
    return jwt.verify(jwt.sign({ sub: 'u1', exp: 1 }, 'k'), 'k')
  } catch (error) {
    return error
  }
}

const GOLDEN: Record<string, () => unknown> = {
  404: () => createError(404, 'No such order'),
  422: () => z.object({ email: z.email() }).safeParse({ email: 'nope' }).error,
  401: expiredToken,
  503: () => httpError(503, 'db maintenance', { retryAfter: 120 }),
  500: () => new Error('db password=hunter2'),
}

describe('golden bodies', () => {
  it.each(Object.keys(GOLDEN))('Problem Details for a %s', (status) => {
    const out = serialize(GOLDEN[status]?.(), { requestId, instance: '/orders/7' })
    expect({ status: out.status, headers: out.headers, body: out.body }).toMatchSnapshot()
  })

  it.each(Object.keys(GOLDEN))('plain JSON for a %s', (status) => {
    const out = serialize(GOLDEN[status]?.(), { requestId, format: 'json' })
    expect({ status: out.status, headers: out.headers, body: out.body }).toMatchSnapshot()
  })

  it('a 500 body holds only the generic title, message, code and request id', () => {
    expect(serialize(new Error('db password=hunter2'), { requestId }).body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      code: 'INTERNAL_SERVER_ERROR',
      request_id: requestId,
      retryable: false,
    })
  })
})

describe('serialize options', () => {
  it('resolves the code against typeBase as a URL reference', () => {
    const type = (typeBase: string) => serialize(createError(404), { requestId, typeBase }).body
    expect(type('https://x/p')).toMatchObject({ type: 'https://x/not-found' })
    expect(type('https://x/p/')).toMatchObject({ type: 'https://x/p/not-found' })
    expect(type('https://x/p/?q=1')).toMatchObject({ type: 'https://x/p/not-found' })
  })

  it('builds the problem type from typeBase and the code', () => {
    const out = serialize(createError(404), { requestId, typeBase: 'https://errors.example.com/' })
    expect(out.body).toMatchObject({ type: 'https://errors.example.com/not-found' })
  })

  it('accepts a classification as well as a thrown value', () => {
    const c = classify(Boom.conflict('taken'))
    expect(serialize(c, { requestId }).body).toMatchObject({ status: 409, detail: 'taken' })
  })

  it('uses a custom formatter, and falls back to Problem Details if it throws or returns what JSON cannot hold', () => {
    const custom = createSerializer({
      format: (c, ctx) => ({ ok: false, error: { code: c.code, id: ctx.requestId } }),
    })
    const out = custom(createError(404), { requestId })
    expect(out.body).toEqual({ ok: false, error: { code: 'NOT_FOUND', id: requestId } })
    expect(out.headers['content-type']).toBe('application/json')
    for (const format of [
      () => {
        throw new Error('formatter bug')
      },
      () => ({ big: 10n }),
    ]) {
      const fallback = createSerializer({ format })(createError(404), { requestId })
      expect(fallback.body).toMatchObject({ type: 'about:blank', status: 404 })
      expect(fallback.headers['content-type']).toBe('application/problem+json')
    }
  })

  it('caps the message to maxMessageLength', () => {
    const out = serialize(createError(400, 'x'.repeat(5000)), { requestId, maxMessageLength: 100 })
    expect((out.body as { detail: string }).detail).toHaveLength(100)
  })

  it('adds the stack and cause chain only with debug: true', () => {
    const error = new Error('outer', { cause: new Error('inner detail') })
    expect(JSON.stringify(serialize(error, { requestId }).body)).not.toContain('inner detail')
    const body = serialize(error, { requestId, debug: true }).body as {
      debug: { causes: { message: string }[]; stack: string }
    }
    expect(body.debug.causes[0]?.message).toBe('inner detail')
    expect(body.debug.stack).toContain('outer')
  })

  it('generates a ULID when the request id is missing or unsafe', () => {
    for (const id of [undefined, 'a\r\nb', 'x'.repeat(129), 'déjà-vu', '']) {
      const out = serialize(createError(404), id === undefined ? {} : { requestId: id })
      expect(out.requestId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
      expect(out.headers['x-request-id']).toBe(out.requestId)
    }
  })

  it.each([
    [{ format: 'xml' }, /format/],
    [{ typeBase: 'https://x/\r\n' }, /typeBase/],
    [
      { typeBase: 'not a url' },
      /"not a url" is not an absolute URL a code can be resolved against; give an absolute URL/,
    ],
    [{ typeBase: '/problems/' }, /is not an absolute URL/],
    [{ typeBase: 'urn:example:problems:' }, /is not an absolute URL a code can be resolved against/],
    [{ typeBase: 42 }, /typeBase/],
    [{ maxMessageLength: 0 }, /maxMessageLength/],
    [{ debug: 'yes' }, /debug/],
  ])('rejects %o at creation', (options, message) => {
    expect(() => createSerializer(options as never)).toThrow(message)
  })
})

// Canaries: random strings planted in every part of an error that a 5xx must never show.
const canary = fc.stringMatching(/^[a-z0-9]{12}$/).map((s) => `CANARY${s}`)

const plantedError = fc
  .record({
    message: canary,
    name: fc.constantFrom('Error', 'TypeError', 'DatabaseError', 'error'),
    cause: canary,
    nested: canary,
    prop: canary,
    sql: canary,
    status: fc.constantFrom(undefined, 500, 502, 503, 504, 599, 200, 'x'),
    code: fc.constantFrom(undefined, 'ECONNREFUSED', 'ETIMEDOUT', 'ENOENT', '23505', 'XX000'),
  })
  .map((p) => {
    const error = new Error(p.message, { cause: new Error(p.cause, { cause: { detail: p.nested } }) })
    error.name = p.name
    Object.assign(error, { internal: p.prop, sql: `select * from users where token='${p.sql}'` })
    if (p.status !== undefined) Object.assign(error, { status: p.status })
    if (p.code !== undefined) Object.assign(error, { code: p.code })
    error.stack = `${p.name}: ${p.message}\n    at secret (/srv/${p.prop}.js:1:1)`
    return { error, canaries: [p.message, p.cause, p.nested, p.prop, p.sql] }
  })

describe('properties', () => {
  const serializer = createSerializer()

  it('serialize never throws, answers 400–599, and its body survives JSON unchanged', () => {
    const values = Object.values(hostileValues()).map((make) => make())
    // Hostile values are picked by index: fast-check itself inspects the values it generates.
    const pick = fc.record({ hostile: fc.boolean(), any: fc.anything(), index: fc.nat(values.length - 1) })
    fc.assert(
      fc.property(pick, ({ hostile, any, index }) => {
        const value = hostile ? values[index] : any
        const out = serializer(value, { requestId })
        expect(out.status).toBeGreaterThanOrEqual(400)
        expect(out.status).toBeLessThanOrEqual(599)
        expect(JSON.parse(JSON.stringify(out.body))).toEqual(out.body)
      }),
      { numRuns: RUNS },
    )
  })

  it('a 5xx body and its headers hold nothing of the error', () => {
    fc.assert(
      fc.property(
        plantedError,
        fc.constantFrom('problem' as const, 'json' as const),
        ({ error, canaries }, format) => {
          const out = serialize(error, { requestId, format })
          if (out.status < 500) return
          const seen = JSON.stringify(out.body) + JSON.stringify(out.headers)
          for (const planted of canaries) expect(seen).not.toContain(planted)
        },
      ),
      { numRuns: RUNS },
    )
  })
})

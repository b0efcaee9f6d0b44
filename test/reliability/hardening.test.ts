// The hand-written cases behind the safe body's promises (docs/guarantees.md): headers copied from
// errors, forged classifications, bounded work, one bad member, and text. The property-based suite
// (`properties.test.ts`) generalises each; these name the values that once broke a promise.

import vm from 'node:vm'
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import Boom from '@hapi/boom'
import createError from 'http-errors'
import { describe, expect, it } from 'vitest'
import {
  type Classification,
  classify,
  createClassifier,
  createResponder,
  createSerializer,
  httpError,
  serialize,
} from '../../src/index.js'
import { guardProcess } from './support/guard.js'

guardProcess()

const SECRET = 'SECRET-c4n4ry'
/** The headers every error response carries, whatever the error. */
const BASE_HEADERS = new Set([
  'content-type',
  'cache-control',
  'x-content-type-options',
  'content-security-policy',
  'x-request-id',
])

function extraHeaders(value: unknown, options?: Parameters<typeof createSerializer>[0]) {
  const out = createSerializer(options)(value, { requestId: 'req-1' })
  const extra: Record<string, string> = {}
  for (const [name, headerValue] of Object.entries(out.headers))
    if (!BASE_HEADERS.has(name)) extra[name] = headerValue
  return { out, extra }
}

/** A value as a Worker receives it: through the structured clone of a real MessagePort. */
function posted<T>(value: T): T {
  const { port1, port2 } = new MessageChannel()
  port1.postMessage(value)
  const received = receiveMessageOnPort(port2)?.message as T
  port1.close()
  return received
}

describe('headers copied from errors: allowlisted names, values by their grammar', () => {
  const secretRetryAfter = [
    [
      'a plain object',
      () => Object.assign(new Error('x'), { status: 503, headers: { 'retry-after': SECRET } }),
    ],
    [
      "Boom's output.headers",
      () => {
        const error = Boom.serverUnavailable('x')
        error.output.headers['Retry-After'] = SECRET
        return error
      },
    ],
    [
      'a Map',
      () => Object.assign(new Error('x'), { status: 503, headers: new Map([['retry-after', SECRET]]) }),
    ],
    [
      'a vm-realm error',
      () =>
        vm.runInNewContext(
          `Object.assign(new Error('x'), { status: 503, headers: { 'retry-after': ${JSON.stringify(SECRET)} } })`,
        ),
    ],
    [
      'a Worker-posted object',
      () => posted({ message: 'x', status: 503, headers: { 'retry-after': SECRET } }),
    ],
    ['httpError(…, { headers })', () => httpError(503, 'x', { headers: { 'retry-after': SECRET } })],
    [
      'Koa-style err.headers (http-errors)',
      () => createError(429, 'slow down', { headers: { 'Retry-After': SECRET } }),
    ],
  ] as const

  it.each(secretRetryAfter)(
    'drops a Retry-After that is not delay-seconds or an HTTP-date: %s',
    (_name, make) => {
      const { out, extra } = extraHeaders(make())
      expect(out.status).toBeGreaterThanOrEqual(429)
      expect(extra).toEqual({})
      expect(JSON.stringify([out.headers, out.body])).not.toContain(SECRET)
    },
  )

  it.each([
    ['Infinity', undefined],
    ['-1', undefined],
    ['1e+308', undefined],
    ['NaN', undefined],
    ['1 X: y', undefined],
    ['0x10', undefined],
    [' 120', '120'],
    ['120', '120'],
    ['99999999', '86400'],
    [Number.POSITIVE_INFINITY, undefined],
    [-5, undefined],
    [Number.NaN, undefined],
    [7.2, '8'],
    [1e308, '86400'],
  ] as const)('on a 429, Retry-After %s becomes %s', (given, expected) => {
    const { out, extra } = extraHeaders(createError(429, 'slow down', { headers: { 'retry-after': given } }))
    expect(out.status).toBe(429)
    expect(extra['retry-after']).toBe(expected)
    expect(out.classification.retryAfter).toBe(expected === undefined ? undefined : Number(expected))
  })

  it('normalises an HTTP-date Retry-After to the seconds from now, capped at a day', () => {
    const inAMinute = new Date(Date.now() + 60_000).toUTCString()
    const { extra } = extraHeaders(createError(429, 'x', { headers: { 'Retry-After': inAMinute } }))
    expect(Number(extra['retry-after'])).toBeGreaterThanOrEqual(58)
    expect(Number(extra['retry-after'])).toBeLessThanOrEqual(61)
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toUTCString()
    expect(extraHeaders(createError(429, 'x', { headers: { 'Retry-After': inAYear } })).extra).toEqual({
      'retry-after': '86400',
    })
  })

  it('drops a value with CR or LF instead of folding it into one line', () => {
    const { extra } = extraHeaders(
      createError(401, 'who?', { headers: { 'WWW-Authenticate': `Bearer\r\nSet-Cookie: ${SECRET}=1` } }),
    )
    expect(extra).toEqual({})
  })

  it.each([
    ['www-authenticate', 401, 'Bearer realm="api", error="invalid_token"', true],
    ['www-authenticate', 401, 'Basic realm="x", Bearer', true],
    ['www-authenticate', 401, 'Negotiate a87421000492aa874209af8bc028', true],
    ['www-authenticate', 401, 'Bearer realm="x" <script>', false],
    ['www-authenticate', 401, '"quoted scheme"', false],
    ['proxy-authenticate', 407, 'Basic realm="proxy"', true],
    ['allow', 405, 'GET, HEAD, POST', true],
    ['allow', 405, 'GET, <img src=x>', false],
    ['allow', 405, 'GET;rm -rf', false],
    ['accept', 406, 'application/json, text/plain;q=0.5', true],
    ['accept', 406, 'application/json <b>', false],
    ['accept-encoding', 415, 'gzip, br;q=0.9', true],
    ['accept-patch', 415, 'application/merge-patch+json', true],
    ['accept-post', 415, 'application/json, text/turtle', true],
    ['accept-ranges', 416, 'bytes', true],
    ['content-range', 416, 'bytes */1234', true],
    ['content-range', 416, 'bytes 0-99/1234', true],
    ['content-range', 400, 'bytes */1234', false],
    ['content-range', 416, 'bytes */x', false],
    ['ratelimit', 429, '"default";r=0;t=30', true],
    ['ratelimit-policy', 429, '"default";q=100;w=60, "daily";q=1000;w=86400', true],
    ['ratelimit', 429, `"default";r=0;t=${SECRET} x`, false],
  ] as const)('%s on a %s: %s is kept: %s', (name, status, value, kept) => {
    const { out, extra } = extraHeaders(createError(status, 'x', { headers: { [name]: value } }))
    expect(out.status).toBe(status)
    expect(extra[name]).toBe(kept ? value : undefined)
  })

  it('never copies a header outside the allowlist', () => {
    const headers = {
      'set-cookie': 'session=1',
      location: 'https://evil.example/',
      'content-type': 'text/html',
      'x-secret': SECRET,
      'access-control-allow-origin': '*',
      link: '<https://evil.example/>; rel=preload',
      'retry-after': '5',
    }
    expect(extraHeaders(createError(429, 'x', { headers })).extra).toEqual({ 'retry-after': '5' })
  })

  it('keeps only Retry-After on a 5xx', () => {
    const error = Object.assign(new Error('x'), {
      status: 503,
      headers: { 'retry-after': '30', 'www-authenticate': 'Bearer', allow: 'GET', ratelimit: '"d";r=0;t=1' },
    })
    expect(extraHeaders(error).extra).toEqual({ 'retry-after': '30' })
  })

  it('reads Headers, Map and axios-like headers case-insensitively where they are', () => {
    const viaHeaders = createError(429, 'x', { headers: new Headers({ 'Retry-After': '7' }) as never })
    expect(extraHeaders(viaHeaders).extra).toEqual({ 'retry-after': '7' })
    const viaMap = Object.assign(new Error('x'), { status: 405, headers: new Map([['Allow', 'GET']]) })
    expect(extraHeaders(viaMap).extra).toEqual({ allow: 'GET' })
  })
})

describe('forged classifications', () => {
  /** A value whose `key` answers `first` on the first read and `then` after. */
  function flipping(base: Record<string, unknown>, key: string, first: unknown, then: unknown) {
    let reads = 0
    return Object.defineProperty({ ...base }, key, {
      enumerable: true,
      get: () => (reads++ === 0 ? first : then),
    })
  }
  const looksLikeOurs = {
    [Symbol.for('http-triage.classification')]: true,
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
    title: 'Internal Server Error',
    message: 'An unexpected error occurred.',
    expose: false,
    retryable: false,
    headers: {},
    rule: 'fallback',
    cause: undefined,
  }
  const forgeries: readonly [string, () => unknown][] = [
    ['a status getter that answers 500, then 200', () => flipping(looksLikeOurs, 'status', 500, 200)],
    [
      'a message getter that answers the generic text, then a secret',
      () => flipping(looksLikeOurs, 'message', looksLikeOurs.message, SECRET),
    ],
    [
      'details on a 5xx',
      () => ({ ...looksLikeOurs, details: [{ path: SECRET, message: SECRET, code: 'x' }] }),
    ],
    [
      'header names outside the allowlist',
      () => ({ ...looksLikeOurs, headers: { 'set-cookie': `${SECRET}=1`, location: `https://${SECRET}/` } }),
    ],
    [
      'a headers Proxy whose ownKeys throws',
      () => ({
        ...looksLikeOurs,
        headers: new Proxy(
          {},
          {
            ownKeys() {
              throw new Error(SECRET)
            },
          },
        ),
      }),
    ],
    [
      'a million details on a 4xx',
      () => ({
        ...looksLikeOurs,
        status: 422,
        code: 'VALIDATION_FAILED',
        title: 'Unprocessable Content',
        message: 'invalid',
        details: Array.from({ length: 1_000_000 }, (_, i) => ({
          path: `a.${i}`,
          message: 'x'.repeat(40),
          code: 'c',
        })),
      }),
    ],
  ]

  /** The ways a forged classification reaches `serialize`: thrown, passed, or answered by the app's classifier. */
  const doors: readonly [string, (forged: () => unknown) => ReturnType<typeof serialize>][] = [
    ['passed to serialize()', (forged) => serialize(forged())],
    [
      'answered by a custom classify',
      (forged) => createSerializer({ classify: () => forged() as Classification })(new Error('x')),
    ],
  ]

  for (const [door, run] of doors) {
    it.each(forgeries)(`${door}: %s gives a sound answer with nothing of the forgery`, (_name, forged) => {
      const out = run(forged)
      expect(out.status).toBe(out.classification.status)
      expect(out.status).toBeGreaterThanOrEqual(400)
      expect(out.status).toBeLessThanOrEqual(599)
      const text = JSON.stringify(out.body)
      expect(text).not.toContain(SECRET)
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(128 * 1024)
      for (const name of Object.keys(out.headers))
        expect(BASE_HEADERS.has(name) || name === 'retry-after').toBe(true)
      if (out.status >= 500) expect((out.body as { errors?: unknown }).errors).toBeUndefined()
    })
  }

  it('a thrown value carrying the old brand is classified, not believed', () => {
    const out = serialize({ ...looksLikeOurs, status: 200, message: SECRET })
    expect(out.status).toBe(500)
    expect(JSON.stringify(out.body)).not.toContain(SECRET)
  })

  it('a classification the library made is used as it is, and cannot be changed', () => {
    const made = classify(createError(404, 'no such order'))
    expect(Object.isFrozen(made)).toBe(true)
    expect(Object.isFrozen(made.headers)).toBe(true)
    expect(serialize(made).classification).toBe(made)
    const copy = { ...made, status: 200 }
    expect(serialize(copy).status).not.toBe(200)
  })

  it('a responder answers HEAD with no body even for a forgery that makes serialize fail', () => {
    const respond = createResponder({ classify: () => forgeries[4]?.[1]() as Classification })
    const out = respond(new Error('x'), { method: 'HEAD' })
    expect(out.body).toBeNull()
    expect(out.status).toBe(500)
  })
})

describe('bounded work: counted, not timed', () => {
  /** How many traps of an error's `headers` a serialization runs, for headers of `count` keys. */
  function trapsFor(count: number): number {
    let traps = 0
    const many = Object.fromEntries(Array.from({ length: count }, (_, i) => [`x-${i}`, 'v']))
    const headers = new Proxy(many, {
      get(target, key) {
        traps++
        return Reflect.get(target, key)
      },
      ownKeys(target) {
        traps += count
        return Reflect.ownKeys(target)
      },
      getOwnPropertyDescriptor(target, key) {
        traps++
        return Reflect.getOwnPropertyDescriptor(target, key)
      },
      has(target, key) {
        traps++
        return Reflect.has(target, key)
      },
    })
    const out = serialize(Object.assign(new Error('x'), { status: 429, headers }))
    expect(out.status).toBe(429)
    return traps
  }

  it('reads a fixed number of properties of an error’s headers, whatever their number', () => {
    const few = trapsFor(1)
    expect(trapsFor(1_000_000)).toBe(few)
    // Each allowlisted name in two spellings, and the rules' few names: never an enumeration.
    expect(few).toBeLessThanOrEqual(64)
  })

  it('never iterates a Headers-like value: its forEach is not called', () => {
    let callbacks = 0
    const headers = {
      get: (name: string) => (name.toLowerCase() === 'retry-after' ? '3' : null),
      forEach(callback: (value: string, key: string) => void) {
        for (let i = 0; i < 5_000_000; i++) {
          callbacks++
          callback('v', `x-${i}`)
        }
      },
    }
    const out = serialize(Object.assign(new Error('x'), { status: 429, headers }))
    expect(out.headers['retry-after']).toBe('3')
    expect(callbacks).toBe(0)
  })
})

describe('body size', () => {
  it('a custom formatter whose body exceeds 128 kB gets the default body', () => {
    const serializer = createSerializer({
      format: (c) => ({ status: c.status, padding: 'x'.repeat(200_000), secret: SECRET }),
    })
    const out = serializer(createError(404, 'No such order'), { requestId: 'req-1' })
    expect(out.status).toBe(404)
    expect(out.headers['content-type']).toBe('application/problem+json')
    expect(out.body).toMatchObject({ status: 404, title: 'Not Found', detail: 'No such order' })
    const text = JSON.stringify(out.body)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(128 * 1024)
    expect(text).not.toContain(SECRET)
  })

  it('a custom formatter whose body is just under 128 kB keeps it (so the check above can fail)', () => {
    const serializer = createSerializer({ format: () => ({ padding: 'x'.repeat(120_000) }) })
    const out = serializer(new Error('x'), { requestId: 'req-1' })
    expect(out.headers['content-type']).toBe('application/json')
    expect((out.body as { padding?: string }).padding).toHaveLength(120_000)
  })
})

describe('one bad member does not spoil the answer', () => {
  it('a Map header key that is not a string', () => {
    const headers = new Map<unknown, string>([
      [Symbol('x'), 'v'],
      [{}, 'w'],
      ['retry-after', '5'],
    ])
    const out = serialize(Object.assign(new Error('x'), { status: 429, headers }))
    expect(out.status).toBe(429)
    expect(out.headers['retry-after']).toBe('5')
  })

  it('a detail whose getter throws is dropped, the others stay', () => {
    const bad = {
      get path(): string {
        throw new Error('detail getter')
      },
      message: 'm',
      code: 'c',
    }
    const classifier = createClassifier({
      rules: [
        () => ({
          status: 422,
          code: 'VALIDATION_FAILED',
          details: [bad, { path: 'email', message: 'Invalid email', code: 'format' }],
        }),
      ],
    })
    const c = classifier(new Error('x'))
    expect(c.status).toBe(422)
    expect(c.details).toEqual([{ path: 'email', message: 'Invalid email', code: 'format' }])
  })

  it('details that are a Proxy whose traps throw leave a 422 without details', () => {
    const details = new Proxy([], {
      get() {
        throw new Error('details trap')
      },
    })
    const classifier = createClassifier({
      rules: [() => ({ status: 422, code: 'VALIDATION_FAILED', details })],
    })
    const c = classifier(new Error('x'))
    expect(c.status).toBe(422)
    expect(c.details).toBeUndefined()
  })

  it('headers whose every trap throws leave a 429 without them', () => {
    const headers = new Proxy(
      {},
      {
        get() {
          throw new Error('trap')
        },
        has() {
          throw new Error('trap')
        },
      },
    )
    const out = serialize(Object.assign(new Error('x'), { status: 429, headers }))
    expect(out.status).toBe(429)
  })
})

describe('text in 4xx bodies', () => {
  it.each([
    ['a lone high surrogate', 'ab\uD800cd', 'abcd'],
    ['a lone low surrogate', 'ab\uDC00cd', 'abcd'],
    ['a lone surrogate at the end', 'abc\uD83D', 'abc'],
    ['zero-width space', 'ad\u200Bmin', 'admin'],
    ['left-to-right and right-to-left marks', 'a\u200Eb\u200Fc', 'abc'],
    ['the Arabic letter mark', 'a\u061Cb', 'ab'],
    ['a byte-order mark', '\uFEFFhel\uFEFFlo', 'hello'],
    ['a word joiner', 'a\u2060b', 'ab'],
    ['an emoji sequence with ZWJ (kept)', 'team 👩\u200D💻', 'team 👩\u200D💻'],
    ['ZWNJ, which Persian needs (kept)', 'می\u200Cخواهم', 'می\u200Cخواهم'],
    ['a surrogate pair (kept)', 'ok 😀', 'ok 😀'],
  ])('%s', (_name, message, expected) => {
    const out = serialize(createError(400, message))
    expect((out.body as { detail: string }).detail).toBe(expected)
  })
})

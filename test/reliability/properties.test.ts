// The safe body's promises as properties, over generated thrown values: arbitrary values, and
// objects and errors with the fields rules read (status, code, name, message, cause, headers,
// details) and the fields of a classification (the old brand, title, expose …), nested through
// `cause`. Every generated object is seen through a counting Proxy, so bounded work is asserted by
// counts (traps run, entries iterated), never by a timer. Each run plants its own canary.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Classification,
  createResponder,
  createSerializer,
  type SerializedError,
} from '../../src/index.js'
import { ERROR_HEADERS, validHeaderValue } from '../../src/internal/headers.js'
import { guardProcess } from './support/guard.js'

guardProcess()

/** Runs per property; six properties, 102,000 runs in all. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 17_000)
const MAX_BODY_BYTES = 128 * 1024
/**
 * The most traps one answer may run on the generated objects, and the most entries it may
 * iterate, whatever they hold: the probe reads each value's facts once, the walk visits at most 48
 * values, headers are looked up by name. Generated values hold thousands of keys and members.
 */
const MAX_TRAPS = 6_000
const MAX_ENTRIES = 0

const BASE_HEADERS = new Set([
  'content-type',
  'cache-control',
  'x-content-type-options',
  'content-security-policy',
  'x-request-id',
])
const ALLOWED = new Set(ERROR_HEADERS)
const CANARY = 'Zq9canary'
/** The keys of a generated wide headers object: more than any cap on reads (the test below varies it). */
let wide = 300

/** What one run counts: traps run on generated objects, entries iterated by anyone. */
interface Counter {
  traps: number
  entries: number
}

/** A generated object, seen through a Proxy that counts every trap. */
function counted<T extends object>(target: T, counter: Counter): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      counter.traps++
      return Reflect.get(t, key, receiver)
    },
    has(t, key) {
      counter.traps++
      return Reflect.has(t, key)
    },
    ownKeys(t) {
      counter.traps++
      return Reflect.ownKeys(t)
    },
    getOwnPropertyDescriptor(t, key) {
      counter.traps++
      return Reflect.getOwnPropertyDescriptor(t, key)
    },
    getPrototypeOf(t) {
      counter.traps++
      return Reflect.getPrototypeOf(t)
    },
  })
}

// ---------------------------------------------------------------------------------------------
// Generators. A "plan" is plain data that fast-check can shrink and print; `build` turns it into
// the thrown value, with the run's canary and counter.

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\r\n', 'a\u202eb', '\ud800', '\u200b', 'x'.repeat(2000)),
)
/** A string that may hold the canary. */
const secretText = fc.oneof(
  text,
  fc.tuple(text, text).map(([a, b]) => `${a}$CANARY${b}`),
  fc.constant('$CANARY'),
)
const statusLike = fc.oneof(
  fc.integer({ min: 400, max: 599 }),
  fc.constantFrom(200, 302, 399, 600, 999, -1, 0, 404.5, Number.NaN, Number.POSITIVE_INFINITY, 1e308),
  fc.constantFrom('404', '503', ' 500', '0x1f4'),
  secretText,
)
const codeLike = fc.oneof(
  fc.constantFrom(
    'ECONNREFUSED',
    'ETIMEDOUT',
    'ECONNRESET',
    'ENOTFOUND',
    'UND_ERR_CONNECT_TIMEOUT',
    '23505',
    '22P02',
    'P2002',
    'P2025',
    11000,
    'NOT_FOUND',
    'UNAUTHORIZED',
    'TOO_MANY_REQUESTS',
    'DEADLINE_EXCEEDED',
    'ERR_BAD_REQUEST',
    'ER_DUP_ENTRY',
    'SQLITE_BUSY',
    'VALIDATION_FAILED',
    'INTERNAL_SERVER_ERROR',
  ),
  secretText,
  fc.integer(),
)
const nameLike = fc.oneof(
  fc.constantFrom(
    'Error',
    'TypeError',
    'SyntaxError',
    'AbortError',
    'TimeoutError',
    'AxiosError',
    'HTTPError',
    'HttpError',
    'FetchError',
    'ZodError',
    'ValidationError',
    'PrismaClientKnownRequestError',
    'MongoServerError',
    'SequelizeUniqueConstraintError',
    'QueryFailedError',
    'NotFound',
    'APIError',
    'RequestError',
  ),
  secretText,
)
const headerName = fc.oneof(
  fc.constantFrom(...ERROR_HEADERS),
  fc.constantFrom('Retry-After', 'WWW-Authenticate', 'Allow', 'RateLimit', 'Content-Range'),
  fc.constantFrom(
    'set-cookie',
    'location',
    'content-type',
    'x-request-id',
    'x-secret',
    'link',
    'date',
    'server',
  ),
  text,
)
const headerValue = fc.oneof(
  secretText,
  fc.constantFrom(
    '120',
    '0',
    '-1',
    'Infinity',
    '1e+308',
    'NaN',
    'Wed, 21 Oct 2015 07:28:00 GMT',
    'Bearer realm="api"',
    'GET, HEAD',
    'bytes */1234',
    '"default";r=0;t=30',
    'a\r\nSet-Cookie: $CANARY=1',
    'application/json',
  ),
  fc.integer(),
  fc.double(),
  fc.array(secretText, { maxLength: 3 }),
)
const headersPlan = fc.record(
  {
    kind: fc.constantFrom('object', 'map', 'headers-like', 'wide'),
    entries: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
  },
  { requiredKeys: ['kind', 'entries'] },
)
const issuePlan = fc.record(
  { path: fc.oneof(secretText, fc.integer()), message: secretText, code: secretText, throws: fc.boolean() },
  { requiredKeys: [] },
)
const detailsPlan = fc.oneof(
  fc.array(issuePlan, { maxLength: 6 }),
  fc.record({ many: fc.constant(true), size: fc.integer({ min: 101, max: 400 }) }),
  secretText,
)

interface Plan {
  readonly shape: 'object' | 'error' | 'null-proto'
  readonly fields: Record<string, unknown>
  readonly cause?: Plan | undefined
}

const { plan } = fc.letrec<{ plan: Plan }>((tie) => ({
  plan: fc.record(
    {
      shape: fc.constantFrom('object', 'error', 'null-proto'),
      fields: fc.record(
        {
          status: statusLike,
          statusCode: statusLike,
          code: codeLike,
          name: nameLike,
          message: secretText,
          expose: fc.boolean(),
          headers: headersPlan,
          details: detailsPlan,
          issues: detailsPlan,
          brand: fc.constant(true),
          title: secretText,
          retryable: fc.boolean(),
          retryAfter: fc.oneof(fc.integer(), fc.double(), secretText),
          rule: secretText,
          response: fc.record({ status: statusLike, headers: headersPlan }, { requiredKeys: [] }),
          config: fc.record({ url: secretText, headers: headersPlan }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      cause: fc.option(tie('plan'), { nil: undefined, depthSize: 'small' }),
    },
    { requiredKeys: ['shape', 'fields'] },
  ),
}))

/** A thrown value of any kind: a plan built into an object, or fast-check's arbitrary values. */
const thrownPlan = fc.oneof(
  { weight: 4, arbitrary: plan.map((p) => ({ plan: p })) },
  {
    weight: 1,
    arbitrary: fc
      .anything({
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withTypedArray: true,
        withSparseArray: true,
      })
      .map((value) => ({ value })),
  },
)

function fill(text: unknown, canary: string): unknown {
  return typeof text === 'string' ? text.replaceAll('$CANARY', canary) : text
}

function buildHeaders(
  h: { kind: string; entries: [unknown, unknown][] },
  canary: string,
  counter: Counter,
): unknown {
  const entries = h.entries.map(
    ([k, v]) =>
      [fill(k, canary), Array.isArray(v) ? v.map((x) => fill(x, canary)) : fill(v, canary)] as [
        string,
        unknown,
      ],
  )
  if (h.kind === 'map') return new Map(entries)
  if (h.kind === 'headers-like') {
    const map = new Map(entries.map(([k, v]) => [String(k).toLowerCase(), v]))
    return counted(
      {
        get: (name: string) => map.get(String(name).toLowerCase()) ?? null,
        forEach(callback: (value: unknown, key: string) => void) {
          for (const [k, v] of map) {
            counter.entries++
            callback(v, k)
          }
        },
        *entries() {
          for (const entry of map) {
            counter.entries++
            yield entry
          }
        },
      },
      counter,
    )
  }
  const object: Record<string, unknown> = Object.fromEntries(entries)
  if (h.kind === 'wide') for (let i = 0; i < wide; i++) object[`x-wide-${i}`] = `${canary}-${i}`
  return counted(object, counter)
}

function buildDetails(d: unknown, canary: string, counter: Counter): unknown {
  if (typeof d === 'string') return fill(d, canary)
  if (!Array.isArray(d)) {
    const size = (d as { size: number }).size
    return counted(
      Array.from({ length: size }, (_, i) => ({ path: `a.${i}`, message: canary, code: 'c' })),
      counter,
    )
  }
  return counted(
    d.map((issue: Record<string, unknown>) => {
      const out: Record<string, unknown> = {}
      for (const key of ['path', 'message', 'code']) if (key in issue) out[key] = fill(issue[key], canary)
      if (issue.throws)
        Object.defineProperty(out, 'path', {
          enumerable: true,
          get() {
            throw new Error(canary)
          },
        })
      return counted(out, counter)
    }),
    counter,
  )
}

function build(p: Plan, canary: string, counter: Counter): unknown {
  const target: Record<PropertyKey, unknown> =
    p.shape === 'error'
      ? new Error(String(fill(p.fields.message ?? '', canary)))
      : p.shape === 'null-proto'
        ? Object.create(null)
        : {}
  for (const [key, raw] of Object.entries(p.fields)) {
    if (key === 'brand') target[Symbol.for('http-triage.classification')] = true
    else if (key === 'headers') target.headers = buildHeaders(raw as never, canary, counter)
    else if (key === 'details' || key === 'issues') target[key] = buildDetails(raw, canary, counter)
    else if (key === 'response' || key === 'config') {
      const nested: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(raw as Record<string, unknown>))
        nested[k] = k === 'headers' ? buildHeaders(v as never, canary, counter) : fill(v, canary)
      target[key] = counted(nested, counter)
    } else target[key] = fill(raw, canary)
  }
  if (p.cause) target.cause = build(p.cause, canary, counter)
  return counted(target, counter)
}

// ---------------------------------------------------------------------------------------------
// The promises, as plain checks (they run a hundred thousand times): the broken ones, none if sound.

function isJsonStable(body: unknown): boolean {
  const text = JSON.stringify(body)
  if (text === undefined) return false
  try {
    return JSON.stringify(JSON.parse(text)) === text
  } catch {
    return false
  }
}

function broken(out: SerializedError, canary: string, counter: Counter): string[] {
  const problems: string[] = []
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what)
  }
  const { status } = out
  check(Number.isInteger(status) && status >= 400 && status <= 599, `status ${status}`)
  check(out.classification.status === status, 'classification status')
  for (const [name, value] of Object.entries(out.headers)) {
    check(name === name.toLowerCase(), `header name case ${name}`)
    check(/^[\t\x20-\x7e]{1,1024}$/.test(value), `header value ${name}`)
    if (BASE_HEADERS.has(name)) continue
    check(ALLOWED.has(name), `header ${name} outside the allowlist`)
    check(validHeaderValue(name, value) === value, `header ${name}: ${value} breaks its grammar`)
    if (name === 'retry-after') check(/^\d{1,5}$/.test(value) && Number(value) <= 86_400, 'retry-after')
    if (name === 'content-range') check(status === 416, 'content-range off a 416')
    if (status >= 500) check(name === 'retry-after', `header ${name} on a 5xx`)
  }
  if (status >= 500) check(!JSON.stringify(out.headers).includes(canary), 'canary in a 5xx header')
  if (out.body !== null) {
    const body = JSON.stringify(out.body) ?? ''
    check(isJsonStable(out.body), 'body not JSON-stable')
    check(Buffer.byteLength(body) <= MAX_BODY_BYTES, 'body too large')
    if (status >= 500) {
      check(!body.includes(canary), 'canary in a 5xx body')
      check((out.body as { errors?: unknown }).errors === undefined, 'errors on a 5xx')
    }
  }
  check(counter.traps <= MAX_TRAPS, `${counter.traps} traps`)
  check(counter.entries <= MAX_ENTRIES, `${counter.entries} entries iterated`)
  return problems
}

let serial = 0
/** The thrown value of a sample, with a fresh canary and counter. */
function thrownOf(sample: { plan?: Plan; value?: unknown }) {
  const canary = `${CANARY}${serial++}`
  const counter: Counter = { traps: 0, entries: 0 }
  const value = sample.plan ? build(sample.plan, canary, counter) : sample.value
  counter.traps = 0 // building read nothing; count from here
  return { value, canary, counter }
}

function assertNone(problems: string[]): void {
  if (problems.length > 0) throw new Error(problems.join('; '))
}

// A generous budget per property (17,000 runs take 10–25 s on 2 shared cores): not a speed check.
describe(`the safe body, as properties (${(RUNS * 6).toLocaleString('en')} runs)`, {
  timeout: 180_000,
}, () => {
  it.each(['problem', 'json'] as const)('serialize (%s) keeps every promise', (format) => {
    const serializer = createSerializer({ format })
    fc.assert(
      fc.property(thrownPlan, (sample) => {
        const { value, canary, counter } = thrownOf(sample)
        assertNone(broken(serializer(value, { requestId: 'req-1' }), canary, counter))
      }),
      { numRuns: RUNS },
    )
  })

  it('serialize keeps every promise for what a custom classify answers (forged classifications)', () => {
    fc.assert(
      fc.property(thrownPlan, (sample) => {
        const { value, canary, counter } = thrownOf(sample)
        const serializer = createSerializer({ classify: () => value as Classification })
        assertNone(broken(serializer(new Error('x'), { requestId: 'req-1' }), canary, counter))
      }),
      { numRuns: RUNS },
    )
  })

  it('serialize keeps every promise for a generated value handed to it as a classification', () => {
    const serializer = createSerializer({ typeBase: 'https://example.com/problems/' })
    fc.assert(
      fc.property(thrownPlan, (sample) => {
        const { value, canary, counter } = thrownOf(sample)
        assertNone(broken(serializer(value), canary, counter))
      }),
      { numRuns: RUNS },
    )
  })

  it('the responder answers HEAD with no body and GET with the serialized body, and never throws', () => {
    const respond = createResponder({ log: () => undefined, instance: true })
    fc.assert(
      fc.property(thrownPlan, fc.constantFrom('GET', 'HEAD', 'POST'), (sample, method) => {
        const { value, canary, counter } = thrownOf(sample)
        const out = respond(value, { method, path: '/orders/1' })
        const problems = broken(
          { ...out, body: out.body === null ? null : JSON.parse(out.body) },
          canary,
          counter,
        )
        if (method === 'HEAD' && out.body !== null) problems.push('a body on HEAD')
        if (method !== 'HEAD' && out.body === null) problems.push(`no body on ${method}`)
        assertNone(problems)
      }),
      { numRuns: RUNS },
    )
  })

  it('a responder whose classify answers generated values keeps every promise', () => {
    let next: unknown
    const respond = createResponder({ log: () => undefined, classify: () => next as Classification })
    fc.assert(
      fc.property(thrownPlan, fc.constantFrom('GET', 'HEAD'), (sample, method) => {
        const { value, canary, counter } = thrownOf(sample)
        next = value
        const out = respond(new Error('x'), { method })
        const problems = broken(
          { ...out, body: out.body === null ? null : JSON.parse(out.body) },
          canary,
          counter,
        )
        if (method === 'HEAD' && out.body !== null) problems.push('a body on HEAD')
        assertNone(problems)
      }),
      { numRuns: RUNS },
    )
  })

  it('counts what it should: the work is the same for 300 keys and 30,000, where an enumeration grows', () => {
    const sample = {
      plan: {
        shape: 'error',
        fields: {
          status: 429,
          headers: { kind: 'wide', entries: [['retry-after', '5']] },
          response: { headers: { kind: 'wide', entries: [] } },
        },
        cause: { shape: 'object', fields: { config: { headers: { kind: 'wide', entries: [] } } } },
      } as Plan,
    }
    const respond = createResponder({ log: () => undefined })
    const trapsAt = (keys: number, consume: (value: unknown) => void) => {
      wide = keys
      try {
        const { value, counter } = thrownOf(sample)
        consume(value)
        return counter.traps
      } finally {
        wide = 300
      }
    }
    const ours = (value: unknown) => respond(value, { method: 'GET' })
    expect(trapsAt(30_000, ours)).toBe(trapsAt(300, ours))
    const enumerating = (value: unknown) => Object.keys((value as { headers: object }).headers)
    expect(trapsAt(30_000, enumerating)).toBeGreaterThan(trapsAt(300, enumerating))
  })
})

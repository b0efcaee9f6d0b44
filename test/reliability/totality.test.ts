import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CODE_PATTERN, messageForStatus, titleForStatus } from '../../src/codes.js'
import {
  type Classification,
  classify,
  createClassifier,
  createResponder,
  createSerializer,
  isValidRequestId,
} from '../../src/index.js'
import { assertNone } from './support/check.js'
import { guardProcess } from './support/guard.js'
import { hostileList, pick, thrownValues } from './support/values.js'

guardProcess()

const RUNS = 10_000
/** The longest one call may take, generous for a loaded 2-core machine (a typical call is ~0.05 ms). */
const BOUND_MS = 250
/** The largest body: 100 issues of capped path, message and code, and the fixed members. */
const MAX_BODY_BYTES = 128 * 1024

const { names, values } = hostileList()
const thrown = thrownValues(values)

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now()
  const result = run()
  return { result, ms: performance.now() - start }
}

const SAFE_HEADER = /^[\t\x20-\x7e]{1,1024}$/

/**
 * What every classification holds, whatever it was given: the broken promises, none if sound.
 * Plain checks, not `expect`: they run tens of thousands of times.
 */
function unsound(c: Classification): string[] {
  const out: string[] = []
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(what)
  }
  check(Number.isInteger(c.status) && c.status >= 400 && c.status <= 599, `status ${c.status}`)
  check(typeof c.code === 'string' && CODE_PATTERN.test(c.code), `code ${c.code}`)
  check(c.title === titleForStatus(c.status), `title ${c.title}`)
  check(typeof c.message === 'string' && c.message.length <= 1024, 'message')
  check(typeof c.retryable === 'boolean' && typeof c.expose === 'boolean', 'retryable / expose')
  check(typeof c.rule === 'string', 'rule')
  check(
    c.headers !== null &&
      typeof c.headers === 'object' &&
      Object.values(c.headers).every((v) => SAFE_HEADER.test(v)),
    'headers',
  )
  check(c.retryAfter === undefined || (Number.isSafeInteger(c.retryAfter) && c.retryAfter >= 0), 'retryAfter')
  if (c.status >= 500) {
    check(c.expose === false && c.message === messageForStatus(c.status), '5xx message')
    check(c.details === undefined, '5xx details')
  }
  if (c.details) {
    check(c.details.length <= 100, 'details length')
    check(
      c.details.every(
        (i) => typeof i.path === 'string' && typeof i.message === 'string' && typeof i.code === 'string',
      ),
      'details shape',
    )
  }
  return out
}

/** Only what JSON holds: null, booleans, finite numbers, strings, arrays and plain objects. */
function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 8) return false
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1))
  if (typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return false
  return Object.values(value).every((item) => isJsonValue(item, depth + 1))
}

function expectSound(c: Classification): void {
  assertNone(unsound(c))
}

describe('classify is total', () => {
  it.each(names.map((name, index) => [name, index] as const))(
    'answers 400–599 in bounded time for a hand-made hostile value: %s',
    (_name, index) => {
      const { result, ms } = timed(() => classify(values[index]))
      expectSound(result)
      expect(ms).toBeLessThan(BOUND_MS)
    },
  )

  it(`answers 400–599 in bounded time for ${RUNS.toLocaleString('en')} generated and hostile values`, () => {
    let slowest = 0
    fc.assert(
      fc.property(thrown, (sample) => {
        const { result, ms } = timed(() => classify(pick(values, sample)))
        expectSound(result)
        slowest = Math.max(slowest, ms)
      }),
      { numRuns: RUNS },
    )
    expect(slowest).toBeLessThan(BOUND_MS)
  })

  it('stays total with user rules and overrides, a rule that throws and verdicts that are hostile', () => {
    const hostileVerdict = new Proxy(
      {},
      {
        get() {
          throw new Error('verdict trap')
        },
      },
    )
    const classifier = createClassifier({
      rules: [
        function throwing() {
          throw new Error('user rule bug')
        },
        (error) => (error === values[0] ? (hostileVerdict as never) : undefined),
        (error) =>
          error === values[1]
            ? ({ status: 'x', code: 42, headers: hostileVerdict, details: hostileVerdict } as never)
            : undefined,
        (error) =>
          error === values[2]
            ? ({ status: 503, message: 'internal detail', details: [{}] } as never)
            : undefined,
      ],
      overrides: { VALIDATION_FAILED: 400, 'node-system:ENOENT': 404, fallback: 503 },
    })
    for (const value of values) expectSound(classifier(value))
    fc.assert(
      fc.property(thrown, (sample) => expectSound(classifier(pick(values, sample)))),
      { numRuns: 2_000 },
    )
    // The message a rule wrote for a 5xx is never used.
    expect(classifier(values[2]).message).toBe(messageForStatus(503))
  })
})

describe('serialize is total', () => {
  const serializers = {
    problem: createSerializer(),
    json: createSerializer({ format: 'json' }),
  }

  it.each(['problem', 'json'] as const)(
    `(%s) answers 400–599 with a bounded, JSON-safe body for ${RUNS.toLocaleString('en')} generated and hostile values`,
    (format) => {
      const serializer = serializers[format]
      let slowest = 0
      fc.assert(
        fc.property(thrown, fc.option(fc.string(), { nil: undefined }), (sample, requestId) => {
          const { result: out, ms } = timed(() =>
            serializer(pick(values, sample), requestId === undefined ? {} : { requestId }),
          )
          slowest = Math.max(slowest, ms)
          const problems = unsound(out.classification)
          if (out.status !== out.classification.status) problems.push('status')
          if (!isJsonValue(out.body)) problems.push('body is not JSON-safe')
          if (JSON.stringify(out.body).length > MAX_BODY_BYTES) problems.push('body too large')
          if (!isValidRequestId(out.requestId) || out.headers['x-request-id'] !== out.requestId)
            problems.push('request id')
          if (!Object.values(out.headers).every((v) => SAFE_HEADER.test(v))) problems.push('headers')
          assertNone(problems)
        }),
        { numRuns: RUNS },
      )
      expect(slowest).toBeLessThan(BOUND_MS)
    },
  )

  it.each(names.map((name, index) => [name, index] as const))(
    'serializes a hand-made hostile value: %s',
    (_name, index) => {
      for (const serializer of Object.values(serializers)) {
        const { result: out, ms } = timed(() => serializer(values[index]))
        expect(ms).toBeLessThan(BOUND_MS)
        expect(JSON.stringify(out.body).length).toBeLessThanOrEqual(MAX_BODY_BYTES)
        expectSound(out.classification)
      }
    },
  )

  it('serializes a classification it is handed, and a forged one it is handed, safely', () => {
    const serializer = serializers.problem
    const forged = {
      [Symbol.for('http-triage.classification')]: true,
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      title: 'Internal Server Error',
      message: 'leaked internals',
      headers: {},
    }
    const out = serializer(forged)
    expect(JSON.stringify(out.body)).not.toContain('leaked internals')
    expect(out.status).toBe(500)
  })
})

describe('the responder (the core of every adapter) is total', () => {
  it('answers with a JSON string body (none for HEAD) for 3,000 values and hostile request info', () => {
    const respond = createResponder({ log: () => undefined, instance: true })
    const hostileRequest = new Proxy(
      {},
      {
        get() {
          throw new Error('request trap')
        },
      },
    )
    const requests = [
      {},
      { method: 'HEAD', path: '/x' },
      { method: 'GET', path: '/\r\n\u0000', header: () => 'a\r\nb', id: { toString: () => 'x' } },
      {
        method: 'POST',
        header: () => {
          throw new Error('header()')
        },
        startedAt: Number.NaN,
      },
      hostileRequest,
    ]
    fc.assert(
      fc.property(thrown, fc.nat(requests.length - 1), (sample, r) => {
        const out = respond(pick(values, sample), requests[r] as never)
        const problems = unsound(out.classification)
        if (!isValidRequestId(out.requestId)) problems.push('request id')
        if (out.body === null) {
          if (r !== 1) problems.push('no body for a GET')
        } else {
          const body = JSON.parse(out.body)
          if (body.status !== out.status || body.request_id !== out.requestId) problems.push('body')
        }
        assertNone(problems)
      }),
      { numRuns: 3_000 },
    )
  })
})

// The core API's checks, by name, run inside the runtime under test (on workerd: inside a request,
// as a worker would). Each throws when it fails.
import { classify, createRequestIdGenerator, httpError, isValidRequestId, serialize } from 'http-triage'
import { z } from 'zod'
import { equal, ok } from './expect.mjs'

const SECRET = 'db password=hunter2'

function verdict(value, status, code) {
  const got = classify(value)
  equal({ status: got.status, code: got.code }, { status, code }, 'classify')
  if (status >= 500) ok(!String(got.message).includes('hunter2'), 'the message hides the secret', got.message)
}

function thrownBy(fn) {
  try {
    fn()
  } catch (error) {
    return error
  }
  return undefined
}

export const CORE_CHECKS = {
  'classify(an Error with a secret)': () => verdict(new Error(SECRET), 500, 'INTERNAL_SERVER_ERROR'),
  'classify(a string)': () => verdict('a thrown string', 500, 'INTERNAL_SERVER_ERROR'),
  'classify(null)': () => verdict(null, 500, 'INTERNAL_SERVER_ERROR'),
  'classify(httpError(404))': () => verdict(httpError(404, 'No such widget'), 404, 'NOT_FOUND'),
  'classify(a ZodError)': () =>
    verdict(z.object({ age: z.number() }).safeParse({ age: 'x' }).error, 422, 'VALIDATION_FAILED'),
  "classify(JSON.parse's SyntaxError)": () =>
    verdict(
      thrownBy(() => JSON.parse('{')),
      500,
      'INTERNAL_SERVER_ERROR',
    ),
  'classify(a TimeoutError DOMException)': () =>
    verdict(new DOMException('timed out', 'TimeoutError'), 504, 'GATEWAY_TIMEOUT'),
  'classify(a frozen Proxy whose traps throw)': () =>
    verdict(
      new Proxy(Object.freeze({}), {
        get: () => {
          throw new Error(SECRET)
        },
      }),
      500,
      'INTERNAL_SERVER_ERROR',
    ),
  'serialize hides a 500 and keeps the request id': () => {
    const out = serialize(new Error(SECRET), { requestId: 'abc-123' })
    equal(out.status, 500, 'status')
    equal(out.headers['content-type'], 'application/problem+json', 'content-type')
    equal([out.requestId, out.body?.request_id], ['abc-123', 'abc-123'], 'request id')
    equal(
      out.body,
      {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred.',
        code: 'INTERNAL_SERVER_ERROR',
        request_id: 'abc-123',
        retryable: false,
      },
      'body',
    )
  },
  'serialize exposes a 4xx message and makes a request id': () => {
    const out = serialize(httpError(404, 'No such widget'))
    equal(out.body?.detail, 'No such widget', 'detail')
    ok(isValidRequestId(out.requestId), 'a valid request id', out.requestId)
  },
  'request ids are valid, unique, increasing ULIDs': () => {
    const next = createRequestIdGenerator()
    const ids = Array.from({ length: 1000 }, () => next())
    ok(
      ids.every(isValidRequestId),
      'valid',
      ids.find((id) => !isValidRequestId(id)),
    )
    equal(new Set(ids).size, ids.length, 'unique')
    ok(
      ids.every((id, i) => i === 0 || ids[i - 1] < id),
      'increasing',
    )
    ok(/^[0-9A-HJKMNP-TV-Z]{26}$/.test(ids[0]), 'a ULID', ids[0])
  },
  isValidRequestId: () =>
    equal(
      [
        isValidRequestId('abc-123_Z9'),
        isValidRequestId('x'.repeat(129)),
        isValidRequestId('a\r\nb'),
        isValidRequestId(42),
      ],
      [true, false, false, false],
    ),
}

/**
 * This runtime's own error for a fetch to a loopback upstream, classified: a check whose name says
 * how the runtime threw and which rule matched (docs/runtimes.md lists them). `what` names the
 * upstream: 'a closed port' (503) or 'an upstream that speaks no HTTP' (a retryable 502).
 */
export async function upstreamCheck(what, url, expected) {
  let thrown
  try {
    await fetch(url, { signal: AbortSignal.timeout(5000) })
  } catch (error) {
    thrown = error
  }
  let rule
  try {
    rule = classify(thrown).rule
  } catch {}
  return {
    name: `a fetch to ${what}: ${describe(thrown)} → ${rule}`,
    run: () => {
      ok(thrown !== undefined, 'the fetch throws')
      const got = classify(thrown)
      equal({ status: got.status, code: got.code, retryable: got.retryable }, expected, 'classify')
    },
  }
}

const UNAVAILABLE = { status: 503, code: 'SERVICE_UNAVAILABLE', retryable: true }
const BAD_GATEWAY = { status: 502, code: 'BAD_GATEWAY', retryable: true }

/**
 * The upstream checks of every runtime: MATRIX_CLOSED and MATRIX_GARBAGE. workerd rejects both
 * with the same `Error('Network connection lost.')`, so there the second is a 503 as well.
 */
export async function upstreamChecks({ closed, garbage }) {
  const workerd = globalThis.navigator?.userAgent === 'Cloudflare-Workers'
  const checks = await Promise.all([
    upstreamCheck('a closed port', closed, UNAVAILABLE),
    upstreamCheck('an upstream that speaks no HTTP', garbage, workerd ? UNAVAILABLE : BAD_GATEWAY),
  ])
  return Object.fromEntries(checks.map((check) => [check.name, check.run]))
}

/** How a value was thrown: name, message, code and cause; loopback ports vary from run to run. */
function describe(value, depth = 0) {
  if (value === null || typeof value !== 'object') return String(value)
  const { name, code, message, cause } = value
  const parts = [name ?? 'Error']
  if (message) parts.push(`'${message}'`)
  if (code) parts.push(`code ${code}`)
  if (cause !== undefined && depth < 2) parts.push(`cause ${describe(cause, depth + 1)}`)
  return parts.join(' ').replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:PORT')
}

// The core API, run inside the runtime under test (for workerd: inside a request, as a worker
// would). `digest` is compared with Node 20's by the driver.
import { classify, createRequestIdGenerator, httpError, isValidRequestId, serialize } from 'http-triage'
import { z } from 'zod'
import { checker } from './checker.mjs'

const SECRET = 'db password=hunter2'

async function thrownBy(fn) {
  try {
    await fn()
  } catch (error) {
    return error
  }
  return undefined
}

export async function coreChecks(upstreams) {
  const c = checker()
  const digest = {}
  const verdict = (name, value, status, code) => {
    try {
      const got = classify(value)
      digest[name] = { status: got.status, code: got.code, retryable: got.retryable }
      c.equal(`classify(${name})`, { status: got.status, code: got.code }, { status, code })
      if (status >= 500)
        c.ok(`classify(${name}) hides the message`, !String(got.message).includes('hunter2'), got.message)
    } catch (error) {
      c.fail(`classify(${name})`, error)
    }
  }
  verdict('Error with a secret', new Error(SECRET), 500, 'INTERNAL_SERVER_ERROR')
  verdict('a string', 'a thrown string', 500, 'INTERNAL_SERVER_ERROR')
  verdict('null', null, 500, 'INTERNAL_SERVER_ERROR')
  verdict('httpError(404)', httpError(404, 'No such widget'), 404, 'NOT_FOUND')
  verdict('ZodError', z.object({ age: z.number() }).safeParse({ age: 'x' }).error, 422, 'VALIDATION_FAILED')
  verdict('JSON.parse SyntaxError', await thrownBy(() => JSON.parse('{')), 500, 'INTERNAL_SERVER_ERROR')
  verdict('TimeoutError', new DOMException('timed out', 'TimeoutError'), 504, 'GATEWAY_TIMEOUT')
  verdict(
    'a frozen Proxy that throws',
    new Proxy(Object.freeze({}), {
      get: () => {
        throw new Error(SECRET)
      },
    }),
    500,
    'INTERNAL_SERVER_ERROR',
  )
  // This runtime's own fetch error for a closed loopback port.
  const refused = await thrownBy(() => fetch(upstreams.closed, { signal: AbortSignal.timeout(5000) }))
  c.ok('fetch to a closed port throws', refused !== undefined)
  verdict('fetch to a closed port', refused, 503, 'SERVICE_UNAVAILABLE')
  digest.refused = { rule: safeRule(refused), ...describe(refused) }

  try {
    const out = serialize(new Error(SECRET), { requestId: 'abc-123' })
    c.equal('serialize status', out.status, 500)
    c.equal('serialize content-type', out.headers['content-type'], 'application/problem+json')
    c.equal('serialize request id', [out.requestId, out.body?.request_id], ['abc-123', 'abc-123'])
    c.ok('serialize hides the secret', !JSON.stringify(out.body).includes('hunter2'), out.body)
    const exposed = serialize(httpError(404, 'No such widget'))
    c.equal('serialize exposes a 4xx message', exposed.body?.detail, 'No such widget')
    c.ok('serialize makes a request id', isValidRequestId(exposed.requestId), exposed.requestId)
    digest.serialized = { ...out.body, request_id: undefined }
  } catch (error) {
    c.fail('serialize', error)
  }

  try {
    const next = createRequestIdGenerator()
    const ids = Array.from({ length: 1000 }, () => next())
    c.ok(
      'request ids are valid',
      ids.every(isValidRequestId),
      ids.find((id) => !isValidRequestId(id)),
    )
    c.equal('request ids are unique', new Set(ids).size, ids.length)
    c.ok(
      'request ids increase',
      ids.every((id, i) => i === 0 || ids[i - 1] < id),
    )
    c.equal('a ULID', /^[0-9A-HJKMNP-TV-Z]{26}$/.test(ids[0]), true)
    c.equal(
      'isValidRequestId',
      [
        isValidRequestId('abc-123_Z9'),
        isValidRequestId('x'.repeat(129)),
        isValidRequestId('a\r\nb'),
        isValidRequestId(42),
      ],
      [true, false, false, false],
    )
  } catch (error) {
    c.fail('request ids', error)
  }
  return { result: c.result(), digest }
}

/** What this runtime's error looks like (name, code, message, and the same of its cause). */
function describe(value, depth = 0) {
  if (value === null || typeof value !== 'object') return { value: String(value) }
  const { name, code, message, cause } = value
  return {
    name,
    code,
    message,
    ...(cause !== undefined && depth < 2 ? { cause: describe(cause, depth + 1) } : {}),
  }
}

function safeRule(value) {
  try {
    return classify(value).rule
  } catch {
    return undefined
  }
}

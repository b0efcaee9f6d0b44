// An adapter's checks over real HTTP, against test/apps' conformance routes served at `url`, by
// name: the assertions of test/adapters/conformance.test.ts, and the exact body of every case (the
// request id aside), the same on every adapter and every runtime.
import { isValidRequestId } from 'http-triage'
import { equal, ok } from './expect.mjs'

const BODY_LIMIT = 1024
const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body })
const problem = (status, title, detail, code, retryable = false) => ({
  type: 'about:blank',
  title,
  status,
  detail,
  code,
  retryable,
})
const INTERNAL = problem(
  500,
  'Internal Server Error',
  'An unexpected error occurred.',
  'INTERNAL_SERVER_ERROR',
)

/** The cases every adapter answers identically: the request, and the body without its request id. */
export const CASES = {
  'a route that does not exist': {
    path: '/missing',
    body: problem(404, 'Not Found', 'No route for GET /missing', 'NOT_FOUND'),
  },
  'an httpError 404': {
    path: '/http-errors',
    body: problem(404, 'Not Found', 'No such widget', 'NOT_FOUND'),
  },
  'a zod validation failure': {
    path: '/validate',
    init: json('{"email":"not-an-email","age":12}'),
    body: {
      ...problem(422, 'Unprocessable Content', 'The request did not pass validation.', 'VALIDATION_FAILED'),
      errors: [
        { path: 'email', message: 'Invalid email address', code: 'invalid_format' },
        { path: 'age', message: 'Too small: expected number to be >=18', code: 'too_small' },
      ],
    },
  },
  'a malformed JSON body': {
    path: '/json',
    init: json('{"email": '),
    body: problem(400, 'Bad Request', 'The request body is not valid JSON.', 'BAD_REQUEST'),
  },
  'a body over the size limit': {
    path: '/json',
    init: json(JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT * 2) })),
    body: problem(413, 'Content Too Large', 'The request body is too large.', 'PAYLOAD_TOO_LARGE'),
  },
  'a fetch to a closed loopback port': {
    path: '/upstream-refused',
    body: problem(
      503,
      'Service Unavailable',
      'The service is temporarily unavailable; try again later.',
      'SERVICE_UNAVAILABLE',
      true,
    ),
  },
  'an upstream that does not answer in time': {
    path: '/upstream-timeout',
    body: problem(
      504,
      'Gateway Timeout',
      'An upstream service did not respond in time.',
      'GATEWAY_TIMEOUT',
      true,
    ),
  },
  'a plain Error with a secret': { path: '/plain', body: INTERNAL },
  'a thrown string': { path: '/string', body: INTERNAL },
  'a null rejection': { path: '/null', body: INTERNAL },
}

async function call(url, init) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) })
  const text = await response.text()
  let body
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.status, headers: response.headers, text, body }
}

/** The checks of the adapter served at `url` (no trailing slash), by name. */
export function httpChecks(url) {
  const checks = {}
  for (const [name, { path, init, body }] of Object.entries(CASES)) {
    checks[name] = async () => {
      const seen = await call(`${url}${path}`, init)
      equal(seen.status, body.status, 'status', seen.text)
      equal(
        ['content-type', 'cache-control', 'x-content-type-options', 'content-security-policy'].map((h) =>
          seen.headers.get(h),
        ),
        ['application/problem+json', 'no-store', 'nosniff', "default-src 'none'"],
        'headers',
      )
      const id = seen.headers.get('x-request-id')
      ok(isValidRequestId(id), 'a valid x-request-id', id)
      equal(seen.body?.request_id, id, 'the body names the request id')
      const { request_id: _, ...rest } = seen.body ?? {}
      equal(rest, body, 'body')
    }
  }
  checks['HEAD: the headers and no body'] = async () => {
    const seen = await call(`${url}/http-errors`, { method: 'HEAD' })
    equal(seen.status, 404, 'status')
    equal(seen.headers.get('content-type'), 'application/problem+json', 'content-type')
    ok(isValidRequestId(seen.headers.get('x-request-id')), 'a valid x-request-id')
    equal(seen.text, '', 'no body')
  }
  checks['a safe incoming X-Request-Id is echoed, an unsafe one replaced'] = async () => {
    const kept = await call(`${url}/plain`, { headers: { 'x-request-id': 'abc-123_Z9' } })
    equal([kept.headers.get('x-request-id'), kept.body?.request_id], ['abc-123_Z9', 'abc-123_Z9'], 'kept')
    const replaced = await call(`${url}/plain`, { headers: { 'x-request-id': 'x'.repeat(129) } })
    const id = replaced.headers.get('x-request-id')
    ok(isValidRequestId(id) && !id.includes('xxx'), 'replaced', id)
  }
  checks['a route that succeeds'] = async () => {
    const seen = await call(`${url}/ok`)
    equal([seen.status, seen.body], [200, { ok: true }])
  }
  return checks
}

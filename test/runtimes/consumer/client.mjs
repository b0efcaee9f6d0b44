// The client side: real HTTP requests to a running handler (see app.mjs), with the assertions of
// test/adapters/conformance.test.ts. Runs in the runtime under test (for workerd: on Node 22).
import { isValidRequestId } from 'http-triage'
import { checker } from './checker.mjs'

const BODY_LIMIT = 1024
const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body })

/** The cases every adapter answers identically (the request id aside). */
export const CASES = {
  'a route that does not exist': { path: '/missing', status: 404, code: 'NOT_FOUND' },
  'an httpError 404': { path: '/http-errors', status: 404, code: 'NOT_FOUND' },
  'a zod validation failure': {
    path: '/validate',
    init: json('{"email":"not-an-email","age":12}'),
    status: 422,
    code: 'VALIDATION_FAILED',
  },
  'a malformed JSON body': { path: '/json', init: json('{"email": '), status: 400, code: 'BAD_REQUEST' },
  'a body over the size limit': {
    path: '/json',
    init: json(JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT * 2) })),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  'a fetch to a closed loopback port': {
    path: '/upstream-refused',
    status: 503,
    code: 'SERVICE_UNAVAILABLE',
  },
  'an upstream that does not answer in time': {
    path: '/upstream-timeout',
    status: 504,
    code: 'GATEWAY_TIMEOUT',
  },
  'a plain Error with a secret': { path: '/plain', status: 500, code: 'INTERNAL_SERVER_ERROR' },
  'a thrown string': { path: '/string', status: 500, code: 'INTERNAL_SERVER_ERROR' },
  'a null rejection': { path: '/null', status: 500, code: 'INTERNAL_SERVER_ERROR' },
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

/** Checks one adapter mounted at `${base}${prefix}`; returns its result and its bodies by case. */
export async function adapterChecks(base, prefix) {
  const c = checker()
  const bodies = {}
  const url = (path) => `${base}${prefix}${path}`
  const attempt = async (name, fn) => {
    try {
      await fn()
    } catch (error) {
      c.fail(name, error)
    }
  }
  for (const [name, { path, init, status, code }] of Object.entries(CASES)) {
    await attempt(name, async () => {
      const seen = await call(url(path), init)
      c.equal(`${name}: status`, seen.status, status, seen.text)
      c.equal(`${name}: content-type`, seen.headers.get('content-type'), 'application/problem+json')
      c.equal(`${name}: cache-control`, seen.headers.get('cache-control'), 'no-store')
      c.equal(`${name}: nosniff`, seen.headers.get('x-content-type-options'), 'nosniff')
      c.equal(`${name}: csp`, seen.headers.get('content-security-policy'), "default-src 'none'")
      const id = seen.headers.get('x-request-id')
      c.ok(`${name}: valid x-request-id`, isValidRequestId(id), id)
      const { type, status: bodyStatus, code: bodyCode, request_id } = seen.body ?? {}
      c.equal(
        `${name}: body`,
        { type, status: bodyStatus, code: bodyCode, request_id },
        {
          type: 'about:blank',
          status,
          code,
          request_id: id,
        },
      )
      c.ok(`${name}: no secret in the response`, !seen.text.includes('hunter2'), seen.text)
      const { request_id: _, ...rest } = seen.body ?? {}
      // The 404 names the path; without the mount prefix, both adapters' bodies must be equal.
      if (typeof rest.detail === 'string') rest.detail = rest.detail.replaceAll(`${prefix}/`, '/')
      bodies[name] = rest
    })
  }
  await attempt('4xx detail', async () => {
    const seen = await call(url('/http-errors'))
    c.equal('an httpError 404 exposes its message', seen.body?.detail, 'No such widget')
  })
  await attempt('validation issues', async () => {
    const seen = await call(url('/validate'), json('{"email":"not-an-email","age":12}'))
    const paths = Array.isArray(seen.body?.errors)
      ? seen.body.errors.map((issue) => issue.path).sort()
      : seen.body
    c.equal('validation issues list the paths', paths, ['age', 'email'])
    c.ok('validation issues omit the rejected value', !seen.text.includes('not-an-email'), seen.text)
  })
  await attempt('HEAD', async () => {
    const seen = await call(url('/http-errors'), { method: 'HEAD' })
    c.equal('HEAD: status', seen.status, 404)
    c.equal('HEAD: content-type', seen.headers.get('content-type'), 'application/problem+json')
    c.ok('HEAD: valid x-request-id', isValidRequestId(seen.headers.get('x-request-id')))
    c.equal('HEAD: no body', seen.text, '')
  })
  await attempt('incoming request id', async () => {
    const kept = await call(url('/plain'), { headers: { 'x-request-id': 'abc-123_Z9' } })
    c.equal(
      'a safe X-Request-Id is echoed',
      [kept.headers.get('x-request-id'), kept.body?.request_id],
      ['abc-123_Z9', 'abc-123_Z9'],
    )
    const replaced = await call(url('/plain'), { headers: { 'x-request-id': 'x'.repeat(129) } })
    const id = replaced.headers.get('x-request-id')
    c.ok('an unsafe X-Request-Id is replaced', isValidRequestId(id) && !id.includes('xxx'), id)
  })
  await attempt('success', async () => {
    const ok = await call(url('/ok'))
    c.equal('a route that succeeds', [ok.status, ok.body], [200, { ok: true }])
  })
  return { result: c.result(), bodies }
}

/**
 * Both adapters (and Elysia's, where `elysia` is set), the core checks (served at /core), and the
 * adapters' bodies compared with the fetch adapter's.
 */
export async function httpChecks(base, { elysia = false } = {}) {
  const out = {}
  try {
    const core = await call(`${base}/core`)
    out.core = core.body ?? {
      result: {
        ok: false,
        count: 1,
        failures: [`/core answered ${core.status}: ${core.text.slice(0, 2000)}`],
      },
    }
  } catch (error) {
    out.core = { result: { ok: false, count: 1, failures: [`/core: ${error?.stack ?? error}`] } }
  }
  out.fetch = await adapterChecks(base, '/fetch')
  out.hono = await adapterChecks(base, '/hono')
  if (elysia) out.elysia = await adapterChecks(base, '/elysia')
  for (const leg of ['hono', 'elysia']) {
    if (!out[leg]) continue
    const differ = Object.keys(CASES).filter(
      (name) => JSON.stringify(out.fetch.bodies[name]) !== JSON.stringify(out[leg].bodies[name]),
    )
    if (differ.length) {
      out[leg].result.ok = false
      out[leg].result.failures.push(`bodies differ from the fetch adapter's for: ${differ.join(', ')}`)
    }
  }
  return out
}

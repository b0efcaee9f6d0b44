import createError from 'http-errors'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isValidRequestId } from '../../src/index.js'
import { actions, BODY_LIMIT, SECRET } from '../apps/routes.mjs'
import { type RunningServer, SERVERS, streamFailure } from './servers.js'
import { startUpstreams, type Upstreams } from './upstreams.js'

/** A response as a client sees it. */
interface Seen {
  status: number
  headers: Headers
  text: string
  body: Record<string, unknown> | undefined
}

async function request(url: string, init?: RequestInit, client: typeof fetch = fetch): Promise<Seen> {
  const response = await client(url, { ...init, signal: AbortSignal.timeout(5000) })
  const text = await response.text()
  let body: Record<string, unknown> | undefined
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.status, headers: response.headers, text, body }
}

const json = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
})

/** The cases every adapter answers identically (the request id aside). */
const CASES: Record<string, { path: string; init?: RequestInit; status: number; code: string }> = {
  'a route that does not exist': { path: '/missing', status: 404, code: 'NOT_FOUND' },
  'an http-errors 404': { path: '/http-errors', status: 404, code: 'NOT_FOUND' },
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
  'an upstream that refuses connections': {
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

let upstreams: Upstreams
const running: Record<string, RunningServer> = {}
/** The body each adapter gave for each case, to compare across adapters. */
const seenBodies: Record<string, Record<string, unknown>> = {}

beforeAll(async () => {
  upstreams = await startUpstreams()
  for (const [name, factory] of Object.entries(SERVERS)) {
    running[name] = await factory(
      actions({ closed: upstreams.closedUrl, hanging: upstreams.hangingUrl }, createError),
      { log: false },
    )
  }
})

afterAll(async () => {
  await Promise.all(Object.values(running).map((server) => server.close()))
  await upstreams.close()
})

describe.each(Object.keys(SERVERS))('%s adapter', (name) => {
  const url = (path: string) => `${running[name]?.url}${path}`
  const call = (path: string, init?: RequestInit) => request(url(path), init, running[name]?.fetch)

  it.each(Object.entries(CASES))('answers %s', async (caseName, { path, init, status, code }) => {
    const seen = await call(path, init)
    expect(seen.status).toBe(status)
    expect(seen.headers.get('content-type')).toBe('application/problem+json')
    expect(seen.headers.get('cache-control')).toBe('no-store')
    expect(seen.headers.get('x-content-type-options')).toBe('nosniff')
    expect(seen.headers.get('content-security-policy')).toBe("default-src 'none'")
    const requestId = seen.headers.get('x-request-id')
    expect(isValidRequestId(requestId)).toBe(true)
    expect(seen.body).toMatchObject({ type: 'about:blank', status, code, request_id: requestId })
    expect(seen.text).not.toContain('hunter2')
    const { request_id: _, ...rest } = seen.body ?? {}
    seenBodies[caseName] ??= {}
    ;(seenBodies[caseName] as Record<string, unknown>)[name] = rest
  })

  it('exposes the message of an http-errors 404', async () => {
    const seen = await call('/http-errors')
    expect(seen.body?.detail).toBe('No such widget')
  })

  it('lists validation issues without the rejected values', async () => {
    const seen = await call('/validate', json('{"email":"not-an-email","age":12}'))
    const errors = seen.body?.errors as { path: string }[]
    expect(errors.map((issue) => issue.path).sort()).toEqual(['age', 'email'])
    expect(seen.text).not.toContain('not-an-email')
  })

  it('answers HEAD with the headers and no body', async () => {
    const seen = await call('/http-errors', { method: 'HEAD' })
    expect(seen.status).toBe(404)
    expect(seen.headers.get('content-type')).toBe('application/problem+json')
    expect(seen.text).toBe('')
  })

  it('echoes a safe incoming X-Request-Id and replaces an unsafe one', async () => {
    // (Hono's requestId middleware accepts fewer characters than http-triage: [A-Za-z0-9_=-].)
    const kept = await call('/plain', { headers: { 'x-request-id': 'abc-123_Z9' } })
    expect(kept.headers.get('x-request-id')).toBe('abc-123_Z9')
    expect(kept.body?.request_id).toBe('abc-123_Z9')
    const replaced = await call('/plain', { headers: { 'x-request-id': 'x'.repeat(129) } })
    expect(replaced.headers.get('x-request-id')).not.toContain('xxx')
    expect(isValidRequestId(replaced.headers.get('x-request-id'))).toBe(true)
  })

  it('closes the connection when the error comes after the headers, and keeps serving', async () => {
    const outcome = await streamFailure(name, url('/after-headers'), running[name]?.fetch)
    expect(outcome).toMatch(/^failed:/)
    const next = await call('/ok')
    expect(next.status).toBe(200)
  })
})

describe('every adapter', () => {
  it.each(Object.keys(CASES))('gives the same body for %s', (caseName) => {
    const bodies = Object.values(seenBodies[caseName] ?? {})
    expect(bodies).toHaveLength(Object.keys(SERVERS).length)
    for (const body of bodies) expect(body).toEqual(bodies[0])
  })
})

it('never leaks the secret of a 500', () => {
  expect(JSON.stringify(seenBodies)).not.toContain(SECRET)
})

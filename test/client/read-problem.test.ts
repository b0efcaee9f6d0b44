import { describe, expect, it, vi } from 'vitest'
import { ProblemError, readProblem } from '../../src/client.js'
import { createSerializer, httpError, serialize, validationFailed } from '../../src/index.js'

const PROBLEM = 'application/problem+json'

function answer(body: BodyInit | null, status = 422, headers: Record<string, string> = {}) {
  return new Response(body, { status, headers: { 'content-type': PROBLEM, ...headers } })
}

describe('readProblem', () => {
  it('reads every member of our Problem Details body, and leaves the body to the caller', async () => {
    const error = validationFailed([{ path: 'email', message: 'Invalid email', code: 'invalid_format' }])
    const { status, headers, body } = serialize(error, { requestId: 'req-1' })
    const response = new Response(JSON.stringify(body), { status, headers })
    expect(await readProblem(response)).toEqual({
      status: 422,
      title: 'Unprocessable Content',
      detail: expect.any(String),
      code: 'VALIDATION_FAILED',
      requestId: 'req-1',
      type: 'about:blank',
      instance: undefined,
      errors: [{ path: 'email', message: 'Invalid email', code: 'invalid_format' }],
      retryable: false,
      extensions: {},
    })
    expect(((await response.json()) as { request_id: string }).request_id).toBe('req-1')
  })

  it('reads the plain JSON shape', async () => {
    const toBody = createSerializer({ format: 'json' })
    const { status, headers, body } = toBody(httpError(409, 'Email taken', { code: 'EMAIL_TAKEN' }), {
      requestId: 'req-2',
    })
    expect(await readProblem(new Response(JSON.stringify(body), { status, headers }))).toMatchObject({
      status: 409,
      title: 'Conflict',
      detail: 'Email taken',
      code: 'EMAIL_TAKEN',
      requestId: 'req-2',
      retryable: false,
    })
  })

  it('keeps other members as extensions, ignores members of the wrong type (RFC 9457 §3.1)', async () => {
    const members = JSON.stringify({
      type: 42,
      title: ['x'],
      detail: 'Out of credit',
      instance: '/account/12345/msgs/abc',
      balance: 30,
      retryable: 'yes',
      errors: [{ path: 'a', message: 'b' }, 'junk', { path: 1 }],
    })
    // JSON.parse makes "__proto__" an own member: it must stay one, never a prototype.
    const body = `{"__proto__":{"polluted":true},${members.slice(1)}`
    const problem = await readProblem(answer(body, 403, { 'x-request-id': 'from-header' }))
    expect(problem).toMatchObject({
      type: 'about:blank',
      title: undefined,
      detail: 'Out of credit',
      instance: '/account/12345/msgs/abc',
      requestId: 'from-header',
      errors: [{ path: 'a', message: 'b', code: '' }],
    })
    expect(problem && 'retryable' in problem).toBe(false)
    expect(problem?.extensions.balance).toBe(30)
    expect(Object.getPrototypeOf(problem?.extensions)).toBe(Object.prototype)
    expect((problem?.extensions as Record<string, unknown> | undefined)?.polluted).toBeUndefined()
    expect(Object.hasOwn(problem?.extensions ?? {}, '__proto__')).toBe(true)
  })

  it('gives undefined, never a throw, for what is not an error body', async () => {
    const cases: Response[] = [
      answer('{"type":'),
      answer('[1,2]'),
      answer('null'),
      answer('"text"'),
      answer(''),
      answer(null, 503),
      new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }),
      new Response('{"code":"X"}', { headers: { 'content-type': 'text/plain' } }),
      new Response('{"code":"X"}'),
      answer('{"code":"X"}', 503, { 'content-length': String(10 * 1024 * 1024) }),
      answer(`{"detail":"${'x'.repeat(200 * 1024)}"}`),
      answer(new Uint8Array([0xff, 0xfe, 0x00])),
    ]
    for (const response of cases) expect(await readProblem(response)).toBeUndefined()
    const read = answer('{"code":"X"}')
    await read.text()
    expect(await readProblem(read)).toBeUndefined()
  })

  it('gives undefined for a body that fails mid-stream', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"code":'))
        controller.error(new Error('connection reset'))
      },
    })
    expect(await readProblem(answer(body))).toBeUndefined()
  })

  it('accepts a charset parameter and any letter case in the media type', async () => {
    const response = new Response('{"code":"X","status":400}', {
      status: 400,
      headers: { 'content-type': 'Application/Problem+JSON; charset=utf-8' },
    })
    expect((await readProblem(response))?.code).toBe('X')
  })
})

describe('ProblemError', () => {
  it('says the status, the code, the detail and the request id', async () => {
    const response = answer(
      JSON.stringify({ code: 'EMAIL_TAKEN', detail: 'Email taken', request_id: 'r-7' }),
      409,
    )
    const error = await ProblemError.from(response)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ name: 'ProblemError', status: 409, code: 'EMAIL_TAKEN', requestId: 'r-7' })
    expect(error.message).toBe('409 EMAIL_TAKEN: Email taken (request id r-7)')
    expect(error.response).toBe(response)
    expect(await response.json()).toMatchObject({ code: 'EMAIL_TAKEN' })
  })

  it('works without a problem body, from the status and the X-Request-Id header', () => {
    const response = new Response('<html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'x-request-id': 'edge-1' },
    })
    const error = new ProblemError(response)
    expect(error.message).toBe('502 Bad Gateway (request id edge-1)')
    expect(error.problem).toBeUndefined()
    expect(error.code).toBeUndefined()
  })

  it('keeps control characters and long details out of the message', () => {
    const response = answer(null, 400)
    const error = new ProblemError(response, {
      status: 400,
      title: undefined,
      detail: `line\r\nforged: yes ${'x'.repeat(500)}`,
      code: 'BAD_REQUEST',
      requestId: 'r',
      type: 'about:blank',
      instance: undefined,
      errors: undefined,
      extensions: {},
    })
    expect(error.message).not.toMatch(/[\r\n]/)
    expect(error.message.length).toBeLessThan(260)
  })

  it('is recognised by instanceof across copies of the package, and only a ProblemError is', async () => {
    // Another copy (the CJS build beside the ESM one, another version): a fresh module instance.
    vi.resetModules()
    const copy = '../../src/client/problem-error.js?copy'
    const other = (await import(
      /* @vite-ignore */ copy
    )) as typeof import('../../src/client/problem-error.js')
    expect(other.ProblemError).not.toBe(ProblemError)
    const theirs = new other.ProblemError(answer(null, 503))
    expect(theirs instanceof ProblemError).toBe(true)
    expect(new ProblemError(answer(null, 503)) instanceof other.ProblemError).toBe(true)
    const lookalike = Object.assign(new Error('x'), { name: 'ProblemError', status: 503 })
    expect([lookalike, {}, null, 'ProblemError'].map((value) => value instanceof ProblemError)).toEqual([
      false,
      false,
      false,
      false,
    ])
    // On a subclass, instanceof keeps its usual meaning.
    class Mine extends ProblemError {}
    expect(new Mine(answer(null, 500)) instanceof Mine).toBe(true)
    expect(theirs instanceof Mine).toBe(false)
  })
})

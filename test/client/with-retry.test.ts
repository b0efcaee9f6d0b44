import { afterEach, describe, expect, it, vi } from 'vitest'
import { ProblemError, type RetryEvent, withRetry } from '../../src/client.js'
import { httpError, serialize } from '../../src/index.js'

// withRetry against a stand-in fetch, for what a real server cannot easily show (which bodies are
// released, what a hook that throws changes, the budget); test/client/over-http.test.ts runs the
// policy over real HTTP.

afterEach(() => vi.restoreAllMocks())

function ourAnswer(error: unknown) {
  const { status, headers, body } = serialize(error)
  return { status, headers, text: JSON.stringify(body) }
}

/** A fetch that answers from `answers` in turn (the last one repeats) and records its calls. */
function scripted(answers: (() => Response | Promise<Response>)[]) {
  const calls: { input: RequestInfo | URL; init: RequestInit | undefined }[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ input, init })
    const answer = answers[Math.min(calls.length, answers.length) - 1] as () => Response
    return answer()
  }
  return { fetch, calls }
}

describe('withRetry', () => {
  it('releases the body of each answer it retries, and returns the last one unread', async () => {
    const busy = ourAnswer(httpError(503, 'busy', { retryAfter: 0 }))
    const answers: Response[] = []
    const { fetch, calls } = scripted([
      () => {
        const response = new Response(busy.text, { status: busy.status, headers: busy.headers })
        answers.push(response)
        return response
      },
    ])
    const response = await withRetry(fetch)('https://api.test/x')
    expect(calls).toHaveLength(3)
    // A cancelled body is a disturbed one (Fetch standard): bodyUsed tells it.
    expect(answers.map((answer) => answer.bodyUsed)).toEqual([true, true, false])
    expect(response).toBe(answers[2])
    expect(((await response.json()) as { code: string }).code).toBe('SERVICE_UNAVAILABLE')
  })

  it('tells onRetry each wait, and a hook that throws changes nothing', async () => {
    const events: RetryEvent[] = []
    const { fetch, calls } = scripted([
      () => new Response(null, { status: 502 }),
      () => new Response('ok', { status: 200 }),
    ])
    const response = await withRetry(fetch, {
      baseDelay: 1,
      onRetry: (event) => {
        events.push(event)
        throw new Error('logger down')
      },
    })('https://api.test/x')
    expect(response.status).toBe(200)
    expect(calls).toHaveLength(2)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ attempt: 1, response: { status: 502 } })
    expect(events[0]?.delay).toBeGreaterThanOrEqual(0)
  })

  it('reads the method and the Idempotency-Key of a Request, and init overrides them', async () => {
    const busy = () => new Response(null, { status: 503, headers: { 'retry-after': '0' } })
    const post = scripted([busy])
    await withRetry(post.fetch)(new Request('https://api.test/x', { method: 'POST', body: 'a' }))
    expect(post.calls).toHaveLength(1)
    const keyed = scripted([busy])
    await withRetry(keyed.fetch)(
      new Request('https://api.test/x', { method: 'POST', body: 'a', headers: { 'Idempotency-Key': 'k' } }),
    )
    expect(keyed.calls).toHaveLength(3)
    // Each attempt but the last sends a clone: the Request's body is never read twice.
    expect(keyed.calls.map(({ input }) => (input as Request).bodyUsed)).toEqual([false, false, false])
    const overridden = scripted([busy])
    await withRetry(overridden.fetch)(new Request('https://api.test/x'), { method: 'PATCH' })
    expect(overridden.calls).toHaveLength(1)
  })

  it('with throwOnError, throws a ProblemError for a final 4xx or 5xx, and returns a 2xx or 3xx', async () => {
    const missing = ourAnswer(httpError(404, 'No such order'))
    const { fetch } = scripted([() => new Response(missing.text, { status: 404, headers: missing.headers })])
    const error = await withRetry(fetch, { throwOnError: true })('https://api.test/x').catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(ProblemError)
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', problem: { detail: 'No such order' } })
    const redirect = scripted([() => new Response(null, { status: 304 })])
    expect((await withRetry(redirect.fetch, { throwOnError: true })('https://api.test/x')).status).toBe(304)
  })

  it('aborts an attempt still running when the timeout budget runs out, and does not retry it', async () => {
    const calls: (AbortSignal | null | undefined)[] = []
    const hanging = (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        calls.push(init?.signal)
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
      })
    const started = Date.now()
    const error = await withRetry(hanging, { timeout: 100 })('https://api.test/x').catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'TimeoutError' })
    expect(calls).toHaveLength(1)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('ends the budget with the answer: reading its body afterwards is not cut short', async () => {
    // As fetch does, the body fails when the request's signal aborts.
    const slowBody = async (_input: RequestInfo | URL, init?: RequestInit) => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason))
          setTimeout(() => {
            controller.enqueue(new TextEncoder().encode('done'))
            controller.close()
          }, 150)
        },
      })
      return new Response(stream)
    }
    const response = await withRetry(slowBody, { timeout: 50 })('https://api.test/x')
    expect(await response.text()).toBe('done')
  })

  it('never retries an attempt the caller’s signal aborted, and rejects with its reason', async () => {
    const controller = new AbortController()
    // A caller's AbortSignal.timeout() aborts with a TimeoutError, which is otherwise transient.
    const reason = new DOMException('The operation timed out.', 'TimeoutError')
    let calls = 0
    const hanging = (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        calls++
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
      })
    setTimeout(() => controller.abort(reason), 20)
    const error = await withRetry(hanging)('https://api.test/x', { signal: controller.signal }).catch(
      (e: unknown) => e,
    )
    expect(error).toBe(reason)
    expect(calls).toBe(1)
  })

  it('returns the answer as it is, without calling fetch again, once the caller has aborted', async () => {
    const controller = new AbortController()
    const { fetch, calls } = scripted([
      () => {
        controller.abort(new Error('gone'))
        return new Response(null, { status: 503 })
      },
    ])
    const response = await withRetry(fetch)('https://api.test/x', { signal: controller.signal })
    // The decision sees the aborted signal: the answer is returned as it is.
    expect(response.status).toBe(503)
    expect(calls).toHaveLength(1)
  })

  it('checks its options once, at setup', () => {
    expect(() => withRetry(fetch, { attempts: 0 })).toThrow(TypeError)
    expect(() => withRetry(fetch, { attempts: 1.5 })).toThrow(TypeError)
    expect(() => withRetry(fetch, { baseDelay: -1 })).toThrow(TypeError)
    expect(() => withRetry(fetch, { timeout: Number.NaN })).toThrow(TypeError)
    expect(() => withRetry('fetch' as never)).toThrow(TypeError)
    expect(() => withRetry(fetch, { attempts: 1, maxRetryAfter: 0 })).not.toThrow()
  })

  it('uses the global fetch by default', async () => {
    const spy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('ok'))
    expect((await withRetry()('https://api.test/x')).status).toBe(200)
    expect(spy).toHaveBeenCalledOnce()
  })
})

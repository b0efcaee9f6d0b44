import { afterEach, describe, expect, it, vi } from 'vitest'
import { retryDecision } from '../../src/client.js'

afterEach(() => vi.restoreAllMocks())

const refused = new TypeError('fetch failed', {
  cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
})

describe('retryDecision', () => {
  it('retries the idempotent methods of RFC 9110 §9.2.2, and others only with an Idempotency-Key', () => {
    const retried = (method: string, requestHeaders?: Record<string, string>) =>
      retryDecision({ method, status: 503, attempt: 1, requestHeaders }).retry
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE', 'get', 'delete']) {
      expect([method, retried(method)]).toEqual([method, true])
    }
    for (const method of ['POST', 'PATCH', 'CONNECT', 'post']) {
      expect([method, retried(method)]).toEqual([method, false])
      expect([method, retried(method, { 'Idempotency-Key': 'k1' })]).toEqual([method, true])
    }
    expect(retried('POST', { 'idempotency-key': '' })).toBe(false)
    expect(
      retryDecision({
        method: 'POST',
        status: 503,
        attempt: 1,
        requestHeaders: new Headers({ 'Idempotency-Key': 'k' }),
      }).retry,
    ).toBe(true)
  })

  it('retries 408, 429, 500, 502, 503, 504 and nothing else', () => {
    const retried = [
      400, 401, 403, 404, 408, 409, 413, 422, 425, 429, 499, 500, 501, 502, 503, 504, 505, 507,
    ].filter((status) => retryDecision({ method: 'GET', status, attempt: 1 }).retry)
    expect(retried).toEqual([408, 429, 500, 502, 503, 504])
  })

  it('lets a body that says retryable: false win, and retryable: true not widen the statuses', () => {
    expect(retryDecision({ method: 'GET', status: 503, attempt: 1, retryable: false }).retry).toBe(false)
    expect(retryDecision({ method: 'GET', status: 409, attempt: 1, retryable: true }).retry).toBe(false)
  })

  it('counts attempts in all, the first included', () => {
    expect(retryDecision({ method: 'GET', status: 503, attempt: 2 }).retry).toBe(true)
    expect(retryDecision({ method: 'GET', status: 503, attempt: 3 }).retry).toBe(false)
    expect(retryDecision({ method: 'GET', status: 503, attempt: 4, attempts: 5 }).retry).toBe(true)
    expect(retryDecision({ method: 'GET', status: 503, attempt: 1, attempts: 1 }).retry).toBe(false)
  })

  it('waits Retry-After, in seconds or as an HTTP-date, from any kind of headers', () => {
    const at = (headers: Parameters<typeof retryDecision>[0]['headers']) =>
      retryDecision({ method: 'GET', status: 429, attempt: 1, headers }).delay
    expect(at(new Headers({ 'Retry-After': '7' }))).toBe(7000)
    expect(at({ 'retry-after': '0' })).toBe(0)
    expect(at({ 'Retry-After': ['3', '9'] })).toBe(3000)
    expect(at({ get: (name: string) => (name === 'retry-after' ? 2 : undefined) })).toBe(2000)
    const date = new Date(Date.now() + 5_000).toUTCString()
    expect(at({ 'retry-after': date })).toBeGreaterThanOrEqual(4000)
    expect(at({ 'retry-after': date })).toBeLessThanOrEqual(6000)
  })

  it('ends the retries when Retry-After passes maxRetryAfter or the timeout budget', () => {
    const decide = (retryAfter: string, extra: object = {}) =>
      retryDecision({
        method: 'GET',
        status: 503,
        attempt: 1,
        headers: { 'retry-after': retryAfter },
        ...extra,
      })
    expect(decide('60')).toEqual({ retry: true, delay: 60_000 })
    expect(decide('61')).toEqual({ retry: false, delay: 0 })
    expect(decide('3600')).toEqual({ retry: false, delay: 0 })
    expect(decide('61', { maxRetryAfter: 120_000 }).retry).toBe(true)
    expect(decide('5', { timeout: 4_000 }).retry).toBe(false)
    expect(decide('5', { timeout: 10_000, elapsed: 6_000 }).retry).toBe(false)
    expect(decide('5', { timeout: 10_000, elapsed: 4_000 }).retry).toBe(true)
  })

  it('backs off exponentially with full jitter, capped at maxDelay', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999999)
    const delay = (attempt: number, options: object = {}) =>
      retryDecision({ method: 'GET', status: 502, attempt, attempts: 20, ...options }).delay
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => delay(attempt))).toEqual([
      300, 600, 1200, 2400, 4800, 9600, 10_000, 10_000,
    ])
    expect(delay(3, { baseDelay: 100, maxDelay: 250 })).toBe(250)
    vi.spyOn(Math, 'random').mockReturnValue(0)
    expect(delay(5)).toBe(0)
  })

  it('retries transient network failures, not other errors, nor once the caller aborted', () => {
    expect(retryDecision({ method: 'GET', error: refused, attempt: 1 }).retry).toBe(true)
    expect(retryDecision({ method: 'GET', error: new Error('boom'), attempt: 1 }).retry).toBe(false)
    expect(retryDecision({ method: 'POST', error: refused, attempt: 1 }).retry).toBe(false)
    const controller = new AbortController()
    controller.abort(new DOMException('late', 'TimeoutError'))
    // A caller's AbortSignal.timeout() is a TimeoutError too: the caller's decision, not a fault.
    expect(retryDecision({ method: 'GET', error: controller.signal.reason, attempt: 1 }).retry).toBe(true)
    expect(
      retryDecision({ method: 'GET', error: controller.signal.reason, attempt: 1, signal: controller.signal })
        .retry,
    ).toBe(false)
  })
})

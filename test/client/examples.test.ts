import { serve } from '@hono/node-server'
import axios from 'axios'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createClientHandler } from '../runtimes/consumer/client-suite.mjs'

// The client examples of docs/clients.md, run against a loopback server answered by our fetch adapter.
let url = ''
let close: () => Promise<void>

beforeAll(async () => {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: createClientHandler(), port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    )
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  url = `http://127.0.0.1:${address.port}`
  close = () =>
    new Promise((resolve) => {
      ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      server.close(() => resolve())
    })
})

afterAll(() => close())

describe('docs/examples/client-*.ts', () => {
  it('client-axios.ts: retries a GET answered 503, never a POST without a key', async () => {
    const { withRetries } = await import('../../docs/examples/client-axios.js')
    const requests: string[] = []
    const api = withRetries(axios.create({ baseURL: url }))
    api.interceptors.request.use((config) => {
      requests.push(`${config.method} ${config.url}`)
      return config
    })
    const ok = await api.get('/flaky/axios-get?fails=2&after=0')
    expect(ok.data).toMatchObject({ ok: true, count: 3 })
    expect(requests).toHaveLength(3)
    const failed = await api.post('/busy/axios-post?after=0', { amount: 1 }).catch((error: unknown) => error)
    expect(failed).toMatchObject({ response: { status: 503 } })
    expect(requests).toHaveLength(4)
  })

  it('client-read-problem.ts: a detail with the request id, or the field errors', async () => {
    const { describeFailure } = await import('../../docs/examples/client-read-problem.js')
    const busy = await fetch(`${url}/busy/read-problem?after=1`)
    expect(await describeFailure(busy)).toMatch(/\(quote \S+ to support\)$/)
    expect(await describeFailure(await fetch(`${url}/html`))).toBe('Unexpected answer 502')
  })

  it('client-with-retry.ts: placeOrder sends an idempotency key, retries, and returns field errors', async () => {
    const calls: RequestInit[] = []
    const answers = [
      () => new Response(null, { status: 503, headers: { 'retry-after': '0' } }),
      () =>
        Response.json(
          {
            code: 'VALIDATION_FAILED',
            errors: [{ path: 'quantity', message: 'Too small', code: 'too_small' }],
          },
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        ),
    ]
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      calls.push(init ?? {})
      return (answers[calls.length - 1] as () => Response)()
    })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { placeOrder } = await import('../../docs/examples/client-with-retry.js')
    expect(await placeOrder({ sku: 'w-1', quantity: 0 })).toEqual({
      invalid: [{ path: 'quantity', message: 'Too small', code: 'too_small' }],
    })
    expect(calls).toHaveLength(2)
    expect(new Headers(calls[0]?.headers).get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/)
    vi.restoreAllMocks()
  })
})

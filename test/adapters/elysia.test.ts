import { Elysia, t } from 'elysia'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { app as example } from '../../docs/examples/elysia.js'
import { httpTriage } from '../../src/adapters/elysia.js'
import type { LogReport } from '../../src/index.js'

const post = (path: string, body: string) =>
  new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })

async function answer(app: { handle(request: Request): Promise<Response> }, request: Request) {
  const response = await app.handle(request)
  return { response, body: (await response.json()) as Record<string, unknown> }
}

describe('the Elysia plugin', () => {
  it("answers the docs' example: an own 404 with its message, a schema failure as 422, no route", async () => {
    // The example logs to the console: one line per error, captured here.
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {})
    onTestFinished(() => printed.mockRestore())
    const missing = await answer(example, new Request('http://localhost/orders/7'))
    expect(missing.response.status).toBe(404)
    expect(missing.response.headers.get('content-type')).toBe('application/problem+json')
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', detail: 'No such order.' })

    const invalid = await answer(example, post('/signup', '{"email":"not-an-email"}'))
    expect(invalid.response.status).toBe(422)
    expect(invalid.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.email', message: "Expected string to match 'email' format", code: 'invalid' }],
    })
    expect(JSON.stringify(invalid.body)).not.toContain('not-an-email')

    const noRoute = await answer(example, new Request('http://localhost/nope?x=1'))
    expect(noRoute.response.status).toBe(404)
    expect(noRoute.body.detail).toBe('No route for GET /nope')
    expect(printed).toHaveBeenCalledTimes(3)
    expect(printed.mock.calls[1]?.[0]).toMatch(
      /^http-triage: 422 VALIDATION_FAILED POST \/signup rule=validation:elysia/,
    )
  })

  it("fails at setup when routes were declared before it (they would keep Elysia's answer)", () => {
    const early = new Elysia().get('/early', () => 'x')
    expect(() => early.use(httpTriage())).toThrow(
      /before declaring routes; 1 route\(s\) declared before it \(GET \/early\)/,
    )
  })

  it('keeps headers set before the error, reports the route', async () => {
    const reports: LogReport[] = []
    const app = new Elysia()
      .use(httpTriage({ log: false, report: (report) => void reports.push(report) }))
      .onRequest(({ set }) => {
        set.headers['access-control-allow-origin'] = 'https://app.example'
      })
      .get('/orders/:id', () => {
        throw new Error('db password=hunter2')
      })
    for (const path of ['/orders/7']) {
      const { response, body } = await answer(app, new Request(`http://localhost${path}`))
      expect(response.status).toBe(500)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
      expect(JSON.stringify(body)).not.toContain('hunter2')
    }
    const { response } = await answer(app, new Request('http://localhost/orders/7'))
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example')
    expect(reports.at(-1)).toMatchObject({ status: 500, route: '/orders/:id' })
  })

  it('answers a body that is not JSON as every adapter does', async () => {
    const app = new Elysia().use(httpTriage({ log: false })).post('/x', ({ body }) => body, {
      body: t.Object({ a: t.String() }),
    })
    const { response, body } = await answer(app, post('/x', '{"a":'))
    expect(response.status).toBe(400)
    expect(body.detail).toBe('The request body is not valid JSON.')
  })

  it('checks its options at setup', () => {
    expect(() => httpTriage({ fromat: 'json' } as never)).toThrow(/fromat/)
  })
})

// http-triage/otel with the real OpenTelemetry SDK: instrumentation-http makes the SERVER span of
// each request on 127.0.0.1, an in-memory exporter keeps the spans, a metric reader collects the
// counter. Express 5, Fastify 5 and Hono (on @hono/node-server) run the same cases.
import { createRequire } from 'node:module'
import { context, metrics, propagation, SpanStatusCode, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import {
  AggregationTemporality,
  MeterProvider,
  MetricReader,
  type SumMetricData,
} from '@opentelemetry/sdk-metrics'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createResponder, type LogReport } from '../../src/index.js'
import { ERROR_COUNTER, openTelemetry } from '../../src/otel.js'
import { closedPort } from '../support/loopback.js'

// The SDK first, then `node:http` required again so that instrumentation-http patches it, then the
// frameworks (imported in beforeAll, after this).
const spans = new InMemorySpanExporter()
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] })
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
trace.setGlobalTracerProvider(tracerProvider)
const http = new HttpInstrumentation()
http.setTracerProvider(tracerProvider)
http.enable()
createRequire(import.meta.url)('node:http')

class Reader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE })
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

interface Point {
  readonly attributes: Record<string, unknown>
  readonly value: number
}

/** The counter's points, as `route status error.type` → count. */
async function points(reader: Reader): Promise<Map<string, number>> {
  const { resourceMetrics } = await reader.collect()
  const out = new Map<string, number>()
  for (const scope of resourceMetrics.scopeMetrics)
    for (const metric of scope.metrics) {
      if (metric.descriptor.name !== ERROR_COUNTER) continue
      for (const point of (metric as SumMetricData).dataPoints as Point[]) {
        const a = point.attributes
        out.set(
          `${a['http.request.method']} ${a['http.route'] ?? '-'} ${a['http.response.status_code']} ${a['error.type']} ${a['http_triage.rule']}`,
          point.value,
        )
      }
    }
  return out
}

const User = z.object({ email: z.email() })
let refusedPort = 0

/** What a route does: a zod failure (422), an upstream that refuses (503). */
const failures = {
  invalid: () => User.parse({ email: 'nope' }),
  refused: () => fetch(`http://127.0.0.1:${refusedPort}/`),
}

interface App {
  readonly name: string
  readonly start: (
    report: ReturnType<typeof openTelemetry>,
    log: (r: LogReport) => void,
  ) => Promise<{ url: string; close: () => Promise<void> }>
  /** The route templates, as the framework names them. */
  readonly routes: { readonly invalid: string; readonly refused: string }
}

const apps: App[] = [
  {
    name: 'Express 5',
    routes: { invalid: '/users/:id', refused: '/upstream' },
    async start(report, log) {
      const { default: express } = await import('express')
      const { errorHandler, notFoundHandler } = await import('../../src/adapters/express.js')
      const { createServer } = await import('node:http')
      const app = express()
      app.post('/users/:id', async () => failures.invalid())
      app.get('/upstream', async () => {
        await failures.refused()
      })
      app.use(notFoundHandler({ report, log }))
      app.use(errorHandler({ report, log }))
      const server = createServer(app)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const address = server.address() as { port: number }
      return {
        url: `http://127.0.0.1:${address.port}`,
        close: () => new Promise((r) => server.close(() => r())),
      }
    },
  },
  {
    name: 'Fastify 5',
    routes: { invalid: '/users/:id', refused: '/upstream' },
    async start(report, log) {
      const { default: Fastify } = await import('fastify')
      const { httpTriage } = await import('../../src/adapters/fastify.js')
      const app = Fastify()
      await app.register(httpTriage, { report, log })
      app.post('/users/:id', async () => failures.invalid())
      app.get('/upstream', async () => failures.refused())
      await app.listen({ port: 0, host: '127.0.0.1' })
      const address = app.server.address() as { port: number }
      return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() }
    },
  },
  {
    name: 'Hono (@hono/node-server)',
    routes: { invalid: '/users/:id', refused: '/upstream' },
    async start(report, log) {
      const { Hono } = await import('hono')
      const { serve } = await import('@hono/node-server')
      const { errorHandler, notFoundHandler } = await import('../../src/adapters/hono.js')
      const app = new Hono()
      app.post('/users/:id', async (c) => c.json(failures.invalid()))
      app.get('/upstream', async () => failures.refused())
      app.onError(errorHandler({ report, log }))
      app.notFound(notFoundHandler({ report, log }))
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
      })
      const address = server.address() as { port: number }
      return {
        url: `http://127.0.0.1:${address.port}`,
        close: () => new Promise((r) => server.close(() => r())),
      }
    },
  },
]

/** The SERVER span of the request to `path` (instrumentation-http names it by method). */
function serverSpanOf(path: string): ReadableSpan {
  const found = spans
    .getFinishedSpans()
    .filter(
      (span) =>
        span.kind === 1 &&
        String(span.attributes['url.path'] ?? span.attributes['http.target'] ?? '').startsWith(path),
    )
  expect(found, `one server span for ${path}`).toHaveLength(1)
  return found[0] as ReadableSpan
}

beforeAll(async () => {
  refusedPort = await closedPort()
})
afterAll(async () => {
  http.disable()
  await tracerProvider.shutdown()
})

describe.each(apps)('$name', (app) => {
  let reader: Reader
  let server: { url: string; close: () => Promise<void> }
  const reports: LogReport[] = []

  beforeAll(async () => {
    reader = new Reader()
    const meterProvider = new MeterProvider({ readers: [reader] })
    server = await app.start(openTelemetry({ meterProvider }), (r) => {
      reports.push(r)
    })
  })
  afterAll(() => server.close())
  beforeEach(() => {
    spans.reset()
    reports.length = 0
  })

  async function request(method: string, path: string): Promise<Response> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
    })
    await response.text()
    // The server span ends when the response has been written.
    await expect.poll(() => spans.getFinishedSpans().some((s) => s.kind === 1)).toBe(true)
    return response
  }

  it('a zod failure (422) leaves the server span unset, with error.type VALIDATION_FAILED and http.route', async () => {
    expect((await request('POST', '/users/7')).status).toBe(422)
    const span = serverSpanOf('/users/7')
    expect(span.status.code).toBe(SpanStatusCode.UNSET)
    expect(span.attributes['error.type']).toBe('VALIDATION_FAILED')
    expect(span.attributes['http.route']).toBe(app.routes.invalid)
    expect(span.events.filter((e) => e.name === 'exception')).toHaveLength(0)
  })

  it('an upstream that refuses (503) sets Error, error.type SERVICE_UNAVAILABLE and one exception event', async () => {
    expect((await request('GET', '/upstream')).status).toBe(503)
    const span = serverSpanOf('/upstream')
    expect(span.status.code).toBe(SpanStatusCode.ERROR)
    expect(span.attributes['error.type']).toBe('SERVICE_UNAVAILABLE')
    expect(span.attributes['http.route']).toBe(app.routes.refused)
    expect(span.events.filter((e) => e.name === 'exception')).toHaveLength(1)
    // The log line leads to its trace.
    expect(reports.at(-1)?.trace_id).toBe(span.spanContext().traceId)
    expect(reports.at(-1)?.span_id).toBe(span.spanContext().spanId)
  })

  it('counts every error exactly, per (method, route, status, error.type, rule); 404s have no route', async () => {
    const before = await points(reader)
    for (let i = 0; i < 4; i++) await request('POST', `/users/${i}`)
    for (let i = 0; i < 3; i++) await request('GET', '/upstream')
    for (let i = 0; i < 3; i++) await request('GET', `/nowhere/${i}`)
    const after = await points(reader)
    const added: Record<string, number> = {}
    for (const [key, value] of after) {
      const delta = value - (before.get(key) ?? 0)
      if (delta !== 0) added[key] = delta
    }
    expect(added).toEqual({
      [`POST ${app.routes.invalid} 422 VALIDATION_FAILED validation:zod`]: 4,
      [`GET ${app.routes.refused} 503 SERVICE_UNAVAILABLE node-system:ECONNREFUSED`]: 3,
      'GET - 404 NOT_FOUND http-error': 3,
    })
  })
})

describe('with no SDK registered', () => {
  it('the hook throws nothing and changes no response', () => {
    trace.disable()
    metrics.disable()
    context.disable()
    propagation.disable()
    const plain = createResponder({ log: false, requestIdHeader: false, generateRequestId: () => 'req-1' })
    const hooked = createResponder({
      log: false,
      requestIdHeader: false,
      generateRequestId: () => 'req-1',
      report: openTelemetry(),
    })
    for (const error of [new Error('x'), User.safeParse({}).error, 'a string', null]) {
      const a = plain(error, { method: 'GET', route: '/x' })
      const b = hooked(error, { method: 'GET', route: '/x' })
      expect([b.status, b.headers, b.body]).toEqual([a.status, a.headers, a.body])
      expect(b.report.trace_id).toBeUndefined()
    }
  })

  it('rejects bad options at setup', () => {
    expect(() => openTelemetry({ meterProvider: {} as never })).toThrow(/meterProvider/)
    expect(() => openTelemetry({ recordExceptions: true } as never)).toThrow(
      /unknown option "recordExceptions"/,
    )
  })
})

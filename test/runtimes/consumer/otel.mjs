// http-triage/otel in the runtime, from the packed package, with the OpenTelemetry packages of
// test/runtimes (plain JavaScript; linked into the consumer by scripts/runtime-matrix.mjs):
// 1. with no SDK registered (nothing in this process registers one), `openTelemetry()` as the
//    `report` hook of `createResponder` and of the fetch adapter changes no answer, the hook called
//    on its own throws nothing, and the reports get no trace or span id;
// 2. with a real meter (`@opentelemetry/sdk-metrics`' MeterProvider, a PeriodicExportingMetricReader
//    flushed by hand into an InMemoryMetricExporter) passed as `openTelemetry({ meterProvider })`,
//    a 404, two 503s (`GET` and `get`: one series), a 500 and a 404 of the fetch adapter for a
//    `PURGE` (method `_OTHER`) give exactly the expected points of `http_triage.errors`.
// Runs inside a request on workerd (otel-worker.mjs), in the test runner's process elsewhere
// (matrix.test.mjs).
import { checker } from './checker.mjs'

const SECRET = 'db password=hunter2'
const ID = '01J00000000000000000000000'
const generateRequestId = () => ID

/** What createResponder is driven through: a thrown value and what is known of the request. */
const CASES = [
  ['404 httpError', (httpError) => httpError(404, 'No such widget'), { method: 'GET', path: '/widgets/7' }],
  [
    '503 httpError',
    (httpError) => httpError(503, 'Busy', { retryAfter: 5 }),
    { method: 'GET', path: '/orders/7', route: '/orders/:id' },
  ],
  ['500 Error', () => new Error(SECRET), { method: 'POST', path: '/orders', route: '/orders' }],
  ['500 null', () => null, { method: 'DELETE', path: '/orders/7', route: '/orders/:id' }],
]

/**
 * The points `http_triage.errors` must have after `countedErrors`: method, route, status,
 * error.type and rule → value. No point carries a path.
 */
const EXPECTED_POINTS = {
  'GET - 404 NOT_FOUND http-error': 1,
  'GET /orders/:id 503 SERVICE_UNAVAILABLE http-error': 2,
  'POST /orders 500 INTERNAL_SERVER_ERROR fallback': 1,
  '_OTHER - 404 NOT_FOUND http-error': 1,
}

const answer = ({ status, headers, body }) => ({ status, headers, body })

async function fetchAnswer(response) {
  return {
    status: response.status,
    headers: Object.fromEntries([...response.headers].sort(([a], [b]) => (a < b ? -1 : 1))),
    body: await response.text(),
  }
}

/** 1: no SDK registered. */
async function withoutSdk(check, { core, fetchAdapter, otel }) {
  const plain = core.createResponder({ log: false, generateRequestId })
  const hooked = core.createResponder({ log: false, generateRequestId, report: otel.openTelemetry() })
  const hook = otel.openTelemetry()
  for (const [name, make, request] of CASES) {
    const error = make(core.httpError)
    const expected = plain(error, request)
    let seen
    try {
      seen = hooked(error, request)
    } catch (thrown) {
      check.fail(`no SDK, createResponder ${name}`, thrown)
      continue
    }
    check.equal(`no SDK, createResponder ${name}: same answer`, answer(seen), answer(expected))
    check.ok(
      `no SDK, createResponder ${name}: no trace_id or span_id in the report`,
      seen.report.trace_id === undefined && seen.report.span_id === undefined,
      seen.report,
    )
    try {
      const returned = hook(seen.report, seen.classification)
      check.equal(`no SDK, the hook called on its own, ${name}: returns nothing`, returned, undefined)
    } catch (thrown) {
      check.fail(`no SDK, the hook called on its own, ${name}`, thrown)
    }
  }
  const plainError = fetchAdapter.errorHandler({ log: false, generateRequestId })
  const hookedError = fetchAdapter.errorHandler({
    log: false,
    generateRequestId,
    report: otel.openTelemetry(),
  })
  const plainNotFound = fetchAdapter.notFoundHandler({ log: false, generateRequestId })
  const hookedNotFound = fetchAdapter.notFoundHandler({
    log: false,
    generateRequestId,
    report: otel.openTelemetry(),
  })
  const request = (method = 'GET') => new Request('http://127.0.0.1/fetch/widgets/7', { method })
  const pairs = [
    [
      'fetch errorHandler 503',
      (handler) => handler(core.httpError(503, 'Busy', { retryAfter: 5 }), request()),
    ],
    ['fetch errorHandler 500', (handler) => handler(new Error(SECRET), request('POST'))],
    ['fetch errorHandler HEAD 500', (handler) => handler(new Error(SECRET), request('HEAD'))],
  ]
  for (const [name, run] of pairs) {
    try {
      check.equal(
        `no SDK, ${name}: same answer`,
        await fetchAnswer(await run(hookedError)),
        await fetchAnswer(await run(plainError)),
      )
    } catch (thrown) {
      check.fail(`no SDK, ${name}`, thrown)
    }
  }
  try {
    check.equal(
      'no SDK, fetch notFoundHandler: same answer',
      await fetchAnswer(await hookedNotFound(request())),
      await fetchAnswer(await plainNotFound(request())),
    )
  } catch (thrown) {
    check.fail('no SDK, fetch notFoundHandler', thrown)
  }
}

/** The counter's points, as `method route status error.type rule` → value. */
function pointsOf(resourceMetrics, counterName) {
  const out = {}
  const attributes = []
  const descriptors = []
  for (const scope of resourceMetrics?.scopeMetrics ?? []) {
    for (const metric of scope.metrics) {
      if (metric.descriptor.name !== counterName) continue
      descriptors.push({ scope: scope.scope.name, unit: metric.descriptor.unit })
      for (const point of metric.dataPoints) {
        const a = point.attributes
        attributes.push(a)
        const key = `${a['http.request.method']} ${a['http.route'] ?? '-'} ${a['http.response.status_code']} ${a['error.type']} ${a['http_triage.rule']}`
        out[key] = (out[key] ?? 0) + point.value
      }
    }
  }
  return { points: out, attributes, descriptors }
}

/** 2: a real MeterProvider, read through an in-memory exporter. */
async function withMeter(check, { core, fetchAdapter, otel }) {
  let sdk
  try {
    sdk = await import('@opentelemetry/sdk-metrics')
  } catch (error) {
    check.fail("import '@opentelemetry/sdk-metrics'", error)
    return
  }
  const { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } = sdk
  let provider
  try {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 })
    provider = new MeterProvider({ readers: [reader] })
    const report = otel.openTelemetry({ meterProvider: provider })
    const respond = core.createResponder({ log: false, report })
    const notFound = fetchAdapter.notFoundHandler({ log: false, report })
    const countedErrors = [
      [core.httpError(404, 'No such widget'), { method: 'GET', path: '/widgets/7' }],
      [
        core.httpError(503, 'Busy', { retryAfter: 5 }),
        { method: 'GET', path: '/orders/7', route: '/orders/:id' },
      ],
      [core.httpError(503, 'Busy'), { method: 'get', path: '/orders/8', route: '/orders/:id' }],
      [new Error(SECRET), { method: 'POST', path: '/orders', route: '/orders' }],
    ]
    const statuses = countedErrors.map(([error, request]) => respond(error, request).status)
    check.equal('with a meter: the statuses', statuses, [404, 503, 503, 500])
    const missing = await notFound(new Request('http://127.0.0.1/fetch/nothing/42', { method: 'PURGE' }))
    check.equal('with a meter: fetch notFoundHandler status', missing.status, 404)

    await provider.forceFlush()
    const exported = exporter.getMetrics()
    check.ok('with a meter: the reader exported', exported.length > 0, exported.length)
    const { points, attributes, descriptors } = pointsOf(exported.at(-1), otel.ERROR_COUNTER)
    check.equal('with a meter: one http_triage.errors counter, from the http-triage meter', descriptors, [
      { scope: 'http-triage', unit: '{response}' },
    ])
    check.equal('with a meter: the points of http_triage.errors', points, EXPECTED_POINTS)
    const names = [...new Set(attributes.flatMap((a) => Object.keys(a)))].sort()
    check.equal('with a meter: the attribute names', names, [
      'error.type',
      'http.request.method',
      'http.response.status_code',
      'http.route',
      'http_triage.rule',
    ])
    const text = JSON.stringify(attributes)
    check.ok(
      'with a meter: no path, id or secret in any attribute',
      !/widgets\/7|orders\/[78]|nothing\/42|hunter2/.test(text),
      text,
    )
  } catch (error) {
    check.fail('with a meter', error)
  } finally {
    try {
      await provider?.shutdown()
    } catch (error) {
      check.fail('with a meter: MeterProvider shutdown', error)
    }
  }
}

/** Runs one part with its own checker; throws the list of what failed. */
async function part(run) {
  const check = checker()
  const modules = {
    core: await import('http-triage'),
    fetchAdapter: await import('http-triage/fetch'),
    otel: await import('http-triage/otel'),
  }
  await run(check, modules)
  const { ok, failures } = check.result()
  if (!ok) throw new Error(failures.join('\n'))
}

/** The otel column's checks, by name; each throws when it fails. */
export const OTEL_CHECKS = {
  'no SDK registered: the same answers, no trace ids, a hook that throws nothing': () => part(withoutSdk),
  'with a meter: exactly the expected points of http_triage.errors': () => part(withMeter),
}

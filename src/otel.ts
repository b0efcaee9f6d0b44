/**
 * OpenTelemetry for the error path: a `report` hook that marks the server span and counts errors.
 * `@opentelemetry/api` is its one dependency (an optional peer of the package); the core and the
 * adapters never import it.
 * @module http-triage/otel
 */
import {
  type Attributes,
  type Context,
  context,
  type MeterProvider,
  metrics,
  type Span,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api'
import type { LogReport } from './log.js'
import type { ReportHook } from './respond.js'
import type { Classification } from './types.js'

/** Options of `openTelemetry`. */
export interface OpenTelemetryOptions {
  /** Where the counter is made. @default the global meter provider */
  readonly meterProvider?: MeterProvider
  /** Records the error as an exception event on the span, for a 5xx only. @default true */
  readonly recordException?: boolean
  /**
   * More attributes for the span and the counter, from the report. Keep their values in bounded
   * sets (never paths, ids or messages): each distinct value is a new series.
   */
  readonly attributes?: (report: LogReport) => Attributes
}

const OPTIONS = ['meterProvider', 'recordException', 'attributes']

/** The name of the counter of error responses. */
export const ERROR_COUNTER = 'http_triage.errors'

// `@opentelemetry/core` keeps the server span of `@opentelemetry/instrumentation-http` in the RPC
// metadata of the context under this key; the API makes context keys with `Symbol.for`, so it is
// read here without depending on the SDK.
const RPC_METADATA = Symbol.for('OpenTelemetry SDK Context Key RPC_METADATA')

// Semantic conventions: the methods `http.request.method` names; any other is `_OTHER`.
const METHODS = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'QUERY',
  'TRACE',
])

/**
 * A `report` hook for every adapter and `createResponder`. On the server span (the one
 * `@opentelemetry/instrumentation-http` made, else the active span) it sets `error.type` to the
 * public code and `http.route` where known; for a 5xx it sets the status to Error and records the
 * exception once (a 4xx leaves the status unset, as the semantic conventions say). It counts
 * every error response on `http_triage.errors` with `http.request.method`, `http.route` (none for
 * a 404), `http.response.status_code`, `error.type` and `http_triage.rule`. With an active span,
 * the report gets `trace_id` and `span_id` before it is logged. With no SDK registered it does
 * nothing (the API's no-op providers).
 *
 * @example
 * import { openTelemetry } from 'http-triage/otel'
 * app.use(errorHandler({ log: console, report: openTelemetry() }))
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): ReportHook {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('http-triage: the options of openTelemetry() must be an object')
  }
  for (const key of Object.keys(options)) {
    if (!OPTIONS.includes(key)) {
      throw new TypeError(
        `http-triage: unknown option "${key}" of openTelemetry(); use ${OPTIONS.join(', ')}`,
      )
    }
  }
  const { meterProvider, recordException = true, attributes } = options
  if (meterProvider !== undefined && typeof meterProvider?.getMeter !== 'function') {
    throw new TypeError('http-triage: `meterProvider` must be a MeterProvider (with getMeter())')
  }
  if (typeof recordException !== 'boolean')
    throw new TypeError('http-triage: `recordException` must be a boolean')
  if (attributes !== undefined && typeof attributes !== 'function') {
    throw new TypeError('http-triage: `attributes` must be a function of the report')
  }
  // The counter is made on first use, so that a provider registered after setup is the one used.
  let counter: ReturnType<ReturnType<MeterProvider['getMeter']>['createCounter']> | undefined
  const count = () => {
    counter ??= (meterProvider ?? metrics).getMeter('http-triage').createCounter(ERROR_COUNTER, {
      description: 'Error responses, by route, status, error.type and the rule that decided',
      unit: '{response}',
    })
    return counter
  }

  return function openTelemetryReport(report: LogReport, classification: Classification): void {
    const extra = extraAttributes(attributes, report)
    const span = serverSpan(context.active())
    if (span?.isRecording()) {
      span.setAttribute('error.type', report.code)
      if (report.route !== undefined) span.setAttribute('http.route', report.route)
      if (extra) span.setAttributes(extra)
      if (report.status >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: classification.title })
        if (recordException) span.recordException(exceptionOf(report.err))
      }
    }
    const spanContext = span?.spanContext()
    if (spanContext && trace.isSpanContextValid(spanContext)) {
      report.trace_id = spanContext.traceId
      report.span_id = spanContext.spanId
    }
    const method = (report.req.method ?? 'GET').toUpperCase()
    const point: Attributes = {
      'http.request.method': METHODS.has(method) ? method : '_OTHER',
      'http.response.status_code': report.status,
      'error.type': report.code,
      'http_triage.rule': report.rule,
      ...extra,
    }
    if (report.route !== undefined) point['http.route'] = report.route
    count().add(1, point)
  }
}

/** The SERVER span of instrumentation-http if there is one, else the active span. */
function serverSpan(active: Context): Span | undefined {
  const metadata = active.getValue(RPC_METADATA) as { span?: Span } | undefined
  return metadata?.span ?? trace.getSpan(active)
}

function extraAttributes(
  make: OpenTelemetryOptions['attributes'],
  report: LogReport,
): Attributes | undefined {
  if (make === undefined) return undefined
  try {
    const out = make(report)
    return out !== null && typeof out === 'object' ? out : undefined
  } catch {
    return undefined
  }
}

/** What the exception event records: the (redacted) error's name, message and stack. */
function exceptionOf(error: unknown): { name: string; message: string; stack?: string } | string {
  if (error === null || typeof error !== 'object') return String(error)
  const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown }
  const out: { name: string; message: string; stack?: string } = {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : '',
  }
  if (typeof stack === 'string') out.stack = stack
  return out
}

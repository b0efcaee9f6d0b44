import { context, metrics, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http'
import { MeterProvider, type MetricReader } from '@opentelemetry/sdk-metrics'
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base'

// Before the server is created: an SDK (here by hand; @opentelemetry/sdk-node does the same), and
// instrumentation-http, which makes the SERVER span that http-triage marks.
export function startTelemetry(exporter: SpanExporter, reader: MetricReader): void {
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  trace.setGlobalTracerProvider(tracerProvider)
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }))
  const http = new HttpInstrumentation()
  http.setTracerProvider(tracerProvider)
  http.enable()
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
}

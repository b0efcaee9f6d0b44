import { consoleLine } from './console-line.js'
import { checkOptionNames } from './internal/options.js'
import { createRedactor, REDACTED_KEYS, type Redactor } from './internal/redact.js'
import { settle } from './internal/settle.js'

export { REDACTED_KEYS }

import type { Classification } from './types.js'

/** The levels a report is logged at. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug'

/**
 * One structured report per error, pino-shaped: the error under `err` (the key pino's serializers
 * read), `res.statusCode`, and the classification's fields at the top level.
 */
export interface LogReport {
  readonly err: unknown
  readonly req: { readonly method?: string; readonly url?: string }
  readonly res: { readonly statusCode: number }
  readonly status: number
  readonly code: string
  readonly rule: string
  readonly retryable: boolean
  readonly request_id: string
  readonly duration_ms?: number
  /** The route template that matched (`/orders/:id`), where the framework knows it; none for a 404. */
  readonly route?: string
  /** The active trace and span, when a tracing hook (`openTelemetry()`) added them. */
  trace_id?: string
  span_id?: string
  /** Present when the error came after the response had started: nothing was written, the connection was ended. */
  readonly headers_sent?: true
  /** The classification; its `cause` is the value of the cause chain that decided (the error itself, or one of its causes). */
  readonly classification: Classification
}

/** A logger with pino's or console's signature: `logger.error(object, message)`. */
export interface Logger {
  error(obj: unknown, msg?: string): unknown
  warn?(obj: unknown, msg?: string): unknown
  info?(obj: unknown, msg?: string): unknown
  debug?(obj: unknown, msg?: string): unknown
}

/** Where reports go: a logger (console, pino …), a function, or `false` for nowhere. */
export type LogTarget = Logger | ((report: LogReport, level: LogLevel, message: string) => unknown) | false

/** The names of `LogOptions`. */
export const LOG_OPTIONS = [
  'log',
  'clientErrorLevel',
  'serverErrorLevel',
  'redact',
] as const satisfies readonly (keyof LogOptions)[]

/** Options of the log report. */
export interface LogOptions {
  /** Where reports go. @default false in the core; the Fastify adapter defaults to `request.log` */
  readonly log?: LogTarget
  /** The level of 4xx reports. @default 'warn' */
  readonly clientErrorLevel?: LogLevel | 'silent'
  /** The level of 5xx reports. @default 'error' */
  readonly serverErrorLevel?: LogLevel | 'silent'
  /**
   * Which keys of the thrown value are secret in the report (`err`, `classification.cause`): a key
   * whose lower-case form contains one of these is written `[REDACTED]`, in a copy; raw header
   * lines and URLs with such names, and URL passwords, too. `false` logs the value as it is.
   * @default REDACTED_KEYS (authorization, cookie, password, secret, token, api-key …)
   */
  readonly redact?: false | readonly string[]
}

/** What `createReporter` takes: it delivers reports; the responder that makes them redacts them. */
const REPORTER_OPTIONS = LOG_OPTIONS.filter((name) => name !== 'redact')

const LEVELS = new Set(['error', 'warn', 'info', 'debug', 'silent'])

/** Delivers a report; a logger that throws, or returns a promise that rejects, changes nothing. */
export type Reporter = (report: LogReport, logger?: LogTarget) => void

/**
 * Creates the function that delivers log reports. Options are checked here, once.
 *
 * @example
 * import { createReporter } from 'http-triage'
 * const report = createReporter({ log: console })
 */
export function createReporter(options: Omit<LogOptions, 'redact'> = {}): Reporter {
  checkOptionNames(options, REPORTER_OPTIONS, 'createReporter()')
  const { log = false, clientErrorLevel = 'warn', serverErrorLevel = 'error' } = options
  if (
    log !== false &&
    typeof log !== 'function' &&
    (log === null || typeof log !== 'object' || typeof log.error !== 'function')
  ) {
    throw new TypeError(
      'http-triage: `log` must be false, a function, or a logger with an error() method (console, pino …)',
    )
  }
  for (const [key, level] of [
    ['clientErrorLevel', clientErrorLevel],
    ['serverErrorLevel', serverErrorLevel],
  ] as const) {
    if (!LEVELS.has(level))
      throw new TypeError(`http-triage: \`${key}\` must be one of ${[...LEVELS].join(', ')}`)
  }
  return (report, override) => {
    const target = override ?? log
    if (target === false) return
    const level = report.status >= 500 ? serverErrorLevel : clientErrorLevel
    if (level === 'silent') return
    const message = report.classification.title
    try {
      if (target === globalThis.console) {
        const write = typeof target[level] === 'function' ? target[level] : target.error
        write.call(target, consoleLine(report))
        return
      }
      const result =
        typeof target === 'function'
          ? target(report, level, message)
          : (typeof target[level] === 'function' ? target[level] : target.error).call(target, report, message)
      settle(result)
    } catch {
      // A logger that throws must never change the response.
    }
  }
}

/** The redactor of the `redact` option, checked here; `undefined` for `false`. */
export function redactorOf(redact: LogOptions['redact']): Redactor | undefined {
  if (redact === false) return undefined
  if (redact === undefined) {
    defaultRedactor ??= createRedactor()
    return defaultRedactor
  }
  if (!Array.isArray(redact) || !redact.every((key) => typeof key === 'string' && key.length > 0)) {
    throw new TypeError(
      'http-triage: `redact` must be false or an array of key fragments, e.g. [...REDACTED_KEYS, "x-session"]',
    )
  }
  return createRedactor(redact)
}

let defaultRedactor: Redactor | undefined

/**
 * The Fastify adapter of http-triage.
 * @module http-triage/fastify
 */

import { requestPath } from '../internal/request-path.js'
import { get } from '../internal/safe.js'
import type { LogTarget } from '../log.js'
import {
  type ErrorResponse,
  type RequestInfo,
  type Responder,
  type ResponderOptions,
  responderFor,
} from '../respond.js'
import { CONTENT_HEADERS } from './content-headers.js'
import { noRoute } from './no-route.js'

/** The parts of a Fastify 4 or 5 request the adapter reads. */
export interface FastifyRequestLike {
  method: string
  url: string
  id?: unknown
  headers: Record<string, string | string[] | undefined>
  log?: unknown
  raw?: { socket?: { destroyed?: boolean } | null }
  /** The route that matched (Fastify 4.10 and later). */
  routeOptions?: { url?: unknown } | undefined
}

/** The parts of a Fastify 4 or 5 reply the adapter writes. */
export interface FastifyReplyLike {
  sent?: boolean
  statusCode?: number
  raw: { headersSent: boolean; destroy(error?: Error): unknown }
  code(status: number): FastifyReplyLike
  headers(values: Record<string, string>): FastifyReplyLike
  getHeaders?(): Record<string, unknown>
  removeHeader?(name: string): FastifyReplyLike
  send(payload?: unknown): FastifyReplyLike
  /** Fastify 4 and 5: the reply is written by the caller from now on. */
  hijack?(): FastifyReplyLike
}

/** The part of a Fastify instance the plugin uses. */
export interface FastifyInstanceLike {
  setErrorHandler(handler: (error: any, request: any, reply: any) => unknown): unknown
  setNotFoundHandler(handler: (request: any, reply: any) => unknown): unknown
  addHook?(name: string, hook: (...args: any[]) => unknown): unknown
}

/**
 * Options of the Fastify adapter: those of every adapter. Unless `log` is given, reports go to the
 * request's own logger (`request.log`), so they land in the app's pino output.
 */
export type FastifyOptions = ResponderOptions

/** A function for Fastify's `setErrorHandler`. */
export type FastifyErrorHandler = (
  error: unknown,
  request: FastifyRequestLike,
  reply: FastifyReplyLike,
) => FastifyReplyLike

/** A function for Fastify's `setNotFoundHandler`. */
export type FastifyNotFoundHandler = (
  request: FastifyRequestLike,
  reply: FastifyReplyLike,
) => FastifyReplyLike

/**
 * A Fastify 4 / 5 error handler: classifies the error, Fastify's own included (validation 422, body
 * too large 413, unsupported media type 415, invalid JSON 400), and answers with a safe body.
 *
 * @example
 * import { errorHandler, notFoundHandler } from 'http-triage/fastify'
 * app.setErrorHandler(errorHandler())
 * app.setNotFoundHandler(notFoundHandler())
 */
export function errorHandler(options: FastifyOptions = {}): FastifyErrorHandler {
  return handlerFor(responderFor(options, 'errorHandler() of http-triage/fastify'))
}

function handlerFor(respond: Responder) {
  const keyOf = nextHandlerKey()
  return function httpTriageErrorHandler(
    error: unknown,
    request: FastifyRequestLike,
    reply: FastifyReplyLike,
    route: string | undefined = routeOf(request),
  ) {
    answered.add(request)
    const sent = reply.raw.headersSent
    const out = respond(error, requestInfo(request, reply, route, reply.statusCode, sent))
    if (sent) {
      // Nothing safe can be added to a response already under way: end it so the client sees a failure.
      reply.raw.destroy()
      return reply
    }
    const body = bytes(out)
    armLastResort(reply, out, body, keyOf)
    // Bytes, not a string: Fastify appends `; charset=utf-8` to the content type of strings.
    return reply.code(out.status).headers(out.headers).send(body)
  }
}

/**
 * If sending this answer fails (an `onSend` hook that throws on every reply), Fastify hands the
 * hook's error to the next error handler up the chain, and in the end to its fallback, which
 * writes the error's message: a 5xx would show its text. Fastify keeps that next handler on the
 * reply under a private symbol, set before this handler runs; it is replaced here by one that
 * writes this same answer directly, without the hooks that failed. Where the symbol is not found
 * (another Fastify), nothing changes.
 */
function armLastResort(
  reply: FastifyReplyLike,
  out: ErrorResponse,
  body: Uint8Array,
  keyOf: (reply: object) => symbol | undefined,
): void {
  try {
    const key = keyOf(reply)
    if (key === undefined) return
    ;(reply as unknown as Record<symbol, unknown>)[key] = {
      func(_error: unknown, _request: unknown, failed: FastifyReplyLike) {
        writeDirectly(failed, out, body)
      },
    }
  } catch {
    // A reply that refuses the property: Fastify's own chain stays.
  }
}

/**
 * Finds Fastify's private key of the next error handler on a reply: listed on the first reply,
 * then checked (every reply of one Fastify carries the same symbol; listing a reply's symbols
 * costs about a microsecond).
 */
function nextHandlerKey(): (reply: object) => symbol | undefined {
  let key: symbol | undefined
  return (reply) => {
    if (key !== undefined && Object.hasOwn(reply, key)) return key
    key = Object.getOwnPropertySymbols(reply).find((symbol) => symbol.description === NEXT_ERROR_HANDLER)
    return key
  }
}

const NEXT_ERROR_HANDLER = 'fastify.reply.nextErrorHandler'

/** The answer written to the raw response, past Fastify's hooks; a response under way is cut. */
function writeDirectly(reply: FastifyReplyLike, out: ErrorResponse, body: Uint8Array): void {
  const raw = reply.raw as FastifyReplyLike['raw'] & {
    destroyed?: boolean
    writeHead?(status: number, headers: Record<string, unknown>): unknown
    end?(body?: Uint8Array): unknown
  }
  if (raw.headersSent || raw.destroyed === true || typeof raw.writeHead !== 'function') {
    raw.destroy()
    return
  }
  const own = { ...out.headers, 'content-length': String(body.byteLength) }
  try {
    reply.hijack?.()
    const prepared: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(reply.getHeaders?.() ?? {})) {
      if (value !== undefined && !CONTENT_HEADERS.includes(name.toLowerCase()))
        prepared[name.toLowerCase()] = value
    }
    try {
      raw.writeHead(out.status, { ...prepared, ...own })
    } catch {
      // A header value the app set that Node refuses (the hook's failure, maybe): ours only.
      if (raw.headersSent) throw new Error('headers sent')
      raw.writeHead(out.status, own)
    }
    raw.end?.(out.body === null ? undefined : body)
  } catch {
    raw.destroy()
  }
}

/**
 * When the request started, from Fastify's `reply.elapsedTime`. Fastify times a request only when
 * its logger is on or a route has an `onResponse` hook; otherwise `elapsedTime` is 0: unknown.
 */
function startOf(reply: FastifyReplyLike): number | undefined {
  const elapsed = get(reply, 'elapsedTime')
  return typeof elapsed === 'number' && Number.isFinite(elapsed) && elapsed > 0
    ? Date.now() - elapsed
    : undefined
}

/** Requests whose error this plugin's handler answered. */
const answered = new WeakSet<object>()

/** The template of the route that matched (`request.routeOptions.url`, Fastify 4.10 and later). */
function routeOf(request: FastifyRequestLike): string | undefined {
  const url = request.routeOptions?.url
  return typeof url === 'string' ? url : undefined
}

/**
 * What the responder needs of a request and its reply, as one literal: an object spread followed by
 * more properties is a slow path of V8 (about 2 µs per error on Node 20).
 */
function requestInfo(
  request: FastifyRequestLike,
  reply: FastifyReplyLike,
  route: string | undefined,
  status: number | undefined,
  headersSent: boolean | undefined,
): RequestInfo {
  return {
    method: request.method,
    path: pathOf(request.url),
    id: appRequestId(request.id),
    header: (name) => headerOf(request, name),
    log: loggerOf(request),
    aborted: connectionClosed(request),
    startedAt: startOf(reply),
    route,
    status,
    headersSent,
  }
}

/** A Buffer where there is one (Fastify 4 takes no other bytes past an `onSend` hook). */
function bytes(out: ErrorResponse): Uint8Array {
  const body = out.body ?? ''
  const NodeBuffer = (globalThis as { Buffer?: { from(text: string): Uint8Array } }).Buffer
  return NodeBuffer ? NodeBuffer.from(body) : new TextEncoder().encode(body)
}

/**
 * A Fastify not-found handler: a 404 in the same shape as every error.
 *
 * @example
 * import { notFoundHandler } from 'http-triage/fastify'
 * app.setNotFoundHandler(notFoundHandler())
 */
export function notFoundHandler(options: FastifyOptions = {}): FastifyNotFoundHandler {
  return notFoundFor(errorHandler(options))
}

function notFoundFor(handle: ReturnType<typeof handlerFor>) {
  return function httpTriageNotFound(request: FastifyRequestLike, reply: FastifyReplyLike) {
    return handle(noRoute(request.method, pathOf(request.url)), request, reply, undefined)
  }
}

/**
 * A Fastify plugin that sets both handlers for the whole app (it skips encapsulation the way
 * `fastify-plugin` does, so it applies to routes registered outside it too).
 *
 * @example
 * import { httpTriage } from 'http-triage/fastify'
 * await app.register(httpTriage, { log: false })
 */
export function httpTriage(
  instance: FastifyInstanceLike,
  options: FastifyOptions,
  done: (error?: Error) => void,
): void {
  try {
    const respond = responderFor(withoutRegisterOptions(options ?? {}), 'the http-triage Fastify plugin')
    // The not-found handler first: Fastify refuses a second one in a scope, so a second registration
    // fails before it replaces the error handler.
    instance.setNotFoundHandler(notFoundFor(handlerFor(respond)))
    instance.setErrorHandler(handlerFor(respond))
    coverEarlierRoutes(instance, respond)
  } catch (error) {
    // A setup error rejects `register()` / `ready()`, as Fastify's own plugin errors do.
    done(pluginSetupError(error))
    return
  }
  done()
}

/** Fastify's own refusal (a second registration, a handler the app set first), named and explained. */
function pluginSetupError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error)
  if (message.startsWith('http-triage')) return error as Error
  const named = new Error(
    `http-triage: the Fastify plugin could not set the app's handlers (${message}). Register it once per app, ` +
      'before the routes, and do not also call setErrorHandler() or setNotFoundHandler() in the same scope: ' +
      'give that scope errorHandler() and notFoundHandler() of http-triage/fastify instead.',
    { cause: error },
  )
  const code = get(error, 'code')
  if (typeof code === 'string') (named as Error & { code?: string }).code = code
  return named
}

/**
 * A route declared before the plugin keeps the error handler of its time (Fastify's default, which
 * shows a 5xx's message). Hooks reach every route, whenever declared: an `onError` hook notes the
 * error, and if Fastify's default handler answered it instead of the plugin's, an `onSend` hook
 * replaces its body, status and headers with the plugin's answer.
 */
function coverEarlierRoutes(instance: FastifyInstanceLike, respond: Responder): void {
  if (typeof instance.addHook !== 'function') return
  const pending = new WeakMap<object, unknown>()
  const keyOf = nextHandlerKey()
  // Callback hooks, not async ones: they run synchronously, so Fastify's own checks of a payload
  // after the hooks still throw into the route, as they do without any hook.
  instance.addHook('onError', (request: object, _reply: unknown, error: unknown, done: () => void) => {
    pending.set(request, error)
    done()
  })
  instance.addHook(
    'onSend',
    (request: FastifyRequestLike, reply: FastifyReplyLike, payload: unknown, done: OnSendDone) => {
      if (!pending.has(request) || answered.has(request) || !isDefaultErrorBody(payload)) {
        done(null, payload)
        return
      }
      const error = pending.get(request)
      pending.delete(request)
      const out = respond(error, requestInfo(request, reply, routeOf(request), undefined, undefined))
      // The default handler copied the error's headers, allowlisted or not.
      const errorHeaders = get(error, 'headers')
      if (errorHeaders !== null && typeof errorHeaders === 'object') {
        for (const name of Object.keys(errorHeaders)) reply.removeHeader?.(name.toLowerCase())
      }
      reply.removeHeader?.('content-length')
      reply.code(out.status).headers(out.headers)
      // A later onSend hook that fails would hand its error to Fastify's fallback, which shows it.
      armLastResort(reply, out, bytes(out), keyOf)
      done(null, out.body ?? '')
    },
  )
}

type OnSendDone = (error: Error | null, payload: unknown) => void

/**
 * Whether a payload is what Fastify's default error handler sends: its error serializer's
 * `{ statusCode, code?, error, message }`. An encapsulated handler of the app's own answers otherwise.
 */
function isDefaultErrorBody(payload: unknown): boolean {
  if (typeof payload !== 'string' || !payload.startsWith('{"statusCode":')) return false
  try {
    const keys = Object.keys(JSON.parse(payload)).filter((key) => key !== 'code')
    return keys.length === 3 && ['statusCode', 'error', 'message'].every((key) => keys.includes(key))
  } catch {
    return false
  }
}

/** What `app.register(plugin, options)` itself reads (Fastify's, not the plugin's). */
const REGISTER_OPTIONS = new Set(['prefix', 'logLevel', 'logSerializers'])

function withoutRegisterOptions(options: FastifyOptions): FastifyOptions {
  if (options === null || typeof options !== 'object') return options
  const own: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(options)) if (!REGISTER_OPTIONS.has(name)) own[name] = value
  return own as FastifyOptions
}
Object.defineProperties(httpTriage, {
  [Symbol.for('skip-override')]: { value: true },
  [Symbol.for('fastify.display-name')]: { value: 'http-triage' },
  [Symbol.for('plugin-meta')]: { value: { name: 'http-triage', fastify: '4.x || 5.x' } },
})

function pathOf(url: string): string {
  return requestPath(url) ?? url
}

/**
 * Fastify always assigns `request.id`; its default generator's `req-1`, `req-a` … restart at every
 * boot, so they identify nothing outside one process: an incoming id or a ULID serves better. An id
 * from the app's own `genReqId` (or Fastify's `requestIdHeader`) is reused.
 */
function appRequestId(id: unknown): unknown {
  return typeof id === 'string' && /^req-[0-9a-z]{1,7}$/.test(id) ? undefined : id
}

function headerOf(request: FastifyRequestLike, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function loggerOf(request: FastifyRequestLike): LogTarget | undefined {
  const log = request.log as { error?: unknown } | undefined
  return log && typeof log.error === 'function' ? (log as LogTarget) : undefined
}

/** Whether the client's connection is gone (unknown without a socket, as under `inject`). */
function connectionClosed(request: FastifyRequestLike): boolean | undefined {
  const destroyed = request.raw?.socket?.destroyed
  return typeof destroyed === 'boolean' ? destroyed : undefined
}

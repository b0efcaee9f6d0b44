/**
 * The Koa adapter of http-triage.
 * @module http-triage/koa
 */
import { HttpError } from '../http-error.js'
import { requestPath } from '../internal/request-path.js'
import { get } from '../internal/safe.js'
import { ThrownValue } from '../internal/thrown-value.js'
import { type RequestInfo, type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import {
  connectionClosed,
  fromJsonBody,
  headerReader,
  type NodeRequestLike,
  type NodeResponseLike,
  writeNodeResponse,
} from './node-response.js'

/** The parts of a Koa 2 or 3 context the adapter reads. */
export interface KoaContextLike {
  req: NodeRequestLike & { headers: Record<string, string | string[] | undefined> }
  res: NodeResponseLike
  originalUrl?: string
  status?: number
  body?: unknown
  /** `false` when the app writes the response itself. */
  respond?: boolean
  /** Request-scoped values: `requestId`, or `id` (koa-requestid). */
  state?: unknown
  /** The template of the route that matched (@koa/router, koa-router). */
  _matchedRoute?: unknown
  app?: { emit(event: string, ...args: unknown[]): unknown; listenerCount?(event: string): number }
}

/** Options of the Koa adapter: those of every adapter (format, log, classify, request ids …). */
export type KoaOptions = ResponderOptions

/** A Koa middleware. */
export type KoaMiddleware = (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>

/**
 * A Koa 2 / 3 middleware that answers what the rest of the app throws, and requests nothing
 * answered (Koa's own 404), with a safe Problem Details body. Register it first. A 5xx is still
 * emitted on the app (`app.on('error', (err, ctx) => …)`), as Koa's own handler does.
 *
 * @example
 * import Koa from 'koa'
 * import { errorHandler } from 'http-triage/koa'
 * const app = new Koa()
 * app.use(errorHandler({ log: console }))
 */
export function errorHandler(options: KoaOptions = {}): KoaMiddleware {
  const respond = responderFor(options, 'errorHandler() of http-triage/koa')
  const answer = (error: unknown, ctx: KoaContextLike, route: string | undefined): void => {
    const { req, res } = ctx
    const header = headerReader(req)
    const sent = res.headersSent
    const info: RequestInfo = {
      method: req.method,
      path: pathOf(ctx),
      route,
      id: get(ctx.state, 'requestId') ?? get(ctx.state, 'id'),
      header,
      aborted: connectionClosed(req),
      headersSent: sent,
      // Koa starts every response at 404 and its own handler ignores a status set before the error.
      ...(sent ? { status: res.statusCode } : {}),
    }
    const out = respond(fromJsonBody(error, req, header), info)
    writeNodeResponse(req, res, out, header)
    if (out.status >= 500) emitError(ctx, error)
  }
  return async function httpTriageErrorHandler(ctx: KoaContextLike, next: () => Promise<unknown>) {
    try {
      await next()
    } catch (error) {
      answer(error, ctx, routeOf(ctx))
      return
    }
    // Koa's own 404: nothing set a body. A route that chose a 404 (@koa/router matched) gets one
    // without "No route".
    if (ctx.status === 404 && ctx.body == null && ctx.respond !== false && !ctx.res.headersSent) {
      const route = routeOf(ctx)
      answer(route === undefined ? noRoute(ctx.req.method, pathOf(ctx)) : new HttpError(404), ctx, route)
    }
  }
}

/** The path the request asked for (`originalUrl`: a mount does not change it). */
function pathOf(ctx: KoaContextLike): string {
  return requestPath(typeof ctx.originalUrl === 'string' ? ctx.originalUrl : '/') ?? '/'
}

/** The template of the route that matched, as @koa/router and koa-router note it. */
function routeOf(ctx: KoaContextLike): string | undefined {
  const route = get(ctx, '_matchedRoute')
  return typeof route === 'string' ? route : undefined
}

/**
 * Emits the error on the app, as Koa's `ctx.onerror` does, so that `app.on('error')` listeners
 * (and Koa's default one, which prints the stack unless `app.silent`) see the 5xx. Koa's default
 * listener throws on a value that is not an Error, so such a value is wrapped. A listener that
 * throws changes nothing.
 */
function emitError(ctx: KoaContextLike, error: unknown): void {
  try {
    const app = ctx.app
    if (typeof app?.emit !== 'function' || app.listenerCount?.('error') === 0) return
    app.emit('error', isError(error) ? error : new ThrownValue(error), ctx)
  } catch {
    // The response is written; a failing listener must not turn into an unhandled rejection.
  }
}

/** Koa's own test: an Error of any realm. */
function isError(value: unknown): boolean {
  try {
    return Object.prototype.toString.call(value) === '[object Error]' || value instanceof Error
  } catch {
    return false
  }
}

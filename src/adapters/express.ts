/**
 * The Express adapter of http-triage.
 * @module http-triage/express
 */

import { requestPath } from '../internal/request-path.js'
import { type Responder, type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import { connectionClosed, writeNodeResponse } from './node-response.js'

/** The parts of an Express 4 or 5 request the adapter reads. */
export interface ExpressRequest {
  method: string
  originalUrl?: string
  url?: string
  id?: unknown
  /** Whether the whole request, body included, was received (Node's `IncomingMessage.complete`). */
  complete?: boolean
  httpVersionMajor?: number
  socket?: { destroyed?: boolean; destroy?(): unknown } | null
  /** The route that matched (Express sets it) and the mount path of its router. */
  route?: { path?: unknown } | undefined
  baseUrl?: string
  get(name: string): string | undefined
}

/** The parts of an Express 4 or 5 response the adapter writes. */
export interface ExpressResponse {
  headersSent: boolean
  statusCode: number
  statusMessage?: string
  err?: unknown
  setHeader(name: string, value: string): unknown
  removeHeader?(name: string): unknown
  end(body?: string): unknown
}

type Next = (error?: unknown) => void

/** An Express error-handling middleware (four parameters). */
export type ExpressErrorHandler = (
  error: unknown,
  req: ExpressRequest,
  res: ExpressResponse,
  next: Next,
) => void

/** An Express middleware. */
export type ExpressMiddleware = (req: ExpressRequest, res: ExpressResponse, next: Next) => void

/** Options of the Express adapter: those of every adapter (format, log, classify, request ids …). */
export type ExpressOptions = ResponderOptions

/**
 * An Express 4 / 5 error-handling middleware: classifies what was thrown or passed to `next(err)`
 * and answers with a safe Problem Details body. Register it after your routes.
 *
 * @example
 * import { errorHandler, notFoundHandler } from 'http-triage/express'
 * app.use(notFoundHandler())
 * app.use(errorHandler({ log: console }))
 */
export function errorHandler(options: ExpressOptions = {}): ExpressErrorHandler {
  // `app.use(errorHandler)`, without the call: Express calls it as a middleware, for a request.
  // biome-ignore lint/complexity/noArguments: only the call's arity tells that misuse apart
  const misusedOn = misuseOf(options, arguments)
  if (misusedOn) {
    answerMisuse('errorHandler', misusedOn)
    return misused
  }
  const answer = answerWith(responderFor(options, 'errorHandler() of http-triage/express'))
  // Express tells error handlers apart by their four parameters.
  return function httpTriageErrorHandler(
    error: unknown,
    req: ExpressRequest,
    res: ExpressResponse,
    _next: Next,
  ): void {
    answer(error, req, res, routeOf(req))
  }
}

type Answer = (error: unknown, req: ExpressRequest, res: ExpressResponse, route: string | undefined) => void

function answerWith(respond: Responder): Answer {
  return (error, req, res, route) => {
    const out = respond(error, {
      method: req.method,
      path: pathOf(req),
      route,
      id: req.id,
      header: (name) => req.get(name),
      aborted: connectionClosed(req),
      status: res.statusCode,
      headersSent: res.headersSent,
    })
    writeNodeResponse(req, res, out, (name) => req.get(name))
  }
}

/**
 * An Express middleware for requests no route answered: a 404 in the same shape as every error.
 * Register it after your routes and before `errorHandler()`.
 *
 * @example
 * import { notFoundHandler } from 'http-triage/express'
 * app.use(notFoundHandler())
 */
export function notFoundHandler(options: ExpressOptions = {}): ExpressMiddleware {
  // biome-ignore lint/complexity/noArguments: only the call's arity tells that misuse apart
  const misusedOn = misuseOf(options, arguments)
  if (misusedOn) {
    answerMisuse('notFoundHandler', misusedOn)
    return (_req: ExpressRequest, _res: ExpressResponse, next: Next): void => next()
  }
  const answer = answerWith(responderFor(options, 'notFoundHandler() of http-triage/express'))
  return function httpTriageNotFound(req: ExpressRequest, res: ExpressResponse, _next: Next): void {
    // A response already under way was answered by a route that called `next()` afterwards.
    if (res.headersSent) return
    answer(noRoute(req.method, pathOf(req)), req, res, undefined)
  }
}

/**
 * The template of the route that matched, under its router's mount path: `/api` + `/orders/:id`.
 * An app-level error handler runs after Express restored `req.baseUrl`, so the mount path is then
 * what precedes the part of the path the route template matched; a mount path that holds
 * parameters (a segment with a digit) is left out rather than put ids in a bounded value.
 */
function routeOf(req: ExpressRequest): string | undefined {
  const template = req.route?.path
  if (typeof template !== 'string') return undefined
  if (typeof req.baseUrl === 'string' && req.baseUrl !== '') return `${req.baseUrl}${template}`
  const path = pathOf(req)
  const tail = templatePattern(template)
  const mount = tail ? new RegExp(`^(.*?)${tail}/?$`).exec(path)?.[1] : undefined
  return mount && !/\d/.test(mount) && mount.length <= 128 ? `${mount}${template}` : template
}

/** A pattern for the paths a route template matches (`:id`, `*splat`, `{optional}`), or none. */
function templatePattern(template: string): string | undefined {
  if (template.length > 256) return undefined
  return template
    .replace(/[.+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{/g, '(?:')
    .replace(/\}/g, ')?')
    .replace(/:\w+/g, '[^/]+')
    .replace(/\*\w*/g, '.+')
}

function pathOf(req: ExpressRequest): string {
  const url = req.originalUrl ?? req.url ?? '/'
  return requestPath(url) ?? '/'
}

/**
 * The response, if a handler factory was given to Express itself: called as a middleware, with a
 * request, a response and `next`, instead of with options.
 */
function misuseOf(options: unknown, args: IArguments): ExpressResponse | undefined {
  if (args.length !== 3) return undefined
  const req = options as Partial<ExpressRequest> | null
  const res = args[1] as Partial<ExpressResponse> | null
  const isMisuse =
    typeof args[2] === 'function' &&
    typeof req?.method === 'string' &&
    typeof req.get === 'function' &&
    typeof res?.setHeader === 'function'
  return isMisuse ? (res as ExpressResponse) : undefined
}

/**
 * Answers a request that reached a handler factory registered without its call: the safe 500,
 * never a hang, and a setup error on stderr that names the fix.
 */
function answerMisuse(name: string, res: ExpressResponse): void {
  console.error(
    `http-triage: app.use(${name}) registers the factory itself; call it: app.use(${name}()). Requests that reach it get a 500.`,
  )
  if (res.headersSent) return
  const out = responderFor({}, `${name}() of http-triage/express`)(new Error('http-triage: setup error'))
  res.statusCode = out.status
  for (const [header, value] of Object.entries(out.headers)) res.setHeader(header, value)
  res.end(out.body ?? undefined)
}

/** What a misused factory returns (Express ignores a middleware's return value). */
function misused(error: unknown, _req: ExpressRequest, _res: ExpressResponse, next: Next): void {
  next(error)
}

/**
 * The Express adapter of http-triage.
 * @module http-triage/express
 */
import { httpError } from '../http-error.js'
import { type ResponderOptions, responderFor } from '../respond.js'

/** The parts of an Express 4 or 5 request the adapter reads. */
export interface ExpressRequest {
  method: string
  originalUrl?: string
  url?: string
  id?: unknown
  socket?: { destroyed?: boolean } | null
  get(name: string): string | undefined
}

/** The parts of an Express 4 or 5 response the adapter writes. */
export interface ExpressResponse {
  headersSent: boolean
  statusCode: number
  err?: unknown
  setHeader(name: string, value: string): unknown
  end(body?: string): unknown
}

type Next = (error?: unknown) => void

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
export function errorHandler(options: ExpressOptions = {}) {
  // `app.use(errorHandler)`, without the call: Express calls it as a middleware, for a request.
  // biome-ignore lint/complexity/noArguments: only the call's arity tells that misuse apart
  const misusedOn = misuseOf(options, arguments)
  if (misusedOn) {
    answerMisuse('errorHandler', misusedOn)
    return misused
  }
  const respond = responderFor(options, 'errorHandler() of http-triage/express')
  // Express tells error handlers apart by their four parameters.
  return function httpTriageErrorHandler(
    error: unknown,
    req: ExpressRequest,
    res: ExpressResponse,
    next: Next,
  ): void {
    if (res.headersSent) {
      next(error) // Express closes the connection
      return
    }
    const out = respond(error, {
      method: req.method,
      path: pathOf(req),
      id: req.id,
      header: (name) => req.get(name),
      aborted: connectionClosed(req.socket),
    })
    res.err = error // pino-http logs the error it finds here
    res.statusCode = out.status
    for (const [name, value] of Object.entries(out.headers)) res.setHeader(name, value)
    res.end(out.body ?? undefined)
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
export function notFoundHandler(options: ExpressOptions = {}) {
  // biome-ignore lint/complexity/noArguments: only the call's arity tells that misuse apart
  const misusedOn = misuseOf(options, arguments)
  if (misusedOn) {
    answerMisuse('notFoundHandler', misusedOn)
    return (_req: ExpressRequest, _res: ExpressResponse, next: Next): void => next()
  }
  const handle = errorHandler(options)
  return function httpTriageNotFound(req: ExpressRequest, res: ExpressResponse, next: Next): void {
    handle(httpError(404, `No route for ${req.method} ${pathOf(req)}`), req, res, next)
  }
}

function pathOf(req: ExpressRequest): string {
  const url = req.originalUrl ?? req.url ?? '/'
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
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

/** Whether the client's connection is gone (unknown without a socket). */
function connectionClosed(socket: { destroyed?: boolean } | null | undefined): boolean | undefined {
  return typeof socket?.destroyed === 'boolean' ? socket.destroyed : undefined
}

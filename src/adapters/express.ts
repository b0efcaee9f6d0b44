/**
 * The Express adapter of http-triage.
 * @module http-triage/express
 */
import { httpError } from '../http-error.js'
import { createResponder, type ResponderOptions } from '../respond.js'

/** The parts of an Express 4 or 5 request the adapter reads. */
export interface ExpressRequest {
  method: string
  originalUrl?: string
  url?: string
  id?: unknown
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
  const respond = createResponder(options)
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

/**
 * The Elysia adapter of http-triage.
 * @module http-triage/elysia
 */
import { malformedJsonBody } from '../internal/json-body.js'
import { requestPath } from '../internal/request-path.js'
import { get } from '../internal/safe.js'
import { type Responder, type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import { answerWeb } from './web.js'

/** The parts of the context of Elysia's `onError` the adapter reads. */
export interface ElysiaErrorContext {
  readonly error: unknown
  /** Elysia's name for the error: `NOT_FOUND`, `PARSE`, `VALIDATION`, `UNKNOWN` … or a status. */
  readonly code?: unknown
  readonly request: Request
  /** The template of the route that matched, e.g. `/orders/:id`. */
  readonly route?: unknown
  /** What the app prepared for the response before the error: its headers (CORS …). */
  readonly set?: { readonly headers?: unknown }
}

/** The part of an Elysia app the plugin uses. */
export interface ElysiaLike {
  onError(options: { as: 'global' }, handler: (context: ElysiaErrorContext) => Response): unknown
  /** The routes declared so far (Elysia's `app.routes`). */
  readonly routes?: readonly { readonly method?: unknown; readonly path?: unknown }[]
}

/** Options of the Elysia adapter: those of every adapter (format, log, classify, request ids …). */
export type ElysiaOptions = ResponderOptions

/** What `.use()` takes: the app, given back with the error hook added. */
export type ElysiaPlugin = <App extends ElysiaLike>(app: App) => App

/**
 * An Elysia 1.x plugin that answers every error of the app, its own included (a route that does not
 * exist, a body that does not parse, a schema failure as 422 with the issue), with a safe Problem
 * Details body.
 *
 * @example
 * import { Elysia } from 'elysia'
 * import { httpTriage } from 'http-triage/elysia'
 * const app = new Elysia().use(httpTriage({ log: console })).get('/', () => 'ok')
 */
export function httpTriage(options: ElysiaOptions = {}): ElysiaPlugin {
  const respond = responderFor(options, 'httpTriage() of http-triage/elysia')
  return (app) => {
    refuseEarlierRoutes(app)
    app.onError({ as: 'global' }, (context) => answer(respond, context))
    return app
  }
}

/**
 * Elysia applies a hook to the routes declared after it: a route declared before the plugin would
 * keep Elysia's default answer, which shows a 5xx's message. That fails here, at setup.
 */
function refuseEarlierRoutes(app: ElysiaLike): void {
  const routes = Array.isArray(app.routes) ? app.routes : []
  if (routes.length === 0) return
  const named = routes
    .slice(0, 3)
    .map((route) => `${String(route.method)} ${String(route.path)}`)
    .join(', ')
  throw new Error(
    `http-triage: use(httpTriage()) before declaring routes; ${routes.length} route(s) declared before it ` +
      `(${named}${routes.length > 3 ? ' …' : ''}) would keep Elysia's default error answer`,
  )
}

function answer(respond: Responder, context: ElysiaErrorContext): Response {
  const { error, code, request } = context
  const route = typeof context.route === 'string' && context.route !== '' ? context.route : undefined
  return answerWeb(respond, ownError(error, code, request), request, { route }, preparedHeaders(context))
}

/**
 * Elysia's own errors, said the way every adapter says them: a route it does not know is the usual
 * `No route for GET /path` 404, and a JSON body it could not parse the usual 400. Everything else is
 * classified as thrown (a schema failure is a 422 by the validation rule).
 */
function ownError(error: unknown, code: unknown, request: Request): unknown {
  if (code === 'NOT_FOUND' && get(error, 'message') === 'NOT_FOUND') {
    return noRoute(request.method, requestPath(request.url))
  }
  if (code === 'PARSE' && /json/i.test(request.headers.get('content-type') ?? ''))
    return malformedJsonBody(error)
  return error
}

/** The headers the app set before the error (`set.headers`), for the error response to keep. */
function preparedHeaders(context: ElysiaErrorContext): Headers | undefined {
  try {
    const headers = context.set?.headers
    if (headers === null || typeof headers !== 'object') return undefined
    const prepared = new Headers()
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === 'string') prepared.set(name, value)
    }
    return prepared
  } catch {
    return undefined
  }
}

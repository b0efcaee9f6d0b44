/**
 * The h3 (v2) adapter of http-triage.
 * @module http-triage/h3
 */
import { get, getBoolean, getNumber, getString, messageOf, nameOf } from '../internal/safe.js'
import { ThrownValue } from '../internal/thrown-value.js'
import { type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import { answerWeb } from './web.js'

/** The parts of an h3 v2 `H3Event` the adapter reads. */
export interface H3EventLike {
  /** The Web `Request`. */
  readonly req: Request
  /** The parsed URL; its `pathname` is the one h3 routed. */
  readonly url?: URL | undefined
  /** `params`, `matchedRoute` (the route that matched), and a middleware's `requestId`. */
  readonly context?: unknown
  /** The response being prepared; its `errHeaders` are meant for error responses too (CORS …). */
  readonly res?: unknown
  /** The runtime's own objects (`runtime.node.res` on Node). */
  readonly runtime?: unknown
}

/** Options of the h3 adapter: those of every adapter. */
export type H3Options = ResponderOptions

/** An h3 v2 `onError` hook that answers with a `Response`. */
export type H3ErrorHandler = (error: unknown, event: H3EventLike) => Response

/** An h3 v2 middleware. */
export type H3Middleware = (event: H3EventLike, next: () => unknown) => Promise<unknown>

/**
 * An h3 v2 `onError` hook: it answers every error, and the 404 of a request no route matched, with
 * a safe body. A foreign throw, which h3 wraps in an `HTTPError` marked `unhandled`, is classified by
 * the value thrown. Headers h3 prepared for error responses (`event.res.errHeaders`: CORS, cookies)
 * stay on it. A middleware's `event.context.requestId` is reused as the request id.
 *
 * @example
 * import { H3 } from 'h3'
 * import { onError } from 'http-triage/h3'
 * const app = new H3({ silent: true, onError: onError() })
 */
export function onError(options: H3Options = {}): H3ErrorHandler {
  const respond = responderFor(options, 'onError() of http-triage/h3')
  return function httpTriageOnError(error, event) {
    const context = read(event, 'context')
    const request = read(event, 'req') as Request | undefined
    const path = getString(read(event, 'url'), 'pathname')
    const route = getString(get(context, 'matchedRoute'), 'route')
    // h3's own message names the whole URL (host, query); ours, as every adapter's, the path only.
    const noMatch = isNoRoute(error)
    const thrown = noMatch ? noRoute(getString(request, 'method'), path) : unwrap(error)
    const nodeResponse = get(get(read(event, 'runtime'), 'node'), 'res')
    const headersSent = getBoolean(nodeResponse, 'headersSent') === true
    const known = { path, route: noMatch ? undefined : route, id: get(context, 'requestId'), headersSent }
    const response = answerWeb(respond, thrown, request, known, errorHeaders(event))
    // A Node handler (`fromNodeHandler`) wrote the head and then failed: h3 would append this body to
    // the 200 under way, so the client would see a complete answer; it must see a broken one.
    if (headersSent) destroy(nodeResponse)
    return response
  }
}

function destroy(nodeResponse: unknown): void {
  try {
    ;(nodeResponse as { destroy(): void }).destroy()
  } catch {
    // Already gone.
  }
}

/**
 * A middleware, registered first (`app.use(catchThrown())`), for apps that may throw values h3
 * cannot inspect: h3 asks `value instanceof Error` of every thrown value, and a Proxy whose traps
 * throw (or a revoked one) makes that question throw, so the request fails without reaching
 * `onError` (over HTTP it hangs). Such a value is passed on inside an `Error`; everything else,
 * a thrown number included, is passed on as it is.
 *
 * @example
 * import { catchThrown } from 'http-triage/h3'
 * app.use(catchThrown())
 */
export function catchThrown(): H3Middleware {
  return async function httpTriageCatchThrown(_event, next) {
    try {
      return await next()
    } catch (error) {
      throw inspectable(error) ? error : new ThrownValue(error)
    }
  }
}

/** Whether h3's `instanceof Error` can be asked of a thrown value without throwing. */
function inspectable(value: unknown): boolean {
  try {
    void (value instanceof Error)
    return true
  } catch {
    return false
  }
}

/**
 * h3 wraps a throw it did not expect (anything but its own `HTTPError`) in an `HTTPError` marked
 * `unhandled`, the original as its `cause`. The wrapper copies the original's `status`, message and
 * headers, so an axios error's upstream 401 would become the client's 401: the original decides.
 */
function unwrap(error: unknown): unknown {
  if (!isHttpError(error) || getBoolean(error, 'unhandled') !== true) return error
  const cause = get(error, 'cause')
  // `new HTTPError({ cause, unhandled: true })` (h3's Node handlers) keeps that object as its cause.
  return !isHttpError(cause) && getBoolean(cause, 'unhandled') === true ? get(cause, 'cause') : cause
}

/** h3's own 404 for a request that matched no route (`Cannot find any route matching [GET] <url>`). */
function isNoRoute(error: unknown): boolean {
  return (
    isHttpError(error) &&
    getNumber(error, 'status') === 404 &&
    getBoolean(error, 'unhandled') !== true &&
    (messageOf(error) ?? '').startsWith('Cannot find any route matching')
  )
}

/** h3's `HTTPError`, by shape, as h3's own `HTTPError.isError` (without its `instanceof`). */
function isHttpError(error: unknown): boolean {
  return nameOf(error) === 'HTTPError' && (getNumber(error, 'status') ?? 0) > 99
}

/** `event.res.errHeaders`, which h3 adds to its own error responses; h3 does not add them to ours. */
function errorHeaders(event: H3EventLike): Headers | undefined {
  const headers = get(read(event, 'res'), 'errHeaders')
  return typeof get(headers, 'getSetCookie') === 'function' ? (headers as Headers) : undefined
}

function read(event: H3EventLike, key: keyof H3EventLike): unknown {
  return get(event, key)
}

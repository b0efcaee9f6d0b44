/**
 * The Hono adapter of http-triage.
 * @module http-triage/hono
 */
import { isJsonBodyError, malformedJsonBody } from '../internal/json-body.js'
import { get, getNumber, getString, nameOf } from '../internal/safe.js'
import { ThrownValue } from '../internal/thrown-value.js'
import { type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import { requestInfo, toWebResponse } from './web.js'

/** The parts of a Hono 4 context the adapter reads. */
export interface HonoContextLike {
  req: { raw: Request; path?: string; bodyCache?: Record<string, unknown> }
  get?(key: string): unknown
}

/** Options of the Hono adapter: those of every adapter. */
export type HonoOptions = ResponderOptions

/**
 * A Hono `onError` handler. A `HTTPException` that carries its own `Response` is answered with it;
 * everything else gets a safe body. It uses the `requestId` middleware's id when there is one.
 *
 * @example
 * import { catchThrown, errorHandler, notFoundHandler } from 'http-triage/hono'
 * app.use(catchThrown())
 * app.onError(errorHandler())
 * app.notFound(notFoundHandler())
 */
export function errorHandler(options: HonoOptions = {}) {
  const respond = responderFor(options, 'errorHandler() of http-triage/hono')
  const answer = (error: unknown, c: HonoContextLike): Response =>
    toWebResponse(respond(error, { ...requestInfo(c.req.raw, pathOf(c)), id: contextValue(c, 'requestId') }))
  // Synchronous unless the error is a SyntaxError, whose body check needs the cached body text.
  return function httpTriageErrorHandler(error: unknown, c: HonoContextLike): Response | Promise<Response> {
    const own = ownResponse(error)
    if (own) return own
    if (nameOf(error) !== 'SyntaxError') return answer(error, c)
    return isMalformedJsonBody(error, c).then((malformed) =>
      answer((malformed ?? isJsonBodyError(error, c.req.raw)) ? malformedJsonBody(error) : error, c),
    )
  }
}

/**
 * A Hono not-found handler: a 404 in the same shape as every error.
 *
 * @example
 * import { notFoundHandler } from 'http-triage/hono'
 * app.notFound(notFoundHandler())
 */
export function notFoundHandler(options: HonoOptions = {}) {
  const handle = errorHandler(options)
  return (c: HonoContextLike): Response | Promise<Response> => {
    const info = requestInfo(c.req.raw, pathOf(c))
    return handle(noRoute(info.method, info.path), c)
  }
}

/**
 * A middleware that turns thrown values that are not `Error`s (a string, `null`, an object) into
 * errors, because Hono hands only `Error`s to `onError` and answers anything else with its own
 * text/plain 500. Register it first: `app.use(catchThrown())`.
 *
 * @example
 * import { catchThrown } from 'http-triage/hono'
 * app.use(catchThrown())
 */
export function catchThrown() {
  return async function httpTriageCatchThrown(_c: unknown, next: () => Promise<void>): Promise<void> {
    try {
      await next()
    } catch (error) {
      // Hono's compose hands to onError only what is `instanceof Error` in its own realm.
      throw error instanceof Error ? error : new ThrownValue(error)
    }
  }
}

/** A Hono `HTTPException` created with `{ res }` answers with that response, as Hono does, if it is an error response. */
function ownResponse(error: unknown): Response | undefined {
  const res = get(error, 'res')
  if (getNumber(res, 'status') === undefined || get(res, 'headers') === undefined) return undefined
  const status = getNumber(error, 'status')
  const getResponse = get(error, 'getResponse')
  if (status === undefined || typeof getResponse !== 'function') return undefined
  try {
    const response: unknown = getResponse.call(error)
    return isErrorResponse(response) ? response : undefined
  } catch {
    return undefined
  }
}

/** A `Response` (by shape: other realms and polyfills count) with an error status; anything else is not honoured. */
function isErrorResponse(value: unknown): value is Response {
  const status = getNumber(value, 'status')
  return (
    status !== undefined &&
    status >= 400 &&
    status <= 599 &&
    typeof get(value, 'arrayBuffer') === 'function' &&
    typeof get(get(value, 'headers'), 'get') === 'function'
  )
}

/**
 * A bare `SyntaxError` says nothing of where it came from. Hono's `c.req.json()` caches the body
 * text; if that text is not JSON either, the error came from parsing the request body: a 400.
 * Without a cached text (the raw request was read), the fetch adapter's test decides.
 */
async function isMalformedJsonBody(error: unknown, c: HonoContextLike): Promise<boolean | undefined> {
  if (nameOf(error) !== 'SyntaxError' || getString(error, 'code') !== undefined) return false
  const cached = get(get(c.req, 'bodyCache'), 'text')
  if (!cached || typeof (cached as Promise<unknown>).then !== 'function') return undefined
  try {
    const text = await (cached as Promise<unknown>)
    if (typeof text !== 'string') return false
    JSON.parse(text)
    return false
  } catch {
    return true
  }
}

function pathOf(c: HonoContextLike): string | undefined {
  const path = get(c.req, 'path')
  return typeof path === 'string' ? path : undefined
}

function contextValue(c: HonoContextLike, key: string): unknown {
  try {
    return c.get?.(key)
  } catch {
    return undefined
  }
}

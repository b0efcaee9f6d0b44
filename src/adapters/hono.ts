/**
 * The Hono adapter of http-triage.
 * @module http-triage/hono
 */
import { isJsonBodyError, malformedJsonBody } from '../internal/json-body.js'
import { get, getNumber, getString, has, nameOf } from '../internal/safe.js'
import { ThrownValue } from '../internal/thrown-value.js'
import { type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import { mergePreparedHeaders, requestInfo, toWebResponse } from './web.js'

/** The parts of a Hono 4 context the adapter reads. */
export interface HonoContextLike {
  req: { raw: Request; path?: string; bodyCache?: Record<string, unknown> }
  get?(key: string): unknown
  /** The response prepared so far (headers set with `c.header()`, or what `await next()` returned). */
  res?: Response | undefined
  /** Whether a response was set; `false` after a route that returned nothing. */
  finalized?: boolean
  /** `@hono/node-server`'s bindings: the raw Node response, which a route may have written to. */
  env?: unknown
}

/** Options of the Hono adapter: those of every adapter. */
export type HonoOptions = ResponderOptions

/** A function for Hono's `app.onError`. */
export type HonoErrorHandler = (error: unknown, c: HonoContextLike) => Response | Promise<Response>

/** A function for Hono's `app.notFound`. */
export type HonoNotFoundHandler = (c: HonoContextLike) => Response | Promise<Response>

/** What `streamErrorHandler` gives for a context: the `onError` of `hono/streaming`'s `stream()`. */
export type HonoStreamErrorHandler = (
  c: HonoContextLike,
) => (error: unknown, stream: unknown) => Promise<void>

/** A Hono middleware. */
export type HonoMiddleware = (c: unknown, next: () => Promise<void>) => Promise<void>

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
export function errorHandler(options: HonoOptions = {}): HonoErrorHandler {
  const respond = responderFor(options, 'errorHandler() of http-triage/hono')
  const answer = (error: unknown, c: HonoContextLike): Response => {
    const outgoing = rawResponse(c)
    const route = unrouted.has(error as object) ? undefined : routeOf(c)
    const out = respond(
      error,
      requestInfo(c.req.raw, {
        path: pathOf(c),
        id: contextValue(c, 'requestId'),
        startedAt: started.get(c.req.raw),
        route,
        headersSent: outgoing?.headersSent === true,
      }),
    )
    if (outgoing?.headersSent === true) {
      // The route wrote to the raw response itself: nothing more can be sent; the client must see it fail.
      outgoing.destroy?.()
      return toWebResponse(out)
    }
    return withPreparedHeaders(c, out.body, out.status, out.headers)
  }
  // Synchronous unless the error is a SyntaxError, whose body check needs the cached body text.
  return function httpTriageErrorHandler(error: unknown, c: HonoContextLike): Response | Promise<Response> {
    const own = ownResponse(error)
    if (own) return withPreparedHeaders(c, own.body, own.status, own.headers)
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
export function notFoundHandler(options: HonoOptions = {}): HonoNotFoundHandler {
  const handle = errorHandler(options)
  return (c: HonoContextLike): Response | Promise<Response> => {
    const info = requestInfo(c.req.raw, { path: pathOf(c) })
    const error = noRoute(info.method, info.path)
    unrouted.add(error)
    return handle(error, c)
  }
}

/** When each request reached `catchThrown()`, registered first: the start of its `duration_ms`. */
const started = new WeakMap<object, number>()

/** The 404s of `notFoundHandler`: they have no route (Hono's `routePath` is then a middleware's). */
const unrouted = new WeakSet<object>()

/** The template of the route whose handler failed (`c.req.routePath`), guarded. */
function routeOf(c: HonoContextLike): string | undefined {
  const route = get(c.req, 'routePath')
  return typeof route === 'string' ? route : undefined
}

/**
 * The third argument of `stream()` / `streamText()` / `streamSSE()` from `hono/streaming`: an
 * error after the first chunk can no longer change the response, and Hono's helpers would write it
 * to `console.error` and end the body as if it were complete. This one logs it like every other
 * error (`headers_sent: true` in the report) and fails the body, so the client sees a broken
 * response rather than a short one.
 *
 * @example
 * import { streamErrorHandler } from 'http-triage/hono'
 * import { stream } from 'hono/streaming'
 * const onStreamError = streamErrorHandler(options)
 * app.get('/feed', (c) => stream(c, async (s) => { … }, onStreamError(c)))
 */
export function streamErrorHandler(options: HonoOptions = {}): HonoStreamErrorHandler {
  const respond = responderFor(options, 'streamErrorHandler() of http-triage/hono')
  return (c: HonoContextLike) =>
    async (error: unknown, stream: unknown): Promise<void> => {
      respond(
        error,
        requestInfo(c.req.raw, {
          path: pathOf(c),
          id: contextValue(c, 'requestId'),
          startedAt: started.get(c.req.raw),
          route: routeOf(c),
          status: 200,
          headersSent: true,
        }),
      )
      try {
        // The stream's writer is not public API; where it is missing, the body just ends.
        const writer = get(stream, 'writer') as { abort?: (reason: unknown) => Promise<void> } | undefined
        await writer?.abort?.(error)
      } catch {
        // Already closed or errored: nothing more to do.
      }
    }
}

/**
 * A middleware that turns thrown values that are not `Error`s (a string, `null`, an object) into
 * errors, because Hono hands only `Error`s to `onError` and answers anything else with its own
 * text/plain 500. It also notes when the request started (the report's `duration_ms`). Register
 * it first: `app.use(catchThrown())`.
 *
 * @example
 * import { catchThrown } from 'http-triage/hono'
 * app.use(catchThrown())
 */
export function catchThrown(): HonoMiddleware {
  return async function httpTriageCatchThrown(c: unknown, next: () => Promise<void>): Promise<void> {
    // When the request started, for the report's `duration_ms`.
    const request = get(get(c, 'req'), 'raw')
    if (request !== null && typeof request === 'object') started.set(request, Date.now())
    try {
      await next()
    } catch (error) {
      // Hono's compose hands to onError only what is `instanceof Error` in its own realm.
      throw error instanceof Error ? error : new ThrownValue(error)
    }
  }
}

/**
 * The response an error carries, answered as Hono's own handler does: a `HTTPException` created
 * with `{ res }` (a redirect, a 401 with its challenge …), or an app's error class with only a
 * `getResponse()` that returns a `Response`. A `HTTPException` without `res` gets the safe body.
 */
function ownResponse(error: unknown): Response | undefined {
  const getResponse = get(error, 'getResponse')
  if (typeof getResponse !== 'function') return undefined
  // A `HTTPException` declares `res` (its own property, undefined without one); an app's class may not.
  if (has(error, 'res') && !isResponse(get(error, 'res'))) return undefined
  try {
    const response: unknown = getResponse.call(error)
    return isResponse(response) ? response : undefined
  } catch {
    return undefined
  }
}

/** A `Response` (by shape: other realms and polyfills count) with a status a response may have. */
function isResponse(value: unknown): value is Response {
  const status = getNumber(value, 'status')
  return (
    status !== undefined &&
    status >= 200 &&
    status <= 599 &&
    typeof get(value, 'arrayBuffer') === 'function' &&
    typeof get(get(value, 'headers'), 'get') === 'function'
  )
}

/**
 * The error response, with the headers prepared for this request before the error (`c.header()`
 * values, CORS and security headers, cookies) where the response's own do not replace them, and
 * without those that described the body being prepared. Hono would copy the earlier `c.res`
 * headers over the error response (its cache policy, its request id), so `c.res` is cleared.
 */
function withPreparedHeaders(
  c: HonoContextLike,
  body: BodyInit | null,
  status: number,
  own: Headers | Record<string, string>,
): Response {
  let prepared: Headers | undefined
  try {
    prepared = c.res?.headers
    // Clearing marks the context finalized; as it was, Hono still takes the returned response.
    const finalized = c.finalized
    c.res = undefined
    if (typeof finalized === 'boolean') c.finalized = finalized
  } catch {
    // A context without these parts (an older Hono, a test double): the response's own headers only.
  }
  return new Response(body, { status, headers: mergePreparedHeaders(prepared, own) })
}

/** `@hono/node-server`'s raw Node response, if the route was given one. */
function rawResponse(c: HonoContextLike): { headersSent?: boolean; destroy?(): unknown } | undefined {
  const outgoing = get(c.env, 'outgoing') as { headersSent?: unknown; destroy?: unknown } | undefined
  if (outgoing === undefined || typeof outgoing.destroy !== 'function') return undefined
  return outgoing as { headersSent?: boolean; destroy(): unknown }
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

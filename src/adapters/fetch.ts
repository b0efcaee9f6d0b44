/**
 * The Web fetch adapter of http-triage.
 * @module http-triage/fetch
 */
import { type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import { answerWeb, requestInfo } from './web.js'

/** Options of the fetch adapter: those of every adapter. */
export type FetchOptions = ResponderOptions

/**
 * Creates an error handler for any Web-standard runtime: `Deno.serve`, `Bun.serve`, Cloudflare
 * Workers, Next.js route handlers. Options are checked once, here. A `SyntaxError` from
 * `await request.json()` on a JSON request is a 400; any other bare `SyntaxError` is a 500.
 *
 * @example
 * import { errorHandler } from 'http-triage/fetch'
 * const onError = errorHandler()
 * Deno.serve(async (request) => {
 *   try { return await handle(request) } catch (error) { return onError(error, request) }
 * })
 */
export function errorHandler(options: FetchOptions = {}): (error: unknown, request?: Request) => Response {
  const respond = responderFor(options, 'errorHandler() of http-triage/fetch')
  return (error, request) => answerWeb(respond, error, request)
}

/**
 * Turns a thrown value into a safe `Response`. It checks its options on every call: in a hot
 * path, make a handler once with `errorHandler(options)`.
 *
 * @example
 * import { toResponse } from 'http-triage/fetch'
 * export async function GET(request: Request) {
 *   try { return Response.json(await load()) } catch (error) { return toResponse(error, { request }) }
 * }
 */
export function toResponse(
  error: unknown,
  options: FetchOptions & { readonly request?: Request } = {},
): Response {
  const { request, ...rest } = options
  return errorHandler(rest)(error, request)
}

/**
 * A handler for requests no route answered: a 404 in the same shape as every error.
 *
 * @example
 * import { notFoundHandler } from 'http-triage/fetch'
 * const notFound = notFoundHandler()
 * export default { fetch: (request: Request) => route(request) ?? notFound(request) }
 */
export function notFoundHandler(options: FetchOptions = {}): (request: Request) => Response {
  const handle = errorHandler(options)
  return (request) => {
    const { method, path } = requestInfo(request)
    return handle(noRoute(method, path), request)
  }
}

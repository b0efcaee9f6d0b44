import type { ErrorResponse, RequestInfo } from '../respond.js'

/** Builds a Web `Response` from a responder's answer (no body for HEAD). */
export function toWebResponse(out: ErrorResponse): Response {
  return new Response(out.body, { status: out.status, headers: out.headers })
}

/** What the adapter reads of a Web `Request`; `path` when the framework parsed it already. */
export function requestInfo(request: Request | undefined, path?: string): RequestInfo {
  if (!request) return {}
  return {
    method: request.method,
    path: path ?? pathOf(request.url),
    header: (name) => request.headers.get(name),
    // The request's own signal: aborted when the client went away (Deno, Bun, @hono/node-server).
    aborted: typeof request.signal?.aborted === 'boolean' ? request.signal.aborted : undefined,
  }
}

/**
 * The path of a request's URL. `Request.url` is already serialized by the URL parser
 * (`scheme://authority/path?query`), so slicing it gives `new URL(url).pathname` without the parse.
 */
function pathOf(url: string): string | undefined {
  const authority = url.indexOf('://')
  const start = authority === -1 ? -1 : url.indexOf('/', authority + 3)
  if (start === -1) return undefined
  let end = url.indexOf('?', start)
  if (end === -1) end = url.length
  const fragment = url.indexOf('#', start)
  return url.slice(start, fragment !== -1 && fragment < end ? fragment : end)
}

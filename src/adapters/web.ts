import { requestPath } from '../internal/request-path.js'
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
    path: path ?? requestPath(request.url),
    header: (name) => request.headers.get(name),
    // The request's own signal: aborted when the client went away (Deno, Bun, @hono/node-server).
    aborted: typeof request.signal?.aborted === 'boolean' ? request.signal.aborted : undefined,
  }
}

import type { ErrorResponse, RequestInfo } from '../respond.js'

/** Builds a Web `Response` from a responder's answer (no body for HEAD). */
export function toWebResponse(out: ErrorResponse): Response {
  return new Response(out.body, { status: out.status, headers: out.headers })
}

/** What the adapter reads of a Web `Request`. */
export function requestInfo(request: Request | undefined): RequestInfo {
  if (!request) return {}
  let path: string | undefined
  try {
    path = new URL(request.url).pathname
  } catch {
    path = undefined
  }
  return {
    method: request.method,
    ...(path === undefined ? {} : { path }),
    header: (name) => request.headers.get(name),
  }
}

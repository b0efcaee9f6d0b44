import { isJsonBodyError, malformedJsonBody } from '../internal/json-body.js'
import { requestPath } from '../internal/request-path.js'
import type { ErrorResponse, RequestInfo, Responder } from '../respond.js'
import { CONTENT_HEADERS } from './content-headers.js'

/** Builds a Web `Response` from a responder's answer (no body for HEAD). */
export function toWebResponse(out: ErrorResponse): Response {
  return new Response(out.body, { status: out.status, headers: out.headers })
}

/** What the adapter reads of a Web `Request`, with what the framework knows (its path, id, route …). */
export function requestInfo(request: Request | undefined, known: Known = {}): RequestInfo {
  // One literal, every field written: an object spread followed by more properties is a slow path
  // of V8 (about 2 µs per error on Node 20).
  return {
    method: request?.method,
    path: known.path ?? (request ? requestPath(request.url) : undefined),
    header: request ? (name) => request.headers.get(name) : undefined,
    // The request's own signal: aborted when the client went away (Deno, Bun, @hono/node-server).
    // Read only for a cancellation: @hono/node-server makes the signal on first read.
    aborted: request
      ? () => (typeof request.signal?.aborted === 'boolean' ? request.signal.aborted : undefined)
      : undefined,
    id: known.id,
    route: known.route,
    startedAt: known.startedAt,
    status: known.status,
    headersSent: known.headersSent,
    log: known.log,
  }
}

/** What a framework adds to a request's facts: its path, request id, route, start, status. */
export type Known = Omit<RequestInfo, 'method' | 'header' | 'aborted'>

/**
 * The fetch adapter's answer to a thrown value, shared by the adapters whose frameworks speak
 * `Request` and `Response` (fetch, h3, Next.js): a `SyntaxError` from reading a JSON request body
 * is a 400; `known` is what the framework adds (its path, request id, route); `prepared` are
 * headers the framework prepared for any error response of this request (CORS, cookies).
 */
export function answerWeb(
  respond: Responder,
  error: unknown,
  request: Request | undefined,
  known: Known = {},
  prepared?: Headers,
): Response {
  const thrown = isJsonBodyError(error, request) ? malformedJsonBody(error) : error
  const out = respond(thrown, requestInfo(request, known))
  if (prepared === undefined) return toWebResponse(out)
  return new Response(out.body, { status: out.status, headers: mergePreparedHeaders(prepared, out.headers) })
}

/**
 * The error response's headers over those prepared for the request before the error (CORS and
 * security headers, cookies), without the prepared ones that described a body being prepared
 * (finalhandler drops the same). The response's own headers replace prepared ones of the same name.
 */
export function mergePreparedHeaders(
  prepared: Headers | undefined,
  own: Headers | Readonly<Record<string, string>>,
): Headers | Readonly<Record<string, string>> {
  // Most errors come with nothing prepared, or only what the answer sets itself (a request-id
  // middleware's X-Request-Id): the response's own headers serve as they are.
  if (prepared === undefined || !addsToOwn(prepared, own)) return own
  const headers = new Headers()
  try {
    for (const [name, value] of prepared) {
      if (name !== 'set-cookie' && !CONTENT_HEADERS.includes(name)) headers.set(name, value)
    }
    for (const cookie of prepared.getSetCookie?.() ?? []) headers.append('set-cookie', cookie)
  } catch {
    // Headers that cannot be read (a test double, a hostile object): the response's own only.
  }
  const entries = typeof (own as Headers).get === 'function' ? (own as Headers) : Object.entries(own)
  for (const [name, value] of entries) {
    if (name === 'set-cookie') headers.append(name, value)
    else headers.set(name, value)
  }
  return headers
}

/**
 * Whether prepared headers hold one the answer keeps: not one that described a body, nor one the
 * answer's own headers replace. Headers that cannot be read count as holding one (the merge then
 * takes what it can).
 */
function addsToOwn(prepared: Headers, own: Headers | Readonly<Record<string, string>>): boolean {
  const owns = (name: string) =>
    typeof (own as Headers).has === 'function'
      ? (own as Headers).has(name)
      : Object.hasOwn(own as Readonly<Record<string, string>>, name)
  try {
    for (const name of prepared.keys()) {
      if (name === 'set-cookie' || !(CONTENT_HEADERS.includes(name) || owns(name))) return true
    }
    return false
  } catch {
    return true
  }
}

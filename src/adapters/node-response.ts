import { isJsonParseOfBody, malformedJsonBody } from '../internal/json-body.js'
import type { ErrorResponse } from '../respond.js'
import { CONTENT_HEADERS } from './content-headers.js'

/**
 * The parts of a Node request (`http.IncomingMessage`, or the HTTP/2 compatibility API's
 * `Http2ServerRequest`) that the adapters writing to Node's response read.
 */
export interface NodeRequestLike {
  method?: string | undefined
  /** Whether the whole request, body included, was received. */
  complete?: boolean
  httpVersionMajor?: number
  socket?: { destroyed?: boolean; destroy?(): unknown } | null
  /** HTTP/2: the request's own stream. */
  stream?: { destroyed?: boolean } | null
  /** Whether the body was read to its end. */
  readableEnded?: boolean
}

/** The parts of a Node response (`http.ServerResponse`, or `Http2ServerResponse`) the adapters write. */
export interface NodeResponseLike {
  headersSent: boolean
  statusCode: number
  statusMessage?: string
  /** pino-http logs the error it finds here. */
  err?: unknown
  /** A request logger attached to the response (pino-http's). */
  log?: unknown
  setHeader(name: string, value: string): unknown
  removeHeader?(name: string): unknown
  end(): unknown
  end(body: string): unknown
  /** Ends the connection (HTTP/1). */
  destroy?(): unknown
  /** HTTP/2: the response's own stream. */
  stream?: { close?(code?: number): unknown; destroy?(error?: Error): unknown } | null
}

/**
 * Calls a listener: what it throws, or the promise (or thenable) it returns rejects with, goes to
 * `fail`; reading a thenable's `then` may fail too.
 */
export function callAnswering(call: () => unknown, fail: (error: unknown) => void): void {
  let result: unknown
  try {
    result = call()
  } catch (error) {
    fail(error)
    return
  }
  if (result !== null && (typeof result === 'object' || typeof result === 'function')) {
    Promise.resolve(result).then(undefined, fail)
  }
}

/** Reads an incoming header (lower-case name); `undefined` when absent. */
export type HeaderReader = (name: string) => string | undefined

/** Reads the incoming headers of a Node request (repeated ones joined, as Node joins them). */
export function headerReader(req: { headers?: Record<string, string | string[] | undefined> }): HeaderReader {
  return (name) => {
    const value = req.headers?.[name]
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : undefined
  }
}

/**
 * Writes an answer on a Node response, in place of the response that was being prepared. When the
 * response is already under way, nothing can be written: the request's connection (HTTP/1) or
 * stream (HTTP/2, reset with INTERNAL_ERROR) is ended so that the client sees it fail, as Node does
 * with a stream whose source failed.
 */
export function writeNodeResponse(
  req: NodeRequestLike,
  res: NodeResponseLike,
  out: ErrorResponse,
  header: HeaderReader,
): void {
  errForLogger(res, out)
  if (res.headersSent) {
    endAbruptly(req, res)
    return
  }
  // What described the response that was being prepared does not describe the problem body.
  for (const name of CONTENT_HEADERS) res.removeHeader?.(name)
  const http1 = req.httpVersionMajor === 1
  // HTTP/2 has no reason phrase (Node warns when one is set).
  if (http1 && typeof res.statusMessage === 'string') res.statusMessage = ''
  if (http1 && leavesBodyUnread(req, header)) res.setHeader('connection', 'close')
  res.statusCode = out.status
  for (const [name, value] of Object.entries(out.headers)) res.setHeader(name, value)
  // Node sends a removed Content-Length as chunked; the body's own length replaces it.
  if (out.body !== null) res.setHeader('content-length', String(UTF8.encode(out.body).byteLength))
  if (out.body === null) res.end()
  else res.end(out.body)
}

const UTF8 = new TextEncoder()

/**
 * `res.err`, which pino-http logs when the response finishes: the report's redacted copy of the
 * error, set only where a request logger is attached to the response (`res.log`, as pino-http
 * attaches it), which logs it anyway. Set (or defined as a getter) on every response, it cost
 * more than the classification: the copy, or a property definition that moves Node's response
 * object to a slower shape for the rest of its writing.
 */
function errForLogger(res: NodeResponseLike, out: ErrorResponse): void {
  if (!res.log) return
  try {
    res.err = out.report.err
  } catch {
    // a response that refuses the property: nothing for pino-http to log
  }
}

/** RFC 9113 §7: INTERNAL_ERROR. A reset with NO_ERROR would read as a complete response. */
const HTTP2_INTERNAL_ERROR = 2

/** Ends a response under way so that the client sees it fail: its HTTP/2 stream, or its connection. */
function endAbruptly(req: NodeRequestLike, res: NodeResponseLike): void {
  if (res.stream) resetStream(res.stream)
  else if (typeof res.destroy === 'function') res.destroy()
  else req.socket?.destroy?.()
}

/**
 * Resets an HTTP/2 stream with INTERNAL_ERROR: by destroying it with an error, which always does.
 * `close(INTERNAL_ERROR)` with data still queued sends the data and ends the stream as complete on
 * Node 24 (and on Node 20 when called a turn later), so that a cut response would read as whole.
 */
export function resetStream(stream: {
  destroy?(error?: Error): unknown
  close?(code?: number): unknown
}): void {
  if (typeof stream.destroy === 'function') stream.destroy(new Error('http-triage: response cut by an error'))
  else stream.close?.(HTTP2_INTERNAL_ERROR)
}

/**
 * Whether answering now leaves part of the request body on the connection (too large, unparseable),
 * where it would be taken for the next request. A request without a body is not complete yet either
 * while its handlers run synchronously, so only a request that announced a body counts.
 */
function leavesBodyUnread(req: NodeRequestLike, header: HeaderReader): boolean {
  if (req.complete !== false) return false
  try {
    const length = header('content-length')
    return header('transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0')
  } catch {
    return true
  }
}

/**
 * A `SyntaxError` from `JSON.parse` of the request body the app read by hand is the client's 400,
 * as in the fetch adapter: only when the body was read to its end and declared a JSON media type.
 */
export function fromJsonBody(error: unknown, req: NodeRequestLike, header: HeaderReader): unknown {
  const read = req.readableEnded === true
  return isJsonParseOfBody(error, read, () => header('content-type')) ? malformedJsonBody(error) : error
}

/** Whether the client's connection (HTTP/1) or stream (HTTP/2) is gone; unknown without either. */
export function connectionClosed(req: NodeRequestLike): boolean | undefined {
  const destroyed = req.stream?.destroyed ?? req.socket?.destroyed
  return typeof destroyed === 'boolean' ? destroyed : undefined
}

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
}

/** The parts of a Node response (`http.ServerResponse`, or `Http2ServerResponse`) the adapters write. */
export interface NodeResponseLike {
  headersSent: boolean
  statusCode: number
  statusMessage?: string
  /** pino-http logs the error it finds here. */
  err?: unknown
  setHeader(name: string, value: string): unknown
  removeHeader?(name: string): unknown
  end(body?: string): unknown
  /** HTTP/1: ends the connection; HTTP/2: resets the request's stream only. */
  destroy?(): unknown
}

/** Reads an incoming header (lower-case name); `undefined` when absent. */
export type HeaderReader = (name: string) => string | undefined

/**
 * Writes an answer on a Node response, in place of the response that was being prepared. When the
 * response is already under way, nothing can be written: the request's connection (HTTP/1) or
 * stream (HTTP/2) is ended so that the client sees it fail, as Node itself does with a response
 * whose handler failed.
 */
export function writeNodeResponse(
  req: NodeRequestLike,
  res: NodeResponseLike,
  out: ErrorResponse,
  header: HeaderReader,
): void {
  res.err = out.report.err // the redacted copy
  if (res.headersSent) {
    if (typeof res.destroy === 'function') res.destroy()
    else req.socket?.destroy?.()
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
  res.end(out.body ?? undefined)
}

const UTF8 = new TextEncoder()

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

/** Whether the client's connection (HTTP/1) or stream (HTTP/2) is gone; unknown without either. */
export function connectionClosed(req: NodeRequestLike): boolean | undefined {
  const destroyed = req.stream?.destroyed ?? req.socket?.destroyed
  return typeof destroyed === 'boolean' ? destroyed : undefined
}

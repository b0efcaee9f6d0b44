/**
 * The node:http and node:http2 adapter of http-triage.
 * @module http-triage/node
 */
import { requestPath } from '../internal/request-path.js'
import { type Responder, type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import {
  callAnswering,
  connectionClosed,
  fromJsonBody,
  headerReader,
  type NodeRequestLike,
  type NodeResponseLike,
  writeNodeResponse,
} from './node-response.js'

export {
  type Http2Headers,
  type Http2StreamLike,
  handleStream,
  type StreamListener,
  sendStreamError,
  streamNotFoundHandler,
} from './node-stream.js'

/**
 * The parts of a request the adapter reads: `http.IncomingMessage`, or `Http2ServerRequest` of
 * the HTTP/2 compatibility API (`http2.createServer(listener)`, `http2.createSecureServer`).
 */
export interface NodeRequest extends NodeRequestLike {
  url?: string | undefined
  headers: Record<string, string | string[] | undefined>
  /** A request id that an earlier piece of the app assigned (pino-http's `req.id`). */
  id?: unknown
}

/** The parts of a response the adapter writes: `http.ServerResponse` or `Http2ServerResponse`. */
export interface NodeResponse extends NodeResponseLike {
  /** The request of this response (Node 15.7 and later, and HTTP/2). */
  req?: NodeRequest | undefined
}

/** Options of the node:http adapter: those of every adapter (format, log, classify, request ids …). */
export type NodeOptions = ResponderOptions

/** A request listener of node:http or node:http2 (`(req, res) => void`). */
export type NodeListener<Req extends NodeRequest = NodeRequest, Res extends NodeResponse = NodeResponse> = (
  req: Req,
  res: Res,
) => void

/**
 * Wraps a request listener so that what it throws, or the promise it returns rejects with, is
 * answered with a safe Problem Details body. Options are checked once, here.
 *
 * @example
 * import { createServer } from 'node:http'
 * import { handle } from 'http-triage/node'
 * createServer(handle(async (req, res) => {
 *   res.end(JSON.stringify(await load(req.url)))
 * }, { log: console })).listen(3000)
 */
export function handle<Req extends NodeRequest, Res extends NodeResponse>(
  listener: (req: Req, res: Res) => unknown,
  options: NodeOptions = {},
): NodeListener<Req, Res> {
  if (typeof listener !== 'function') {
    throw new TypeError(
      'http-triage: handle() of http-triage/node needs a request listener: handle((req, res) => …)',
    )
  }
  const answer = answerWith(responderFor(options, 'handle() of http-triage/node'))
  return function httpTriageListener(req, res) {
    const startedAt = Date.now()
    callAnswering(
      () => listener(req, res),
      (error) => answer(error, req, res, startedAt),
    )
  }
}

/**
 * Answers one error on a response: for callbacks outside a `handle()`d listener. It checks its
 * options on every call; `handle(listener, options)` checks them once. Without `req`, the
 * response's own request (`res.req`) is read.
 *
 * @example
 * import { sendError } from 'http-triage/node'
 * stream.on('error', (error) => sendError(res, error, req))
 */
export function sendError(
  res: NodeResponse,
  error: unknown,
  req: NodeRequest | undefined = res.req,
  options: NodeOptions = {},
): void {
  answerWith(responderFor(options, 'sendError() of http-triage/node'))(error, req ?? { headers: {} }, res)
}

/**
 * Answers a request that no route of the listener answered: a 404 in the same shape as every error.
 *
 * @example
 * import { handle, notFoundHandler } from 'http-triage/node'
 * const options = { log: console }
 * const notFound = notFoundHandler(options)
 * createServer(handle((req, res) => {
 *   if (req.url === '/health') return void res.end('ok')
 *   notFound(req, res)
 * }, options))
 */
export function notFoundHandler(options: NodeOptions = {}): NodeListener {
  const answer = answerWith(responderFor(options, 'notFoundHandler() of http-triage/node'))
  return (req, res) => {
    // A response already under way was answered by the listener.
    if (res.headersSent) return
    answer(noRoute(req.method, pathOf(req)), req, res)
  }
}

type Answer = (error: unknown, req: NodeRequest, res: NodeResponse, startedAt?: number) => void

function answerWith(respond: Responder): Answer {
  return (error, req, res, startedAt) => {
    const header = headerReader(req)
    const out = respond(fromJsonBody(error, req, header), {
      method: req.method,
      path: pathOf(req),
      id: req.id,
      header,
      startedAt,
      aborted: connectionClosed(req),
      status: res.statusCode,
      headersSent: res.headersSent,
    })
    writeNodeResponse(req, res, out, header)
  }
}

function pathOf(req: NodeRequest): string {
  return requestPath(typeof req.url === 'string' ? req.url : '/') ?? '/'
}

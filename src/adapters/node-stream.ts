import { requestPath } from '../internal/request-path.js'
import { type Responder, type ResponderOptions, responderFor } from '../respond.js'
import { noRoute } from './no-route.js'
import { callAnswering, fromJsonBody, type HeaderReader, headerReader, resetStream } from './node-response.js'

/** The incoming headers of an HTTP/2 stream, pseudo-headers (`:method`, `:path`) included. */
export type Http2Headers = Record<string, string | string[] | undefined>

/** The parts of a `ServerHttp2Stream` (node:http2's core API) the adapter reads and writes. */
export interface Http2StreamLike {
  readonly headersSent: boolean
  readonly destroyed?: boolean
  readonly closed?: boolean
  /** Whether the request body was read to its end. */
  readonly readableEnded?: boolean
  respond(headers: Record<string, string | number>, options?: { endStream?: boolean }): unknown
  end(body?: Uint8Array): unknown
  close(code?: number): unknown
  destroy?(error?: Error): unknown
  on?(event: 'error', listener: (error: unknown) => void): unknown
}

/** A listener of the `'stream'` event of `http2.createServer()` / `createSecureServer()`. */
export type StreamListener<Stream extends Http2StreamLike = Http2StreamLike> = (
  stream: Stream,
  headers: Http2Headers,
  flags?: number,
) => void

/**
 * Wraps a listener of node:http2's `'stream'` event (the core API: a stream and its headers, no
 * request or response objects) so that what it throws, or the promise it returns rejects with,
 * is answered on the stream with a safe Problem Details body. Options are checked once, here.
 *
 * @example
 * import { createSecureServer } from 'node:http2'
 * import { handleStream } from 'http-triage/node'
 * const server = createSecureServer({ key, cert })
 * server.on('stream', handleStream(async (stream, headers) => {
 *   stream.respond({ ':status': 200, 'content-type': 'application/json' })
 *   stream.end(JSON.stringify(await load(headers[':path'])))
 * }, { log: console }))
 */
export function handleStream<Stream extends Http2StreamLike>(
  listener: (stream: Stream, headers: Http2Headers, flags?: number) => unknown,
  options: ResponderOptions = {},
): StreamListener<Stream> {
  if (typeof listener !== 'function') {
    throw new TypeError(
      "http-triage: handleStream() of http-triage/node needs a 'stream' listener: handleStream((stream, headers) => …)",
    )
  }
  const answer = answerWith(responderFor(options, 'handleStream() of http-triage/node'))
  return function httpTriageStreamListener(stream, headers, flags) {
    const startedAt = Date.now()
    callAnswering(
      () => listener(stream, headers, flags),
      (error) => answer(error, stream, headers, startedAt),
    )
  }
}

/**
 * Answers one error on an HTTP/2 stream: for callbacks outside a `handleStream()`d listener. It
 * checks its options on every call.
 *
 * @example
 * import { sendStreamError } from 'http-triage/node'
 * file.on('error', (error) => sendStreamError(stream, error, headers))
 */
export function sendStreamError(
  stream: Http2StreamLike,
  error: unknown,
  headers: Http2Headers = {},
  options: ResponderOptions = {},
): void {
  answerWith(responderFor(options, 'sendStreamError() of http-triage/node'))(error, stream, headers)
}

/**
 * Answers a stream that no route answered: a 404 in the same shape as every error.
 *
 * @example
 * import { handleStream, streamNotFoundHandler } from 'http-triage/node'
 * const notFound = streamNotFoundHandler()
 * server.on('stream', handleStream((stream, headers) => {
 *   if (headers[':path'] === '/health') return void stream.respond({ ':status': 204 }, { endStream: true })
 *   notFound(stream, headers)
 * }))
 */
export function streamNotFoundHandler(options: ResponderOptions = {}): StreamListener {
  const answer = answerWith(responderFor(options, 'streamNotFoundHandler() of http-triage/node'))
  return (stream, headers) => {
    if (stream.headersSent) return
    answer(noRoute(methodOf(headers), pathOf(headers)), stream, headers)
  }
}

type Answer = (error: unknown, stream: Http2StreamLike, headers: Http2Headers, startedAt?: number) => void

function answerWith(respond: Responder): Answer {
  return (error, stream, headers, startedAt) => {
    const header = headerReader({ headers })
    const sent = stream.headersSent
    const out = respond(fromJsonBody(error, stream, header), {
      method: methodOf(headers),
      path: pathOf(headers),
      id: undefined,
      header: ((name) => (name.startsWith(':') ? undefined : header(name))) satisfies HeaderReader,
      startedAt,
      aborted: stream.destroyed === true || stream.closed === true,
      headersSent: sent,
    })
    try {
      if (sent) {
        // A response under way: reset the stream alone so the client sees it fail.
        reset(stream)
        return
      }
      if (stream.destroyed === true || stream.closed === true) return
      const body = out.body === null ? undefined : UTF8.encode(out.body)
      const length = body === undefined ? {} : { 'content-length': body.byteLength }
      stream.respond({ ':status': out.status, ...out.headers, ...length }, { endStream: body === undefined })
      if (body !== undefined) stream.end(body)
    } catch {
      // A stream that refused the answer (closed meanwhile): nothing more can reach the client.
      reset(stream)
    }
  }
}

const UTF8 = new TextEncoder()

/**
 * Resets the stream with INTERNAL_ERROR (see resetStream). Node then emits the reset as an `'error'`
 * of the stream, which would crash the process where the app listens for none: it is expected
 * here, and ignored.
 */
function reset(stream: Http2StreamLike): void {
  try {
    stream.on?.('error', ignore)
    resetStream(stream)
  } catch {
    // A stream already gone.
  }
}

function ignore(): void {}

function methodOf(headers: Http2Headers): string | undefined {
  const method = headers[':method']
  return typeof method === 'string' ? method : undefined
}

function pathOf(headers: Http2Headers): string {
  const path = headers[':path']
  return requestPath(typeof path === 'string' ? path : '/') ?? '/'
}

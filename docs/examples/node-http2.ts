import { createReadStream, readFileSync } from 'node:fs'
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2'
import { handle, sendError } from 'http-triage/node'

// The HTTP/2 compatibility API: a listener as for node:http, answered the same way.
export const server = createSecureServer(
  { key: readFileSync('server.key'), cert: readFileSync('server.crt'), allowHTTP1: true },
  handle(async (req: Http2ServerRequest, res: Http2ServerResponse) => {
    const report = createReadStream('report.csv')
    // An error outside the listener's promise: before the first byte, a 500 (a missing file is
    // the server's fault); after it, the stream is reset so the client sees the failure.
    report.on('error', (error) => sendError(res, error, req))
    res.setHeader('content-type', 'text/csv')
    report.pipe(res)
  }),
)

// @hapi/subtext: the request-payload parser under hapi, run by a node:http server on 127.0.0.1 on the
// raw request a client sent. Each error is what the route's `await Subtext.parse(...)` rejected with,
// i.e. what the app's error handler receives.
import { gzipSync } from 'node:zlib'
import Subtext from '@hapi/subtext'
import type { HeldOutCase } from '../case.js'
import { rawServer } from './support/raw-server.js'

const library = '@hapi/subtext'

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const options: Record<string, unknown> = {
    parse: true,
    output: 'data',
    maxBytes: 1024,
    timeout: 150,
    allow: [
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'text/plain',
      'application/xml',
    ],
  }
  const server = await rawServer(async (req) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/misconfigured') {
      // Our bug: the route's payload config lost its `parse` setting.
      return Subtext.parse(req, null, { output: 'data', maxBytes: 1024 } as never)
    }
    if (url.pathname === '/json-only') {
      return Subtext.parse(req, null, { ...options, allow: ['application/json'] } as never)
    }
    if (url.pathname === '/upload-file') {
      return Subtext.parse(req, null, {
        ...options,
        output: 'file',
        uploads: '/nonexistent-upload-dir-ag',
      } as never)
    }
    const result = await Subtext.parse(req, null, options as never)
    return result.payload
  })
  try {
    const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
      server.caught(path, { method: 'POST', body, headers, duplex: 'half' } as RequestInit)

    cases.push({
      library,
      what: 'POST with Content-Type application/json and a body that is not JSON (`{"name": "ann",`): Boom 400 "Invalid request payload JSON format"',
      why: 'malformed request syntax (JSON body parse error)',
      expect: { status: 400 },
      error: await post('/items', '{"name": "ann",', { 'content-type': 'application/json' }),
    })
    cases.push({
      library,
      what: 'JSON body with a `__proto__` key, rejected by the prototype-poisoning guard: Boom 400 "Invalid request payload JSON format"',
      why: 'malformed request syntax (body refused by the JSON parser)',
      expect: { status: 400 },
      error: await post('/items', '{"__proto__": {"admin": true}}', { 'content-type': 'application/json' }),
    })
    cases.push({
      library,
      what: 'Content-Length 4096 over maxBytes 1024: Boom 413 "Payload content length greater than maximum allowed: 1024"',
      why: 'body too large',
      expect: { status: 413 },
      error: await post('/items', 'x'.repeat(4096), { 'content-type': 'text/plain' }),
    })
    cases.push({
      library,
      what: 'chunked body (no Content-Length) that grows past maxBytes 1024 while being read: the reader destroys the request, so the error that wins is Boom "Payload stream closed prematurely" (carries 500), not the 413',
      why: 'body too large (what happened; the carried 500 is the library reporting its own 413 path badly)',
      expect: { status: 413 },
      error: await server.caughtAborted(
        'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked',
        `200\r\n${'y'.repeat(512)}\r\n`.repeat(8),
        300,
      ),
    })
    cases.push({
      library,
      what: 'Content-Type text/csv to a route that allows JSON, forms and text only: Boom 415 Unsupported Media Type',
      why: 'unsupported media type',
      expect: { status: 415 },
      error: await post('/json-only', 'a,b\n1,2\n', { 'content-type': 'text/csv' }),
    })
    cases.push({
      library,
      what: 'Content-Type application/xml (allowed) that the parser has no parser for: Boom 415 Unsupported Media Type',
      why: 'unsupported media type',
      expect: { status: 415 },
      error: await post('/items', '<item/>', { 'content-type': 'application/xml' }),
    })
    cases.push({
      library,
      what: 'Content-Type multipart/form-data without a boundary parameter: Boom 400 "Invalid content-type header: multipart missing boundary"',
      why: 'malformed request syntax (Content-Type header)',
      expect: { status: 400 },
      error: await post('/items', 'field=1', { 'content-type': 'multipart/form-data' }),
    })
    cases.push({
      library,
      what: 'Content-Encoding gzip with a body that is not gzip data: Boom 400 "Invalid compressed payload" (zlib error as data)',
      why: 'malformed request syntax (bad Content-Encoding body)',
      expect: { status: 400 },
      error: await post('/items', 'definitely not gzip', {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      }),
    })
    cases.push({
      library,
      what: 'gzip-encoded JSON that inflates to 64 KiB, over maxBytes 1024: Boom 413 from the payload reader',
      why: 'body too large (after decompression)',
      expect: { status: 413 },
      error: await post('/items', gzipSync(JSON.stringify({ pad: 'z'.repeat(65536) })), {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      }),
    })
    const boundary = 'AgBoundary7'
    cases.push({
      library,
      what: 'multipart/form-data body with a part header line that has no colon: Boom 400 "Invalid multipart payload format" (pez "Invalid header missing colon separator" as data)',
      why: 'malformed request syntax (multipart body)',
      expect: { status: 400 },
      error: await post(
        '/items',
        `--${boundary}\r\nContent-Disposition form-data\r\n\r\nvalue\r\n--${boundary}--\r\n`,
        {
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
      ),
    })
    cases.push({
      library,
      what: 'client sends headers with Content-Length 200 and 10 bytes of JSON, then stays silent past the 150 ms payload timeout: Boom 408 Request Time-out',
      why: 'a status the library put on the error for our answer (408 client timeout)',
      expect: { status: 408 },
      error: await server.caughtAborted(
        'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200',
        '{"name": "',
        400,
      ),
    })
    cases.push({
      library,
      what: 'client sends half of a 200-byte JSON body and closes its socket: Boom "Payload stream closed prematurely" (carries 500)',
      why: 'client went away (ambiguous: the error carries 500, but the client aborted the upload)',
      expect: { status: 499 },
      error: await server.caughtAborted(
        'POST /items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200',
        '{"name": "half a body',
        30,
      ),
    })
    cases.push({
      library,
      what: 'route payload options missing `parse`: assertion Error "Missing parse option setting"',
      why: 'our misconfiguration',
      expect: { status: 500 },
      error: await post('/misconfigured', '{}', { 'content-type': 'application/json' }),
    })
    cases.push({
      library,
      what: 'output "file" with an uploads directory that does not exist: ENOENT from the temp-file write',
      why: 'our misconfiguration (ENOENT is a server bug)',
      expect: { status: 500 },
      error: await post('/upload-file', 'file body', { 'content-type': 'text/plain' }),
    })
  } finally {
    await server.close()
  }
  return cases
}

import type { IncomingMessage } from 'node:http'
import { Busboy, type BusboyConfig } from '@fastify/busboy'
import type { HeldOutCase } from '../case.js'
import { rawServer } from './support/raw-server.js'

const library = '@fastify/busboy'

/** The upload route: parses the request's multipart body itself, draining every file. */
function parseUpload(req: IncomingMessage, limits: BusboyConfig['limits']): Promise<number> {
  const parser = new Busboy({ headers: req.headers as BusboyConfig['headers'], limits })
  return new Promise<number>((resolve, reject) => {
    let files = 0
    parser.on('file', (_field, stream) => {
      files += 1
      stream.on('error', reject)
      stream.resume()
    })
    parser.on('error', reject)
    parser.on('finish', () => resolve(files))
    req.pipe(parser)
  })
}

const BOUNDARY = '----form7MA4YWxkTrZu0gW'

function multipart(parts: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: parts,
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const server = await rawServer((req) =>
    req.url === '/misconfigured'
      ? parseUpload(req, { fileSize: 'ten megabytes' as unknown as number })
      : parseUpload(req, { fileSize: 10 * 1024 * 1024, files: 3 }),
  )
  const field = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nQ3 report`
  try {
    return [
      {
        library,
        what: 'an upload POST with a body and no Content-Type header: TypeError "Missing Content-Type-header."',
        why: 'unsupported media type: the body has no declared type (415)',
        expect: { status: 415 },
        error: await server.caught('/uploads', {
          method: 'POST',
          body: new Blob([new Uint8Array([1, 2, 3])]),
        }),
      },
      {
        library,
        what: 'an upload POST sent as text/plain: Error "Unsupported Content-Type."',
        why: 'unsupported media type: 415',
        expect: { status: 415 },
        error: await server.caught('/uploads', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'hello',
        }),
      },
      {
        library,
        what: 'multipart/form-data without a boundary parameter: Error "Multipart: Boundary not found"',
        why: "client's malformed request: 400",
        expect: { status: 400 },
        error: await server.caught('/uploads', {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data' },
          body: 'title=Q3',
        }),
      },
      {
        library,
        what: 'a multipart body that ends inside a field part, no closing boundary: Error "Unexpected end of multipart data"',
        why: "client's malformed request: 400",
        expect: { status: 400 },
        error: await server.caught('/uploads', multipart(field)),
      },
      {
        library,
        what: 'the route passes a limit that is not a number ({ fileSize: "ten megabytes" }): TypeError "Limit fileSize is not a valid number"',
        why: 'our own misconfiguration: 500',
        expect: { status: 500 },
        error: await server.caught('/misconfigured', multipart(`${field}\r\n--${BOUNDARY}--\r\n`)),
      },
    ]
  } finally {
    await server.close()
  }
}

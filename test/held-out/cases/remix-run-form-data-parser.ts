// @remix-run/form-data-parser: a form route on a node:http server on 127.0.0.1 turns the raw request
// into a web Request (as a fetch-style adapter does) and parses its form data. Each error is what the
// route's `await parseFormData(...)` rejected with, i.e. what the app's error handler receives.
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { parseFormData } from '@remix-run/form-data-parser'
import type { HeldOutCase } from '../case.js'
import { rawServer } from './support/raw-server.js'

const library = '@remix-run/form-data-parser'
const boundary = 'AgFormDataBoundary'
const type = `multipart/form-data; boundary=${boundary}`

function part(name: string, content: string, filename?: string): string {
  const disposition = `form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}`
  return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n${content}\r\n`
}
const end = `--${boundary}--\r\n`

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
  return new Request(`http://127.0.0.1${req.url ?? '/'}`, {
    method: req.method ?? 'POST',
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit)
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const server = await rawServer(async (req) => {
    const request = toRequest(req)
    if (request.url.endsWith('/audited')) {
      // Our bug: an audit middleware read the body before the form route did.
      await request.clone().arrayBuffer()
      await request.arrayBuffer()
    }
    const form = await parseFormData(request, {
      maxFiles: 2,
      maxParts: 10,
      maxFileSize: 8192,
      maxTotalSize: 4096,
    })
    return [...form.keys()]
  })
  try {
    const post = (path: string, body: string, contentType: string) =>
      server.caught(path, { method: 'POST', body, headers: { 'content-type': contentType } })

    cases.push({
      library,
      what: 'three file parts over maxFiles 2: MaxFilesExceededError "Maximum number of files exceeded: 2"',
      why: 'too many files: upload limit (the policy names multer limits as 413)',
      expect: { status: 413 },
      error: await post(
        '/profile',
        part('a', '1', 'a.txt') + part('b', '2', 'b.txt') + part('c', '3', 'c.txt') + end,
        type,
      ),
    })
    cases.push({
      library,
      what: 'multipart body that does not start with the declared boundary: FormDataParseError "Cannot parse form data" (cause MultipartParseError "missing initial boundary")',
      why: 'malformed request syntax (multipart body)',
      expect: { status: 400 },
      error: await post('/profile', `garbage before\r\n${part('a', '1')}${end}`, type),
    })
    cases.push({
      library,
      what: 'form route sent Content-Type text/plain: FormDataParseError "Cannot parse form data" (cause the TypeError of Request.formData)',
      why: 'unsupported media type (the route takes form bodies only)',
      expect: { status: 415 },
      error: await post('/profile', 'name=ann', 'text/plain'),
    })
    cases.push({
      library,
      what: 'urlencoded body of 6000 bytes over maxTotalSize 4096: MaxTotalSizeExceededError',
      why: 'body too large',
      expect: { status: 413 },
      error: await post('/profile', `bio=${'b'.repeat(6000)}`, 'application/x-www-form-urlencoded'),
    })
    cases.push({
      library,
      what: 'urlencoded body with 40 fields over maxParts 10: MaxPartsExceededError',
      why: 'too many fields: body limit (the policy names multer limits as 413)',
      expect: { status: 413 },
      error: await post(
        '/profile',
        Array.from({ length: 40 }, (_, i) => `f${i}=${i}`).join('&'),
        'application/x-www-form-urlencoded',
      ),
    })
    cases.push({
      library,
      what: 'an audit middleware consumed the request body before the form route parsed it: FormDataParseError "Cannot parse form data" (cause TypeError ERR_INVALID_STATE "ReadableStream is locked")',
      why: 'our bug (the server consumed its own request body)',
      expect: { status: 500 },
      error: await post('/audited', part('a', '1') + end, type),
    })
    cases.push({
      library,
      what: 'client declares Content-Length 9000 for a multipart upload, sends 1 KiB and closes its socket: FormDataParseError "Cannot parse form data" (cause the Node request Error "aborted", code ECONNRESET)',
      why: 'client went away',
      expect: { status: 499 },
      error: await server.caughtAborted(
        `POST /profile HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: 9000`,
        `${part('a', '1')}--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="f.bin"\r\n\r\n${'b'.repeat(1000)}`,
        50,
      ),
    })
  } finally {
    await server.close()
  }
  return cases
}

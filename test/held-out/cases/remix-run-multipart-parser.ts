// @remix-run/multipart-parser (its Node entry): an upload route on a node:http server on 127.0.0.1
// iterates the parts of the raw request a client sent. Each error is what the route's loop threw,
// i.e. what the app's error handler receives.
import { parseMultipartRequest } from '@remix-run/multipart-parser/node'
import type { HeldOutCase } from '../case.js'
import { rawServer } from './support/raw-server.js'

const library = '@remix-run/multipart-parser'
const boundary = '----AgFormBoundary42'
const type = `multipart/form-data; boundary=${boundary}`

function part(name: string, content: string, filename?: string): string {
  const disposition = `form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}`
  return `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`
}
const end = `--${boundary}--\r\n`

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const server = await rawServer(async (req) => {
    const received: string[] = []
    for await (const p of parseMultipartRequest(req, {
      maxHeaderSize: 1024,
      maxFileSize: 4096,
      maxParts: 5,
      maxTotalSize: 16384,
    })) {
      received.push(`${p.name}:${p.size}`)
    }
    return received
  })
  try {
    const upload = (body: string, contentType = type) =>
      server.caught('/upload', { method: 'POST', body, headers: { 'content-type': contentType } })

    cases.push({
      library,
      what: 'upload route sent Content-Type application/json: MultipartParseError "Request is not a multipart request"',
      why: 'unsupported media type (the route takes multipart only)',
      expect: { status: 415 },
      error: await upload('{"file": "x"}', 'application/json'),
    })
    cases.push({
      library,
      what: 'Content-Type multipart/form-data with no boundary parameter: MultipartParseError "Invalid Content-Type header: missing boundary"',
      why: 'malformed request syntax (Content-Type header)',
      expect: { status: 400 },
      error: await upload(part('a', '1') + end, 'multipart/form-data'),
    })
    cases.push({
      library,
      what: 'body that does not start with the declared boundary: MultipartParseError "Invalid multipart stream: missing initial boundary"',
      why: 'malformed request syntax (multipart body)',
      expect: { status: 400 },
      error: await upload(
        `--someOtherBoundary\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--someOtherBoundary--\r\n`,
      ),
    })
    cases.push({
      library,
      what: 'body truncated before the closing boundary (last part never ends): MultipartParseError "Multipart stream not finished"',
      why: 'malformed request syntax (truncated body)',
      expect: { status: 400 },
      error: await upload(
        `${part('a', '1')}--${boundary}\r\nContent-Disposition: form-data; name="b"\r\n\r\nhalf of a val`,
      ),
    })
    cases.push({
      library,
      what: 'a file part of 10 000 bytes over maxFileSize 4096: MaxFileSizeExceededError "File size exceeds maximum allowed size of 4096 bytes"',
      why: 'body too large (upload limit)',
      expect: { status: 413 },
      error: await upload(part('avatar', 'f'.repeat(10000), 'me.png') + end),
    })
    cases.push({
      library,
      what: 'seven parts over maxParts 5: MaxPartsExceededError',
      why: 'too many parts: upload limit (the policy names multer limits as 413)',
      expect: { status: 413 },
      error: await upload(Array.from({ length: 7 }, (_, i) => part(`f${i}`, 'v')).join('') + end),
    })
    cases.push({
      library,
      what: 'four 3500-byte files plus one more, 17 500 bytes in all, over maxTotalSize 16384: MaxTotalSizeExceededError',
      why: 'body too large (upload limit)',
      expect: { status: 413 },
      error: await upload(
        Array.from({ length: 5 }, (_, i) => part(`doc${i}`, 'd'.repeat(3500), `d${i}.txt`)).join('') + end,
      ),
    })
    cases.push({
      library,
      what: 'a part whose header block is 2 KiB (a huge filename), over maxHeaderSize 1024: MaxHeaderSizeExceededError',
      why: 'too large (part header over the limit; 413 fits best, no 431 for a body part)',
      expect: { status: 413 },
      error: await upload(part('file', 'x', `${'n'.repeat(2048)}.txt`) + end),
    })
    cases.push({
      library,
      what: 'client declares Content-Length 9000, sends the first part and half of a file, then closes its socket: the part iterator rejects with the Node request Error "aborted" (code ECONNRESET) passed through',
      why: 'client went away',
      expect: { status: 499 },
      error: await server.caughtAborted(
        `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: 9000`,
        `${part('a', '1')}--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="f.bin"\r\n\r\n${'b'.repeat(1000)}`,
        50,
      ),
    })
  } finally {
    await server.close()
  }
  return cases
}

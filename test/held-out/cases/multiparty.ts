import type { AddressInfo } from 'node:net'
import express, { type ErrorRequestHandler } from 'express'
import multiparty from 'multiparty'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'multiparty'

export const collect: Collect = async () => {
  // The error that the upload route passes to next(err), per request.
  const errors: unknown[] = []
  const app = express()
  app.post('/upload', (req, res, next) => {
    const form = new multiparty.Form({ maxFieldsSize: 1024, maxFilesSize: 1024 })
    form.parse(req, (error, fields) => {
      if (error) return next(error)
      res.json({ fields: Object.keys(fields) })
    })
  })
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error)
    res.status(599).end()
  }
  app.use(onError)
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (contentType: string, body: string) => {
    const before = errors.length
    const res = await fetch(`${base}/upload`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    })
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error (${res.status})`)
    return errors[before]
  }
  const boundary = 'XyZboundary'
  const multipart = `multipart/form-data; boundary=${boundary}`
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
  const file = (name: string, content: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="a.bin"\r\n` +
    `Content-Type: application/octet-stream\r\n\r\n${content}\r\n`
  const end = `--${boundary}--\r\n`

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'an upload sent as text/plain: 415 "unsupported content-type" (http-errors)',
      why: 'errors that carry a status keep it; unsupported media type: 415',
      expect: { status: 415 },
      error: await rejection('text/plain', 'hello'),
    })
    cases.push({
      library,
      what: 'multipart/form-data without a boundary parameter: 400 "content-type missing boundary"',
      why: 'errors that carry a status keep it',
      expect: { status: 400 },
      error: await rejection('multipart/form-data', field('a', '1') + end),
    })
    cases.push({
      library,
      what: 'a text field over maxFieldsSize (1 KiB), found mid-stream: 413 "maxFieldsSize 1024 exceeded"',
      why: 'errors that carry a status keep it; body too large: 413',
      expect: { status: 413 },
      error: await rejection(multipart, field('note', 'x'.repeat(4096)) + end),
    })
    cases.push({
      library,
      what: 'a file over maxFilesSize (1 KiB), found mid-write: 413 "maximum file length exceeded"',
      why: 'errors that carry a status keep it; body too large: 413',
      expect: { status: 413 },
      error: await rejection(multipart, file('avatar', 'y'.repeat(8192)) + end),
    })
    cases.push({
      library,
      what: 'a multipart body cut off before its closing boundary: 400 "stream ended unexpectedly"',
      why: 'errors that carry a status keep it; malformed request syntax',
      expect: { status: 400 },
      error: await rejection(
        multipart,
        `${field('a', '1')}--${boundary}\r\nContent-Disposition: form-data; name="b"`,
      ),
    })
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

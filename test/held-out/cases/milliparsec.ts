import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { json, multipart, urlencoded } from 'milliparsec'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'milliparsec'

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => unknown

export const collect: Collect = async () => {
  const parsers: Record<string, Middleware> = {
    '/json': json({ payloadLimit: 1024 }) as Middleware,
    '/form': urlencoded({ payloadLimit: 256 }) as Middleware,
    '/upload': multipart({ fileCountLimit: 2, fileSizeLimit: 64 }) as Middleware,
  }
  // The first error each parser passes to next(err), per request.
  const errors: unknown[] = []
  const server = createServer((req, res) => {
    const parser = parsers[req.url ?? '']
    if (parser === undefined) return res.writeHead(404).end()
    let done = false
    void parser(req, res, (error) => {
      if (done) return
      done = true
      if (error !== undefined) errors.push(error)
      res.writeHead(error === undefined ? 204 : 599).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, { method: 'POST', ...init })
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const form = (files: number, size: number) => {
    const body = new FormData()
    body.append('title', 'holiday')
    for (let i = 0; i < files; i++) body.append('photo', new Blob(['x'.repeat(size)]), `p${i}.jpg`)
    return body
  }

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'a JSON body over the 1 KiB payloadLimit: Error "Payload too large. Limit: 1024 bytes"',
      why: 'size: body too large (413)',
      expect: { status: 413 },
      error: await rejection('/json', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'x'.repeat(4096) }),
      }),
    })
    cases.push({
      library,
      what: "a malformed JSON body: JSON.parse's SyntaxError, passed to next(err)",
      why: 'malformed request syntax: JSON body parse error (400)',
      expect: { status: 400 },
      error: await rejection('/json', {
        headers: { 'content-type': 'application/json' },
        body: '{"name": "x",',
      }),
    })
    cases.push({
      library,
      what: 'an urlencoded form over the 256 B payloadLimit: Error "Payload too large. Limit: 256 bytes"',
      why: 'size: body too large (413)',
      expect: { status: 413 },
      error: await rejection('/form', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `note=${'x'.repeat(1024)}`,
      }),
    })
    cases.push({
      library,
      what: 'a multipart upload with more parts than fileCountLimit: Error "Too many files. Limit: 2"',
      why: 'size: upload limits, as multer limits (413)',
      expect: { status: 413 },
      error: await rejection('/upload', { body: form(3, 8) }),
    })
    cases.push({
      library,
      what: 'a multipart file over fileSizeLimit: Error "File too large. Limit: 64 bytes"',
      why: 'size: upload limits, as multer limits (413)',
      expect: { status: 413 },
      error: await rejection('/upload', { body: form(1, 512) }),
    })
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

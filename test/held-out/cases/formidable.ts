import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import formidable, { type Options } from 'formidable'
import type { Collect } from '../case.js'

// A node:http server on 127.0.0.1 that parses each upload with formidable and keeps what it threw.
export const collect: Collect = async () => {
  const uploadDir = await mkdtemp(join(tmpdir(), 'held-out-formidable-'))
  let options: Options = {}
  let seen: unknown
  const server = createServer(async (req, res) => {
    try {
      await formidable({ uploadDir, ...options }).parse(req)
      seen = undefined
    } catch (error) {
      seen = error
    }
    res.end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/upload`
  const upload = async (with_: Options, body: BodyInit, headers?: Record<string, string>) => {
    options = with_
    seen = 'no error'
    const res = await fetch(url, { method: 'POST', body, ...(headers ? { headers } : {}) })
    await res.arrayBuffer()
    return seen
  }
  const form = () => {
    const data = new FormData()
    for (const name of ['title', 'tags', 'notes']) data.append(name, 'x')
    data.append('file', new Blob([new Uint8Array(5000)]), 'photo.jpg')
    return data
  }
  try {
    return [
      {
        library: 'formidable',
        what: 'a 5000-byte upload against maxTotalFileSize 1000: FormidableError 1009',
        why: 'body too large',
        expect: { status: 413 },
        error: await upload({ maxTotalFileSize: 1000, maxFileSize: 1000 }, form()),
      },
      {
        library: 'formidable',
        what: 'a form with 3 fields against maxFields 2: FormidableError 1007',
        why: 'body too large (too many parts)',
        expect: { status: 413 },
        error: await upload({ maxFields: 2 }, form()),
      },
      {
        library: 'formidable',
        what: 'a form with a file against maxFiles 0: FormidableError 1015',
        why: 'body too large (too many files)',
        expect: { status: 413 },
        error: await upload({ maxFiles: 0 }, form()),
      },
      {
        library: 'formidable',
        what: 'Content-Type multipart/form-data without a boundary: FormidableError 1013',
        why: 'malformed request syntax',
        expect: { status: 400 },
        error: await upload({}, 'not a form', { 'content-type': 'multipart/form-data' }),
      },
    ]
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await rm(uploadDir, { recursive: true, force: true })
  }
}

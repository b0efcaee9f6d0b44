// @tus/server: a resumable-upload server (tus protocol) with @tus/file-store in a temp directory,
// served by node:http on 127.0.0.1. Each error is what the server handed to its `onResponseError`
// hook (the application's error handler) for a real client request.

import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileStore } from '@tus/file-store'
import { Server } from '@tus/server'
import type { HeldOutCase } from '../case.js'

const library = '@tus/server'
const tus = { 'tus-resumable': '1.0.0' }

async function tusApp(directory: string, extra: Record<string, unknown> = {}) {
  const errors: unknown[] = []
  const tusServer = new Server({
    path: '/files',
    datastore: new FileStore({ directory }),
    maxSize: 1024 * 1024,
    disableTerminationForFinishedUploads: true,
    onResponseError: (_req: unknown, err: unknown) => {
      errors.push(err)
      return undefined
    },
    ...extra,
  } as never)
  const http = createServer((req, res) => {
    void tusServer.handle(req, res).catch(() => {})
  })
  http.keepAliveTimeout = 100
  http.listen(0, '127.0.0.1')
  await once(http, 'listening')
  const base = `http://127.0.0.1:${(http.address() as { port: number }).port}`
  return {
    base,
    async call(path: string, init: RequestInit): Promise<Response> {
      const res = await fetch(`${base}${path}`, init)
      await res.arrayBuffer()
      return res
    },
    async caught(path: string, init: RequestInit): Promise<unknown> {
      const before = errors.length
      const res = await fetch(`${base}${path}`, init)
      await res.arrayBuffer()
      if (errors.length !== before + 1) throw new Error(`no error for ${init.method} ${path} (${res.status})`)
      return errors[before]
    },
    close() {
      http.closeAllConnections()
      return new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const dir = mkdtempSync(join(tmpdir(), 'heldout-ag-tus-'))
  const volume = join(dir, 'volume')
  const app = await tusApp(join(dir, 'uploads'))
  const broken = await tusApp(volume)
  await new Promise((resolve) => setTimeout(resolve, 50))
  // Our deployment bug: the upload volume's mount point was replaced by a regular file.
  rmSync(volume, { recursive: true, force: true })
  writeFileSync(volume, 'not a directory')
  try {
    const create = async (length: number) => {
      const res = await app.call('/files', {
        method: 'POST',
        headers: { ...tus, 'upload-length': String(length) },
      })
      return new URL(res.headers.get('location') ?? '', app.base).pathname
    }
    const patch = (path: string, offset: number, body: string) =>
      app.caught(path, {
        method: 'PATCH',
        headers: {
          ...tus,
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
        },
        body,
      })

    cases.push({
      library,
      what: 'PATCH to an upload id that does not exist: ERRORS.FILE_NOT_FOUND, a plain object { status_code: 404, body }',
      why: 'not found (a status the library put on the error)',
      expect: { status: 404 },
      error: await patch('/files/0123456789abcdef0123456789abcdef', 0, 'abc'),
    })
    cases.push({
      library,
      what: 'POST creating an upload with neither Upload-Length nor Upload-Defer-Length: ERRORS.INVALID_LENGTH { status_code: 400 }',
      why: 'a status the library put on the error (400, missing required header)',
      expect: { status: 400 },
      error: await app.caught('/files', { method: 'POST', headers: tus }),
    })
    cases.push({
      library,
      what: 'POST creating an upload of Upload-Length 10 MiB over maxSize 1 MiB: ERRORS.ERR_MAX_SIZE_EXCEEDED { status_code: 413 }',
      why: 'body too large',
      expect: { status: 413 },
      error: await app.caught('/files', {
        method: 'POST',
        headers: { ...tus, 'upload-length': String(10 * 1024 * 1024) },
      }),
    })
    const upload = await create(10)
    cases.push({
      library,
      what: 'PATCH with Upload-Offset 5 to an upload whose offset is 0: ERRORS.INVALID_OFFSET { status_code: 409 }',
      why: 'conflict (a status the library put on the error)',
      expect: { status: 409 },
      error: await patch(upload, 5, 'hello'),
    })
    cases.push({
      library,
      what: 'PATCH sending 25 bytes to an upload declared as Upload-Length 10: ERRORS.ERR_SIZE_EXCEEDED { status_code: 413 }',
      why: 'body too large',
      expect: { status: 413 },
      error: await patch(upload, 0, 'x'.repeat(25)),
    })
    cases.push({
      library,
      what: 'PATCH without an Upload-Offset header: ERRORS.MISSING_OFFSET { status_code: 403 }',
      why: 'a status the library put on the error for our answer (403 as thrown)',
      expect: { status: 403 },
      error: await app.caught(upload, {
        method: 'PATCH',
        headers: { ...tus, 'content-type': 'application/offset+octet-stream' },
        body: 'abc',
      }),
    })
    cases.push({
      library,
      what: 'POST with Upload-Concat (parallel upload) to a FileStore without the concatenation extension: ERRORS.UNSUPPORTED_CONCATENATION_EXTENSION { status_code: 501 }',
      why: 'explicit not-implemented (a status the library put on the error)',
      expect: { status: 501 },
      error: await app.caught('/files', {
        method: 'POST',
        headers: { ...tus, 'upload-length': '10', 'upload-concat': 'partial' },
      }),
    })
    const finished = await create(3)
    await app.call(finished, {
      method: 'PATCH',
      headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: 'abc',
    })
    cases.push({
      library,
      what: 'DELETE of a finished upload with disableTerminationForFinishedUploads: ERRORS.INVALID_TERMINATION { status_code: 400 }',
      why: 'a status the library put on the error (400)',
      expect: { status: 400 },
      error: await app.caught(finished, { method: 'DELETE', headers: tus }),
    })
    cases.push({
      library,
      what: 'POST to a FileStore whose upload directory was replaced by a regular file (our deployment): fs EEXIST from the store mkdir of its directory',
      why: 'our misconfiguration (a filesystem error of our own storage)',
      expect: { status: 500 },
      error: await broken.caught('/files', { method: 'POST', headers: { ...tus, 'upload-length': '10' } }),
    })
  } finally {
    await app.close()
    await broken.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}

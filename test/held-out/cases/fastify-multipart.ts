import fastifyMultipart from '@fastify/multipart'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'

const library = '@fastify/multipart'

export const collect: Collect = async () => {
  const app = Fastify({ logger: false })
  await app.register(fastifyMultipart, { limits: { fileSize: 64, files: 1, fields: 2, parts: 4 } })
  const errors = keepErrors(app)
  // One upload: awaits the file's bytes (and so fails after the body started to arrive).
  app.post('/avatar', async (request) => {
    const file = await request.file()
    const bytes = await file?.toBuffer()
    return { size: bytes?.length ?? 0 }
  })
  // Many parts: reads every field and file in turn.
  app.post('/documents', async (request) => {
    let n = 0
    for await (const part of request.parts()) {
      if (part.type === 'file') await part.toBuffer()
      n++
    }
    return { parts: n }
  })
  const server = await serveErrors(app, errors)
  const rejection = (path: string, body: FormData | string, headers: Record<string, string> = {}) =>
    server.rejection(path, { method: 'POST', body, headers })
  const form = (build: (f: FormData) => void) => {
    const f = new FormData()
    build(f)
    return f
  }
  const png = (size: number) => new Blob([new Uint8Array(size)], { type: 'image/png' })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'an uploaded file over limits.fileSize, read with file.toBuffer() (FST_REQ_FILE_TOO_LARGE, statusCode 413)',
        why: 'size: body too large, 413',
        expect: { status: 413 },
        error: await rejection(
          '/avatar',
          form((f) => f.append('avatar', png(4096), 'a.png')),
        ),
      },
      {
        library,
        what: 'two files where limits.files is 1 (FST_FILES_LIMIT, statusCode 413)',
        why: 'size: multipart limits, 413',
        expect: { status: 413 },
        error: await rejection(
          '/documents',
          form((f) => {
            f.append('a', png(8), 'a.png')
            f.append('b', png(8), 'b.png')
          }),
        ),
      },
      {
        library,
        what: 'three text fields where limits.fields is 2 (FST_FIELDS_LIMIT, statusCode 413)',
        why: 'size: multipart limits, 413',
        expect: { status: 413 },
        error: await rejection(
          '/documents',
          form((f) => {
            f.append('x', '1')
            f.append('y', '2')
            f.append('z', '3')
          }),
        ),
      },
      {
        library,
        what: 'a JSON body sent to an upload route, request.file() (FST_INVALID_MULTIPART_CONTENT_TYPE "the request is not multipart", statusCode 406)',
        why: 'carries a status: 406 (the plugin chose it for our answer)',
        expect: { status: 406 },
        error: await rejection('/avatar', '{"avatar":"x"}', { 'content-type': 'application/json' }),
      },
      {
        library,
        what: 'a multipart field named __proto__ (FST_PROTO_VIOLATION, statusCode 400)',
        why: 'carries a status: 400 (malformed request)',
        expect: { status: 400 },
        error: await rejection(
          '/documents',
          form((f) => f.append('__proto__', '1')),
        ),
      },
    )
    return cases
  } finally {
    await app.close()
  }
}

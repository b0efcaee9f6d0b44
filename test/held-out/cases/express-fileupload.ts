import { fileURLToPath } from 'node:url'
import express from 'express'
import fileUpload, { type UploadedFile } from 'express-fileupload'
import type { HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'express-fileupload'

// A path under a regular file: any directory made or file written there fails with ENOTDIR,
// and nothing is ever written.
const underAFile = fileURLToPath(new URL('../package.json/uploads', import.meta.url))
const BOUNDARY = '----form7MA4YWxkTrZu0gW'

function multipart(body: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, body }
}

export async function collect(): Promise<HeldOutCase[]> {
  const app = express()
  app.post('/avatars', fileUpload({ limits: { fileSize: 1024 * 1024 } }), async (req, res) => {
    const avatar = req.files?.avatar as UploadedFile | undefined
    // The route moves the upload into the user's folder.
    await avatar?.mv(`${underAFile}/${avatar.name}`)
    res.json({ ok: true })
  })
  const server = await serveErrors(app)
  const file = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="avatar"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n\u0089PNG-bytes`
  try {
    return [
      {
        library,
        what: 'a multipart upload cut off inside a field part (no closing boundary): Error "Unexpected end of form"',
        why: "client's malformed request: 400",
        expect: { status: 400 },
        error: await server.rejection(
          '/avatars',
          multipart(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nMe at the b`),
        ),
      },
      {
        library,
        what: 'a multipart part whose header line has no colon: Error "Malformed part header"',
        why: "client's malformed request: 400",
        expect: { status: 400 },
        error: await server.rejection(
          '/avatars',
          multipart(`--${BOUNDARY}\r\nthis is not a header\r\n\r\nx\r\n--${BOUNDARY}--\r\n`),
        ),
      },
      {
        library,
        what: 'UploadedFile.mv() into a folder that cannot exist (a path under a regular file): Error ENOTDIR from the move',
        why: 'server-side filesystem failure: 500',
        expect: { status: 500 },
        error: await server.rejection('/avatars', multipart(`${file}\r\n--${BOUNDARY}--\r\n`)),
      },
    ]
  } finally {
    await server.close()
  }
}

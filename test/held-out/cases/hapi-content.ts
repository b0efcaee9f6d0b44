import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Content from '@hapi/content'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { HeldOutCase } from '../case.js'

const library = '@hapi/content'

export async function collect(): Promise<HeldOutCase[]> {
  const app = new Hono()
  const errors: unknown[] = []
  // The app's error handler keeps what the routes threw.
  app.onError((error, c) => {
    errors.push(error)
    return c.body(null, 500)
  })
  // The import route reads the declared media type of the client's upload itself.
  app.post('/imports', async (c) => {
    const { mime } = Content.type(c.req.header('content-type') ?? '')
    await c.req.arrayBuffer()
    return c.json({ mime })
  })
  // The file route takes the file name from the client's Content-Disposition header.
  app.put('/files', async (c) => {
    const { filename } = Content.disposition(c.req.header('content-disposition') ?? '')
    await c.req.arrayBuffer()
    return c.json({ filename })
  })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const upload = (contentType: string) =>
    rejection('/imports', { method: 'POST', headers: { 'content-type': contentType }, body: 'a,b\n1,2\n' })
  const file = (disposition?: string) =>
    rejection('/files', {
      method: 'PUT',
      headers: disposition === undefined ? {} : { 'content-disposition': disposition },
      body: 'a,b\n1,2\n',
    })
  try {
    return [
      {
        library,
        what: 'an upload whose Content-Type is not a media type ("csv please"): Boom 400 "Invalid content-type header"',
        why: 'carries a status: 400',
        expect: { status: 400 },
        error: await upload('csv please'),
      },
      {
        library,
        what: 'a Content-Type with the charset parameter twice: Boom 400 "Invalid content-type header: duplicate parameter"',
        why: 'carries a status: 400',
        expect: { status: 400 },
        error: await upload('text/csv; charset=utf-8; charset=latin1'),
      },
      {
        library,
        what: 'Content-Type multipart/form-data without a boundary: Boom 400 "Invalid content-type header: multipart missing boundary"',
        why: 'carries a status: 400',
        expect: { status: 400 },
        error: await upload('multipart/form-data'),
      },
      {
        library,
        what: 'a file PUT without a Content-Disposition header: Boom 400 "Missing content-disposition header"',
        why: 'carries a status: 400',
        expect: { status: 400 },
        error: await file(),
      },
      {
        library,
        what: 'a Content-Disposition of another kind ("attachment; filename=report.csv"): Boom 400 "Invalid content-disposition header format"',
        why: 'carries a status: 400',
        expect: { status: 400 },
        error: await file('attachment; filename=report.csv'),
      },
      {
        library,
        what: 'a Content-Disposition "form-data" with no parameters: Boom 400 "Invalid content-disposition header missing parameters"',
        why: 'carries a status: 400',
        expect: { status: 400 },
        error: await file('form-data'),
      },
    ]
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

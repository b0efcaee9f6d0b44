// serve-index: an Express app listing /files/ from a temp directory. Requests go out through
// node:http so that the path reaches the server exactly as written (fetch would normalise `..`);
// the app's last error handler keeps what the middleware passed to `next(err)` and answers 599.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express, { type ErrorRequestHandler } from 'express'
import serveIndex from 'serve-index'
import type { HeldOutCase } from '../case.js'

const library = 'serve-index'

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const root = await mkdtemp(join(tmpdir(), 'heldout-ao-index-'))
  await mkdir(join(root, 'reports'))
  await writeFile(join(root, 'reports', 'q1.csv'), 'a,b\n1,2\n')

  const errors: unknown[] = []
  const app = express()
  app.use('/files', serveIndex(root))
  // Deployed with a custom stylesheet / template whose files did not ship with the build.
  app.use('/styled', serveIndex(root, { stylesheet: join(root, 'theme', 'listing.css') }))
  app.use('/themed', serveIndex(root, { template: join(root, 'theme', 'listing.html') }))
  const keep: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error)
    res.status(599).end()
  }
  app.use(keep)
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const port = (server.address() as AddressInfo).port

  const caught = async (path: string, headers: Record<string, string> = {}): Promise<unknown> => {
    const before = errors.length
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      req.on('error', reject)
      req.end()
    })
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${status})`)
    return errors[before]
  }

  cases.push({
    library,
    what: 'GET /files/../../etc (a path that climbs out of the listed root): http-errors ForbiddenError, status 403',
    why: 'carried status the middleware set for our answer: 403',
    expect: { status: 403 },
    error: await caught('/files/../../etc'),
  })
  cases.push({
    library,
    what: 'GET /files/%E0%A4%A (a malformed percent-encoding): http-errors BadRequestError, status 400',
    why: 'carried status / malformed request: 400',
    expect: { status: 400 },
    error: await caught('/files/%E0%A4%A'),
  })
  cases.push({
    library,
    what: 'GET /files/reports%00/ (a NUL byte in the path): http-errors BadRequestError, status 400',
    why: 'carried status / malformed request: 400',
    expect: { status: 400 },
    error: await caught('/files/reports%00/'),
  })
  cases.push({
    library,
    what: 'GET /files/reports/ with Accept: application/xml only: http-errors NotAcceptableError, status 406',
    why: 'carried status: 406',
    expect: { status: 406 },
    error: await caught('/files/reports/', { accept: 'application/xml' }),
  })
  cases.push({
    library,
    what: 'GET /files/<300-character name>/: fs.stat fails with ENAMETOOLONG and the middleware sets status 414 on the fs error',
    why: 'carried status the middleware set: 414',
    expect: { status: 414 },
    error: await caught(`/files/${'a'.repeat(300)}/`),
  })
  cases.push({
    library,
    what: 'GET /styled/reports/ with a stylesheet option pointing at a file that was not deployed: fs Error ENOENT (open ...listing.css), no status',
    why: 'our misconfiguration; ENOENT is never 404 by default: 500',
    expect: { status: 500 },
    error: await caught('/styled/reports/', { accept: 'text/html' }),
  })
  cases.push({
    library,
    what: 'GET /themed/reports/ with a template option pointing at a file that was not deployed: fs Error ENOENT (open ...listing.html), no status',
    why: 'our misconfiguration; ENOENT is never 404 by default: 500',
    expect: { status: 500 },
    error: await caught('/themed/reports/', { accept: 'text/html' }),
  })

  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await rm(root, { recursive: true, force: true })
  return cases
}

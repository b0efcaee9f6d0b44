// serve-favicon: an Express app that serves /favicon.ico from a file. The set-up errors are the
// middleware factory's (thrown while the app is built); the runtime one reaches `next(err)`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express from 'express'
import favicon from 'serve-favicon'
import type { HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'serve-favicon'

function bootError(build: () => unknown): unknown {
  try {
    build()
  } catch (error) {
    return error
  }
  throw new Error('no boot error')
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const dir = await mkdtemp(join(tmpdir(), 'heldout-ao-favicon-'))
  const icon = join(dir, 'favicon.ico')
  await writeFile(icon, Buffer.from([0, 0, 1, 0, 1, 0]))
  await mkdir(join(dir, 'public'))

  // The icon exists at start-up, then a deploy step removes it before the first request.
  const app = express()
  app.use(favicon(icon))
  const server = await serveErrors(app)
  await rm(icon)
  cases.push({
    library,
    what: 'favicon file removed after start-up, before the first request: fs Error ENOENT (open ...favicon.ico) passed to next(err)',
    why: 'our deployment is broken; ENOENT is never 404 by default: 500',
    expect: { status: 500 },
    error: await server.rejection('/favicon.ico'),
  })
  await server.close()

  // The icon path replaced by a directory after start-up (a volume mounted over it).
  await writeFile(join(dir, 'icon2.ico'), Buffer.from([0, 0, 1, 0]))
  const app2 = express()
  app2.use(favicon(join(dir, 'icon2.ico')))
  const server2 = await serveErrors(app2)
  await rm(join(dir, 'icon2.ico'))
  await mkdir(join(dir, 'icon2.ico'))
  cases.push({
    library,
    what: 'favicon path turned into a directory after start-up: fs Error EISDIR (illegal operation on a directory, read) passed to next(err)',
    why: 'our deployment is broken: 500',
    expect: { status: 500 },
    error: await server2.rejection('/favicon.ico'),
  })
  await server2.close()

  cases.push({
    library,
    what: 'favicon(process.env.FAVICON_PATH) with the variable unset: TypeError "path to favicon.ico is required"',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: bootError(() => favicon(process.env.HELDOUT_AO_UNSET_FAVICON as string)),
  })
  cases.push({
    library,
    what: 'favicon("<dir>/public") pointing at a directory: Error "EISDIR, illegal operation on directory" with code EISDIR',
    why: 'our misconfiguration: 500',
    expect: { status: 500 },
    error: bootError(() => favicon(join(dir, 'public'))),
  })
  cases.push({
    library,
    what: 'favicon("<dir>/missing.ico"): the synchronous stat throws fs Error ENOENT while the app is built',
    why: 'our misconfiguration; ENOENT is never 404 by default: 500',
    expect: { status: 500 },
    error: bootError(() => favicon(join(dir, 'missing.ico'))),
  })

  await rm(dir, { recursive: true, force: true })
  return cases
}

import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Koa from 'koa'
import send from 'koa-send'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'koa-send'

export const collect: Collect = async () => {
  const root = await mkdtemp(join(tmpdir(), 'heldout-koa-send-'))
  await writeFile(join(root, 'index.html'), '<h1>hi</h1>')
  // A symlink loop: stat fails with ELOOP, which koa-send rethrows with `status = 500`.
  await symlink(join(root, 'loop-b'), join(root, 'loop-a'))
  await symlink(join(root, 'loop-a'), join(root, 'loop-b'))
  const errors: unknown[] = []
  const app = new Koa()
  app.use(async (ctx, next) => {
    try {
      await next()
    } catch (error) {
      errors.push(error)
      ctx.status = 599
    }
  })
  app.use(async (ctx) => {
    await send(ctx, ctx.path, { root })
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'a file that does not exist under root (the ENOENT stat error itself, given status 404, statusCode, expose by http-errors createError(404, err))',
      why: 'error that carries a status (404, made for our answer) wins over its ENOENT',
      expect: { status: 404 },
      error: await rejection('/missing.css'),
    })
    cases.push({
      library,
      what: 'a path whose percent-encoding does not decode (ctx.throw(400, "failed to decode"))',
      why: 'error that carries a status: 400',
      expect: { status: 400 },
      error: await rejection('/%E0%A4%A.html'),
    })
    cases.push({
      library,
      what: 'a path that climbs out of root (resolve-path ForbiddenError 403)',
      why: 'error that carries a status: 403',
      expect: { status: 403 },
      error: await rejection('/..%2F..%2Fetc%2Fpasswd'),
    })
    cases.push({
      library,
      what: 'a path with a NUL byte (resolve-path BadRequestError "Malicious Path")',
      why: 'error that carries a status: 400',
      expect: { status: 400 },
      error: await rejection('/index.html%00.txt'),
    })
    cases.push({
      library,
      what: 'a symlink loop under root (the fs ELOOP error rethrown with status = 500)',
      why: 'error that carries a status: 500 (a server-side fault)',
      expect: { status: 500 },
      error: await rejection('/loop-a'),
    })
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await rm(root, { recursive: true, force: true })
  }
}

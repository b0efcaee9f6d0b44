import type { AddressInfo } from 'node:net'
import express, { type ErrorRequestHandler } from 'express'
import { IpFilter } from 'express-ipfilter'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'express-ipfilter'

export const collect: Collect = async () => {
  // The error that the middleware chain passes to next(err), per request.
  const errors: unknown[] = []
  const app = express()
  const quiet = { log: false }
  app.get('/blocked', IpFilter(['127.0.0.1'], quiet), (_req, res) => {
    res.json({ ok: true })
  })
  app.get(
    '/office',
    IpFilter(['10.0.0.0/8', ['192.168.1.10', '192.168.1.20']], { ...quiet, mode: 'allow' }),
    (_req, res) => {
      res.json({ ok: true })
    },
  )
  app.get(
    '/behind-proxy',
    IpFilter(['203.0.113.0/24'], { ...quiet, trustProxy: 'loopback' }),
    (_req, res) => {
      res.json({ ok: true })
    },
  )
  app.get(
    '/closed',
    IpFilter(() => [], { ...quiet, mode: 'allow' }),
    (_req, res) => {
      res.json({ ok: true })
    },
  )
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error)
    res.status(599).end()
  }
  app.use(onError)
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'a request from an address on the deny list: IpDeniedError (status 403)',
      why: 'errors that carry a status keep it (403)',
      expect: { status: 403 },
      error: await rejection('/blocked'),
    })
    cases.push({
      library,
      what: 'a request from outside the allowed CIDR and range list: IpDeniedError (status 403)',
      why: 'errors that carry a status keep it (403)',
      expect: { status: 403 },
      error: await rejection('/office'),
    })
    cases.push({
      library,
      what: 'X-Forwarded-For from a trusted proxy names a denied client: IpDeniedError (status 403)',
      why: 'errors that carry a status keep it (403)',
      expect: { status: 403 },
      error: await rejection('/behind-proxy', { headers: { 'x-forwarded-for': '203.0.113.9' } }),
    })
    cases.push({
      library,
      what: 'allow mode with an empty allow list: IpDeniedError for 0.0.0.0/0 (status 403)',
      why: 'errors that carry a status keep it (403)',
      expect: { status: 403 },
      error: await rejection('/closed'),
    })
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

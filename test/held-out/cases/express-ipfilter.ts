import express from 'express'
import { IpFilter } from 'express-ipfilter'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'express-ipfilter'

export const collect: Collect = async () => {
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
  const { rejection, close } = await serveErrors(app)

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
    await close()
  }
}

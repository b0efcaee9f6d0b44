import { createServer } from 'node:http'
import express from 'express'
import { describe, expect, it } from 'vitest'
import * as expressAdapter from '../../src/adapters/express.js'
import { createResponder, httpError, type LogReport } from '../../src/index.js'
import { listen } from '../support/loopback.js'

describe('report hooks', () => {
  it('are called once per error response, in order, before the log, with the report and the classification', () => {
    const calls: string[] = []
    const respond = createResponder({
      log: (report) => {
        calls.push(`log ${report.status}`)
      },
      report: [
        (report, classification) => {
          calls.push(`first ${report.status} ${classification.code}`)
        },
        (report) => {
          calls.push(`second ${report.route}`)
        },
      ],
    })
    respond(httpError(409), { method: 'POST', route: '/orders/:id' })
    expect(calls).toEqual(['first 409 CONFLICT', 'second /orders/:id', 'log 409'])
  })

  it('a hook that throws or rejects changes nothing, and the next hook still runs', async () => {
    const seen: LogReport[] = []
    const respond = createResponder({
      report: [
        () => {
          throw new Error('hook bug')
        },
        () => Promise.reject(new Error('async hook bug')),
        (report) => {
          seen.push(report)
        },
      ],
    })
    const plain = createResponder()
    const out = respond(new Error('x'), { method: 'GET' })
    expect(out.status).toBe(plain(new Error('x')).status)
    expect(seen).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 10)) // a rejection would be unhandled by now
  })

  it('a bad report option fails at setup', () => {
    expect(() => createResponder({ report: 'x' as never })).toThrow(/`report` must be a function or an array/)
    expect(() => createResponder({ report: [() => {}, 1 as never] })).toThrow(/`report`/)
  })

  it('Express: the route is the router mount path and the route template; a 404 has none', async () => {
    const reports: LogReport[] = []
    const triage = { report: (r: LogReport) => void reports.push(r) }
    const app = express()
    const api = express.Router()
    api.get('/orders/:id', () => {
      throw httpError(404, 'No such order.')
    })
    app.use('/api', api)
    app.use(expressAdapter.notFoundHandler(triage))
    app.use(expressAdapter.errorHandler(triage))
    const server = createServer(app)
    const port = await listen(server)
    try {
      await (await fetch(`http://127.0.0.1:${port}/api/orders/7`)).text()
      await (await fetch(`http://127.0.0.1:${port}/nowhere`)).text()
      expect(reports.map((r) => [r.status, r.route])).toEqual([
        [404, '/api/orders/:id'],
        [404, undefined],
      ])
    } finally {
      server.close()
    }
  })
})

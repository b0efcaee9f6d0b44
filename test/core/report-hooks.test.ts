import { createServer } from 'node:http'
import { serve } from '@hono/node-server'
import express from 'express'
import fastify from 'fastify'
import fastify4 from 'fastify4'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import * as expressAdapter from '../../src/adapters/express.js'
import { httpTriage } from '../../src/adapters/fastify.js'
import * as honoAdapter from '../../src/adapters/hono.js'
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

  const slowly = async () => {
    await new Promise((resolve) => setTimeout(resolve, 40))
    throw new Error('slow failure')
  }

  it.each([
    ['Fastify 4', fastify4 as unknown as typeof fastify],
    ['Fastify 5', fastify],
  ])(
    '%s: the report has duration_ms, from the start of the request, when Fastify times it (its logger on)',
    async (_name, Fastify) => {
      const reports: LogReport[] = []
      const app = Fastify({ logger: { level: 'silent' } })
      await app.register(httpTriage, { log: false, report: (r: LogReport) => void reports.push(r) })
      app.get('/slow', slowly)
      const url = await app.listen({ port: 0, host: '127.0.0.1' })
      try {
        await (await fetch(`${url}/slow`)).text()
        expect(reports[0]?.duration_ms).toBeGreaterThanOrEqual(35)
        expect(reports[0]?.duration_ms).toBeLessThan(5_000)
      } finally {
        await app.close()
      }
      // Without a logger or an onResponse hook Fastify does not time the request: no duration.
      const untimed = Fastify()
      await untimed.register(httpTriage, { log: false, report: (r: LogReport) => void reports.push(r) })
      untimed.get('/slow', slowly)
      const untimedUrl = await untimed.listen({ port: 0, host: '127.0.0.1' })
      try {
        await (await fetch(`${untimedUrl}/slow`)).text()
        expect(reports[1]?.duration_ms).toBeUndefined()
      } finally {
        await untimed.close()
      }
    },
  )

  it('Hono: the report has duration_ms from catchThrown(), registered first', async () => {
    const reports: LogReport[] = []
    const triage = { log: false as const, report: (r: LogReport) => void reports.push(r) }
    const app = new Hono()
    app.use(honoAdapter.catchThrown())
    app.get('/slow', slowly)
    app.onError(honoAdapter.errorHandler(triage))
    app.notFound(honoAdapter.notFoundHandler(triage))
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    const { port } = server.address() as { port: number }
    try {
      await (await fetch(`http://127.0.0.1:${port}/slow`)).text()
      await (await fetch(`http://127.0.0.1:${port}/nowhere`)).text()
      expect(reports[0]?.duration_ms).toBeGreaterThanOrEqual(35)
      expect(reports[0]?.duration_ms).toBeLessThan(5_000)
      expect(typeof reports[1]?.duration_ms).toBe('number')
    } finally {
      server.close()
    }
  })
})

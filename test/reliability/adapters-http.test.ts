import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertNone, expectSafeErrorResponse, quickProblems } from './support/check.js'
import { guardProcess } from './support/guard.js'
import { call } from './support/http.js'
import { SERVER_NAMES, type SlotServer, startSlotServers } from './support/servers.js'
import { anything, hostileList } from './support/values.js'

guardProcess()

/** Generated values sent over real HTTP to each server (the in-process paths get 10,000). */
const HTTP_RUNS = 300
/** The longest one answer may take, generous for a loaded 2-core machine. */
const BOUND_MS = 1000

const { names, values } = hostileList()

describe('every adapter over real HTTP', () => {
  let servers: SlotServer[] = []
  beforeAll(async () => {
    servers = await startSlotServers({ log: false })
  })
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()))
  })

  it.each(SERVER_NAMES)(
    '%s answers every hand-made hostile value with a safe error response',
    async (name) => {
      const server = servers.find((s) => s.name === name) as SlotServer
      for (const [index, value] of values.entries()) {
        server.slot.value = value
        const start = performance.now()
        const seen = await call(`${server.url}/plain`)
        expect(performance.now() - start, names[index]).toBeLessThan(BOUND_MS)
        expectSafeErrorResponse(seen)
      }
      expect((await call(`${server.url}/ok`)).status).toBe(200)
    },
  )

  it.each(SERVER_NAMES)(
    `%s answers ${HTTP_RUNS} generated values with a safe error response`,
    async (name) => {
      const server = servers.find((s) => s.name === name) as SlotServer
      await fc.assert(
        fc.asyncProperty(anything, async (value) => {
          server.slot.value = value
          const seen = await call(`${server.url}/plain`)
          assertNone(quickProblems(seen, false))
        }),
        { numRuns: HTTP_RUNS },
      )
      expect((await call(`${server.url}/ok`)).status).toBe(200)
    },
  )
})

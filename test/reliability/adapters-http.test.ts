import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UNGUARDED_BEFORE_HOOKS } from '../adapters/servers.js'
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
/** The servers whose framework lets every thrown value reach the adapter. */
const GUARDED = SERVER_NAMES.filter((name) => !UNGUARDED_BEFORE_HOOKS.includes(name))

describe('every adapter over real HTTP', () => {
  let servers: SlotServer[] = []
  beforeAll(async () => {
    servers = await startSlotServers({ log: false })
  })
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()))
  })

  it.each(GUARDED)('%s answers every hand-made hostile value with a safe error response', async (name) => {
    const server = servers.find((s) => s.name === name) as SlotServer
    for (const [index, value] of values.entries()) {
      server.slot.value = value
      const start = performance.now()
      const seen = await call(`${server.url}/plain`)
      expect(performance.now() - start, names[index]).toBeLessThan(BOUND_MS)
      expectSafeErrorResponse(seen)
    }
    expect((await call(`${server.url}/ok`)).status).toBe(200)
  })

  it.each(UNGUARDED_BEFORE_HOOKS)(
    '%s answers every hand-made hostile value with an error status and nothing of the value',
    async (name) => {
      const server = servers.find((s) => s.name === name) as SlotServer
      for (const [index, value] of values.entries()) {
        server.slot.value = value
        const seen = await call(`${server.url}/plain`)
        expect(seen.status, names[index]).toBeGreaterThanOrEqual(400)
        if (seen.headers['content-type'] === 'application/problem+json') expectSafeErrorResponse(seen)
        else expect(seen.text, names[index]).toBe('')
      }
      expect((await call(`${server.url}/ok`)).status).toBe(200)
    },
  )

  it.each(GUARDED)(`%s answers ${HTTP_RUNS} generated values with a safe error response`, async (name) => {
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
  })
})

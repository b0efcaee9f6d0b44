import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertNone, expectSafeErrorResponse, quickProblems } from './support/check.js'
import { guardProcess } from './support/guard.js'
import { call } from './support/http.js'
import { type InProcessApp, inProcessApps } from './support/in-process.js'
import { type SlotServer, startSlotServers } from './support/servers.js'
import { hostileList, pick, thrownValues } from './support/values.js'

const guard = guardProcess()

const RUNS = 10_000
/** The longest one answer may take, generous for a loaded 2-core machine. */
const BOUND_MS = 1000

const { names, values } = hostileList()
const thrown = thrownValues(values)

describe('in-process adapter paths (Hono app.fetch, Fastify inject, the fetch handler)', () => {
  let apps: InProcessApp[] = []
  beforeAll(async () => {
    apps = await inProcessApps({ log: false })
  })
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()))
  })

  it.each(['hono 4 (app.fetch)', 'fastify 4 (inject)', 'fastify 5 (inject)', 'fetch (handler called)'])(
    `%s answers every hand-made hostile value, GET and HEAD, with a safe error response`,
    async (name) => {
      const app = apps.find((a) => a.name === name) as InProcessApp
      for (const [index, value] of values.entries()) {
        for (const head of [false, true]) {
          const start = performance.now()
          const seen = await app.throwing(value, head)
          expect(performance.now() - start, names[index]).toBeLessThan(BOUND_MS)
          expectSafeErrorResponse(seen, { head })
        }
      }
    },
  )

  it.each(['hono 4 (app.fetch)', 'fastify 4 (inject)', 'fastify 5 (inject)', 'fetch (handler called)'])(
    `%s answers ${RUNS.toLocaleString('en')} generated and hostile values with a safe error response, in bounded time`,
    async (name) => {
      const app = apps.find((a) => a.name === name) as InProcessApp
      let slowest = 0
      await fc.assert(
        fc.asyncProperty(thrown, fc.boolean(), async (sample, headBit) => {
          // HEAD now and then: the same answer, without a body.
          const head = headBit && sample.kind === 'anything'
          const start = performance.now()
          const seen = await app.throwing(pick(values, sample), head)
          slowest = Math.max(slowest, performance.now() - start)
          assertNone(quickProblems(seen, head))
        }),
        { numRuns: RUNS },
      )
      expect(slowest).toBeLessThan(BOUND_MS)
      expect(guard.seen).toEqual([])
    },
    120_000,
  )
})

describe('a thrown value that only looks like a Hono HTTPException', () => {
  // Hono's adapter answers an HTTPException with its own Response. A thrown object that only looks
  // like one (`status`, `res`, `getResponse()`) must not turn the answer into something else: a
  // plain object, or a success. (Found by this suite; fixed in src/adapters/hono.ts, isErrorResponse.)
  const forgeries: Record<string, () => unknown> = {
    'getResponse() returns a plain object with status 200': () =>
      Object.assign(new Error('forged'), {
        status: 500,
        res: { status: 500, headers: {} },
        getResponse: () => ({ status: 200 }),
      }),
    'getResponse() returns a real Response with status 200': () =>
      Object.assign(new Error('forged'), {
        status: 500,
        res: { status: 500, headers: {} },
        getResponse: () => new Response('not an error', { status: 200 }),
      }),
    'getResponse() returns a Response with status 302 to another site': () =>
      Object.assign(new Error('forged'), {
        status: 500,
        res: { status: 500, headers: {} },
        getResponse: () =>
          new Response(null, { status: 302, headers: { location: 'https://evil.example/' } }),
      }),
  }

  it.each(Object.keys(forgeries))(
    'gets a safe error response from Hono (app.fetch) when %s',
    async (name) => {
      const apps = await inProcessApps({ log: false })
      try {
        const hono = apps.find((a) => a.name.startsWith('hono')) as InProcessApp
        expectSafeErrorResponse(await hono.throwing((forgeries[name] as () => unknown)()))
      } finally {
        await Promise.all(apps.map((app) => app.close()))
      }
    },
  )

  it.each(Object.keys(forgeries))('gets a safe error response from Hono over HTTP when %s', async (name) => {
    const [server] = (await startSlotServers({ log: false }, ['hono 4'])) as [SlotServer]
    try {
      server.slot.value = (forgeries[name] as () => unknown)()
      expectSafeErrorResponse(await call(`${server.url}/plain`))
    } finally {
      await server.close()
    }
  })
})

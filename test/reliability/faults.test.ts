import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ResponderOptions } from '../../src/respond.js'
import { streamFailure } from '../adapters/servers.js'
import { expectNoCanary, expectSafeErrorResponse } from './support/check.js'
import { guardProcess } from './support/guard.js'
import { call, jsonPost, sleep } from './support/http.js'
import { SERVER_NAMES, type SlotServer, startSlotServers } from './support/servers.js'

const guard = guardProcess()

const CANARY = 'CANARYfault7q3'

/** Counts every report a fault's logger is handed, then misbehaves. */
let reports = 0
const counted =
  <T>(misbehave: () => T) =>
  (..._args: unknown[]): T => {
    reports++
    return misbehave()
  }

const boom = (what: string) => () => {
  throw new Error(`${what} ${CANARY}`)
}

const hostileVerdict = new Proxy(
  {},
  {
    get() {
      throw new Error(`verdict trap ${CANARY}`)
    },
  },
)

/** Options with one fault each (and one with all of them); a counting logger where there is none. */
const FAULTS: Record<string, ResponderOptions> = {
  'no fault (a logger that counts)': {},
  'a logger function that throws': { log: counted(boom('logger')) },
  'a logger object whose error() and warn() throw': {
    log: { error: counted(boom('logger.error')), warn: counted(boom('logger.warn')) },
  },
  'an async logger that rejects': { log: counted(() => Promise.reject(new Error(`async logger ${CANARY}`))) },
  'a logger that never resolves': { log: counted(() => new Promise(() => {})) },
  'a custom formatter that throws': { format: boom('formatter') },
  'a custom formatter that returns what JSON cannot hold': {
    format: () => {
      const cyclic: Record<string, unknown> = { big: 10n }
      cyclic.self = cyclic
      return cyclic
    },
  },
  'a custom formatter that returns a Proxy whose traps throw': { format: () => hostileVerdict },
  'a user rule that throws': { classify: { rules: [boom('user rule')] } },
  'a user rule that returns a verdict whose traps throw': {
    classify: { rules: [() => hostileVerdict as never] },
  },
  'a classify function that throws': { classify: boom('classify') as never },
  'a classify function that returns a 200 carrying the error text': {
    classify: (() => ({ status: 200, code: 'OK', title: 'OK', message: CANARY, headers: {} })) as never,
  },
  'a request-id generator that throws': { generateRequestId: boom('generateRequestId') },
  'a request-id generator that returns CRLF': { generateRequestId: () => `a\r\nSet-Cookie: ${CANARY}` },
  'all of them at once': {
    log: counted(boom('logger')),
    format: boom('formatter'),
    classify: { rules: [boom('user rule'), () => hostileVerdict as never] },
    generateRequestId: boom('generateRequestId'),
  },
}

/**
 * A verdict that cannot be read is not skipped like a rule that throws: the classifier answers the
 * safe fallback, 500, for every error (src/create-classifier.ts, the catch around buildClassification).
 */
const DEGRADES_TO_500 = new Set([
  'a user rule that returns a verdict whose traps throw',
  'all of them at once',
])

/** The connection-level faults run with these options (the others change nothing there). */
const LIFECYCLE = new Set(['no fault (a logger that counts)', 'all of them at once'])

function withCountingLog(options: ResponderOptions): ResponderOptions {
  return options.log === undefined ? { ...options, log: counted(() => undefined) } : options
}

/** The error a route throws: secrets in its message, cause and properties. */
const secretError = () =>
  Object.assign(new Error(`db password ${CANARY}`, { cause: new Error(CANARY) }), { sql: CANARY })

/** Opens a connection, sends a request, and destroys the socket after `afterMs`, mid-work. */
function disconnectMidRequest(url: string, path: string, afterMs: number): Promise<void> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`)
      setTimeout(() => {
        socket.destroy()
        resolve()
      }, afterMs)
    })
    socket.on('error', () => {})
  })
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (condition()) return true
    await sleep(10)
  }
  return condition()
}

describe.each(Object.keys(FAULTS))('with %s', (fault) => {
  let servers: SlotServer[] = []
  beforeAll(async () => {
    servers = await startSlotServers(withCountingLog(FAULTS[fault] as ResponderOptions))
    for (const server of servers) {
      server.slot.value = secretError()
      server.slot.validate = (body) => {
        throw Object.assign(new Error('invalid'), {
          name: 'ZodError',
          issues: [{ code: 'invalid_type', path: ['email'], message: 'Expected a string', input: body }],
        })
      }
    }
  })
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()))
  })

  const server = (name: string) => servers.find((s) => s.name === name) as SlotServer

  it.each(SERVER_NAMES)('%s still answers a 500, a 404 and a 422 safely', async (name) => {
    const { url } = server(name)
    const before = reports
    const degraded = DEGRADES_TO_500.has(fault)
    const failures = [
      [await call(`${url}/plain`), 500],
      [await call(`${url}/http-errors`), degraded ? 500 : 404],
      [await call(`${url}/validate`, jsonPost(JSON.stringify({ email: CANARY }))), degraded ? 500 : 422],
    ] as const
    for (const [seen, status] of failures) {
      expect(seen.status).toBe(status)
      // A formatter that fails falls back to Problem Details.
      expectSafeErrorResponse(seen)
      expectNoCanary(seen, [CANARY], name)
    }
    expect(reports - before, 'the log hook was called for each failure').toBe(3)
    expect((await call(`${url}/ok`)).status).toBe(200)
  })

  it.each(SERVER_NAMES)('%s keeps other requests unaffected under concurrency', async (name) => {
    const { url } = server(name)
    const paths = Array.from(
      { length: 32 },
      (_, i) => ['/plain', '/http-errors', '/ok', '/missing'][i % 4] as string,
    )
    const seen = await Promise.all(paths.map((path) => call(`${url}${path}`)))
    const ids = new Set<string>()
    for (const [i, response] of seen.entries()) {
      const path = paths[i] as string
      if (path === '/ok') {
        expect(response.status).toBe(200)
        continue
      }
      expect(response.status).toBe(path === '/plain' || DEGRADES_TO_500.has(fault) ? 500 : 404)
      expectSafeErrorResponse(response)
      expectNoCanary(response, [CANARY], name)
      ids.add(String(response.headers['x-request-id']))
    }
    expect(ids.size, 'every failure has its own request id').toBe(24)
  })

  if (!LIFECYCLE.has(fault)) return

  it.each(SERVER_NAMES)(
    '%s closes the connection when the error comes after the headers, and keeps serving',
    async (name) => {
      const { url } = server(name)
      const outcome = await streamFailure(name, `${url}/after-headers`)
      expect(outcome).toMatch(/^failed:/)
      expect(outcome).not.toContain(CANARY)
      expect((await call(`${url}/ok`)).status).toBe(200)
    },
  )

  it.each(SERVER_NAMES)(
    '%s survives a client that disconnects while the route is still working',
    async (name) => {
      const { url, slot } = server(name)
      let finished = 0
      slot.slow = async () => {
        await sleep(100)
        finished++
        throw secretError()
      }
      const before = reports
      await Promise.all([
        disconnectMidRequest(url, '/upstream-timeout', 20),
        disconnectMidRequest(url, '/upstream-timeout', 20),
      ])
      // The route ran to its end and the error path handled both errors, with nobody to answer.
      expect(await until(() => finished === 2, 3000)).toBe(true)
      expect(await until(() => reports - before === 2, 3000), 'both errors reached the log hook').toBe(true)
      const seen = await call(`${url}/plain`)
      expect(seen.status).toBe(500)
      expectSafeErrorResponse(seen)
      expect((await call(`${url}/ok`)).status).toBe(200)
      expect(guard.seen).toEqual([])
    },
  )
})

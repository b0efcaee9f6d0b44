import fastify5 from 'fastify'
import fastify4 from 'fastify4'
import { Hono } from 'hono'
import * as fastifyAdapter from '../../../src/adapters/fastify.js'
import * as fetchAdapter from '../../../src/adapters/fetch.js'
import * as honoAdapter from '../../../src/adapters/hono.js'
import type { ResponderOptions } from '../../../src/respond.js'
import { type Seen, seenOf } from './check.js'

/** An adapter driven without a socket: the value is thrown by a route, the answer read back. */
export interface InProcessApp {
  readonly name: string
  /** Throws `value` from a route (HEAD when `head`) and returns what the client would see. */
  throwing(value: unknown, head?: boolean): Promise<Seen>
  close(): Promise<void>
}

async function fastifyApp(name: string, fastify: typeof fastify5, options: ResponderOptions) {
  let current: unknown
  const app = fastify({ logger: false })
  await app.register(fastifyAdapter.httpTriage, options)
  app.route({
    method: ['GET', 'HEAD'],
    url: '/throw',
    exposeHeadRoute: false,
    handler: async () => {
      throw current
    },
  })
  await app.ready()
  return {
    name,
    async throwing(value: unknown, head = false): Promise<Seen> {
      current = value
      const response = await app.inject({ method: head ? 'HEAD' : 'GET', url: '/throw' })
      return {
        status: response.statusCode,
        headers: response.headers as Seen['headers'],
        text: response.body,
      }
    },
    close: () => app.close(),
  }
}

function honoApp(options: ResponderOptions): InProcessApp {
  let current: unknown
  const app = new Hono()
  app.use(honoAdapter.catchThrown())
  app.on(['GET', 'HEAD'], '/throw', () => {
    throw current
  })
  app.onError(honoAdapter.errorHandler(options))
  app.notFound(honoAdapter.notFoundHandler(options))
  return {
    name: 'hono 4 (app.request)',
    async throwing(value, head = false) {
      current = value
      return seenOf(await app.request('/throw', { method: head ? 'HEAD' : 'GET' }))
    },
    close: async () => {},
  }
}

function fetchHandler(options: ResponderOptions): InProcessApp {
  const onError = fetchAdapter.errorHandler(options)
  return {
    name: 'fetch (handler called directly)',
    async throwing(value, head = false) {
      return seenOf(onError(value, new Request('http://localhost/throw', { method: head ? 'HEAD' : 'GET' })))
    },
    close: async () => {},
  }
}

/** The adapters that can be driven in process: Hono `app.request()`, Fastify `inject()`, fetch's handler. */
export async function inProcessApps(options: ResponderOptions = { log: false }): Promise<InProcessApp[]> {
  return [
    honoApp(options),
    await fastifyApp('fastify 4 (inject)', fastify4 as unknown as typeof fastify5, options),
    await fastifyApp('fastify 5 (inject)', fastify5, options),
    fetchHandler(options),
  ]
}

import fastify5 from 'fastify'
import fastify4 from 'fastify4'
import * as fastifyAdapter from '../../../src/adapters/fastify.js'
import * as fetchAdapter from '../../../src/adapters/fetch.js'
import * as honoAdapter from '../../../src/adapters/hono.js'
import * as core from '../../../src/index.js'
import type { ResponderOptions } from '../../../src/respond.js'
import { create as fastifyApp } from '../../apps/fastify.mjs'
import { create as fetchApp } from '../../apps/fetch.mjs'
import { create as honoApp } from '../../apps/hono.mjs'
import type { Route } from '../../apps/types.js'
import { type Seen, seenOf } from './check.js'

/** An adapter driven without a socket: the value is thrown by a route, the answer read back. */
export interface InProcessApp {
  readonly name: string
  /** Throws `value` from a route (HEAD when `head`) and returns what the client would see. */
  throwing(value: unknown, head?: boolean): Promise<Seen>
  close(): Promise<void>
}

/** One route, `/throw`, that throws whatever `slot.value` holds. */
function throwing(slot: { value: unknown }): Route[] {
  return [
    {
      method: 'GET',
      path: '/throw',
      run: () => {
        throw slot.value
      },
    },
  ]
}

async function fastifyInject(name: string, framework: unknown, options: ResponderOptions) {
  const slot = { value: undefined as unknown }
  const { app } = await fastifyApp({
    adapter: fastifyAdapter,
    core,
    routes: throwing(slot),
    options,
    framework,
  })
  await app.ready()
  return {
    name,
    async throwing(value: unknown, head = false): Promise<Seen> {
      slot.value = value
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

/** A Web app called as a function: Hono's `app.fetch` (as `app.request` does), the fetch handler. */
async function webHandler(
  name: string,
  create: typeof honoApp,
  adapter: object,
  options: ResponderOptions,
): Promise<InProcessApp> {
  const slot = { value: undefined as unknown }
  const { fetch } = await create({ adapter, core, routes: throwing(slot), options })
  return {
    name,
    async throwing(value, head = false) {
      slot.value = value
      return seenOf(await fetch!(new Request('http://localhost/throw', { method: head ? 'HEAD' : 'GET' })))
    },
    close: async () => {},
  }
}

/** The adapters that can be driven in process: Hono's and the fetch handler, Fastify's `inject()`. */
export async function inProcessApps(options: ResponderOptions = { log: false }): Promise<InProcessApp[]> {
  return [
    await webHandler('hono 4 (app.fetch)', honoApp, honoAdapter, options),
    await fastifyInject('fastify 4 (inject)', fastify4, options),
    await fastifyInject('fastify 5 (inject)', fastify5, options),
    await webHandler('fetch (handler called)', fetchApp, fetchAdapter, options),
  ]
}

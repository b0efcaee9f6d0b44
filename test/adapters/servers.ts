import { createSecureServer } from 'node:http2'
import type { Server as NetServer } from 'node:net'
import express5 from 'express'
import express4 from 'express4'
import fastify5 from 'fastify'
import fastify4 from 'fastify4'
import Koa from 'koa'
import Koa2 from 'koa2'
import { Agent, fetch as undiciFetch } from 'undici'
import { expect, vi } from 'vitest'
import * as elysiaAdapter from '../../src/adapters/elysia.js'
import * as expressAdapter from '../../src/adapters/express.js'
import * as fastifyAdapter from '../../src/adapters/fastify.js'
import * as fetchAdapter from '../../src/adapters/fetch.js'
import * as h3Adapter from '../../src/adapters/h3.js'
import * as honoAdapter from '../../src/adapters/hono.js'
import * as koaAdapter from '../../src/adapters/koa.js'
import * as nestAdapter from '../../src/adapters/nest.js'
import * as nextAdapter from '../../src/adapters/next.js'
import * as nodeAdapter from '../../src/adapters/node.js'
import * as core from '../../src/index.js'
import type { ResponderOptions } from '../../src/respond.js'
import { create as elysiaApp } from '../apps/elysia.mjs'
import { create as expressApp } from '../apps/express.mjs'
import { create as fastifyApp } from '../apps/fastify.mjs'
import { create as fetchApp } from '../apps/fetch.mjs'
import { create as h3App } from '../apps/h3.mjs'
import { create as honoApp } from '../apps/hono.mjs'
import { create as koaApp } from '../apps/koa.mjs'
import { create as nestApp } from '../apps/nest.mjs'
import { create as nextApp } from '../apps/next.mjs'
import { create as nodeApp } from '../apps/node.mjs'
import { conformanceRoutes } from '../apps/routes.mjs'
import { listenOn, start } from '../apps/serve.mjs'
import type { Actions, App, AppFactory, AppSetup, RunningServer as Running } from '../apps/types.js'
import { INTERMEDIATE_CA, LEAF, LEAF_KEY, ROOT_CA } from '../support/test-certificates.js'

export interface RunningServer extends Running {
  /** The client that speaks to this server (HTTP/2 over TLS for node:http2); else the global fetch. */
  readonly fetch?: typeof fetch
}

export type ServerFactory = (actions: Actions, options: ResponderOptions) => Promise<RunningServer>

/** A server of test/apps' `create`, with this checkout's adapter, on the runtime's own server. */
function server(
  create: AppFactory,
  adapter: object,
  setup: Partial<AppSetup> = {},
  serve: (app: App) => Promise<RunningServer> = start,
): ServerFactory {
  return async (actions, options) =>
    serve(await create({ adapter, core, routes: conformanceRoutes(actions), options, ...setup }))
}

/** node:http2 over TLS, HTTP/2 only (no HTTP/1 fallback), and a client that speaks HTTP/2 to it. */
async function http2(app: App): Promise<RunningServer> {
  const secure = createSecureServer({ key: LEAF_KEY, cert: `${LEAF}${INTERMEDIATE_CA}` }, app.listener)
  const running = await listenOn(secure as unknown as NetServer, 'https')
  const agent = new Agent({ allowH2: true, connect: { ca: ROOT_CA, servername: 'catalog.invalid' } })
  const http2Fetch = ((url: string, init?: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch
  return {
    url: running.url,
    fetch: http2Fetch,
    close: async () => {
      await agent.close()
      await running.close()
    },
  }
}

/**
 * GETs the route whose body stream fails after the headers, with console.error captured: the servers
 * that @hono/node-server runs (Hono, fetch, Next) print the stream's error there (its handleResponseError
 * has no hook), and that line is expected, not shown. Resolves to what the client saw.
 */
export async function streamFailure(
  name: string,
  url: string,
  client: typeof fetch = fetch,
): Promise<string> {
  const printed = vi.spyOn(console, 'error').mockImplementation(() => {})
  try {
    const outcome = await client(url, { signal: AbortSignal.timeout(5000) })
      .then((response) => response.text())
      .then(
        (text) => `complete:${text}`,
        (error: unknown) => `failed:${String(error)}`,
      )
    if (name === 'hono 4' || name === 'fetch' || name === 'next') {
      await vi.waitFor(() =>
        expect(printed).toHaveBeenCalledWith(expect.objectContaining({ message: 'failed mid-response' })),
      )
    }
    return outcome
  } finally {
    printed.mockRestore()
  }
}

/**
 * The servers that speak HTTP/2 only, each with its own client: the suites that write HTTP/1
 * themselves (test/reliability) leave them out; the adapter they run is also under `node:http`.
 */
export const HTTP2_ONLY: readonly string[] = ['node:http2']

/**
 * Frameworks whose own error handling reads a thrown value before any hook runs, unguarded: behind
 * a Request bridge, Elysia fails on a thrown `null` or a Proxy whose traps throw and sends a bare
 * 500 with no body (nothing leaks, but no problem body either). The hostile-value suites check
 * them for that weaker promise.
 */
export const UNGUARDED_BEFORE_HOOKS: readonly string[] = ['elysia 1 (fetch bridge)']

/** Every adapter, on its real framework, over real HTTP: test/apps' factories with src/'s adapters. */
export const SERVERS: Readonly<Record<string, ServerFactory>> = {
  'express 4': server(expressApp, expressAdapter, { framework: express4 }),
  'express 5': server(expressApp, expressAdapter, { framework: express5 }),
  'fastify 4': server(fastifyApp, fastifyAdapter, { framework: fastify4 }),
  'fastify 5': server(fastifyApp, fastifyAdapter, { framework: fastify5 }),
  'hono 4': server(honoApp, honoAdapter),
  fetch: server(fetchApp, fetchAdapter),
  'h3 2': server(h3App, h3Adapter),
  next: server(nextApp, nextAdapter),
  'koa 2': server(koaApp, koaAdapter, { framework: Koa2 }),
  'koa 3': server(koaApp, koaAdapter, { framework: Koa }),
  'node:http': server(nodeApp, nodeAdapter),
  'node:http2': server(nodeApp, nodeAdapter, {}, http2),
  'nest (express)': server(nestApp, nestAdapter, { platform: 'express' }),
  'nest (fastify)': server(nestApp, nestAdapter, { platform: 'fastify' }),
  'elysia 1 (fetch bridge)': server(elysiaApp, elysiaAdapter),
}

import { createSecureServer } from 'node:http2'
import type { Server as NetServer } from 'node:net'
import { Agent, fetch as undiciFetch } from 'undici'
import { expect, vi } from 'vitest'
import * as elysia from '../../src/adapters/elysia.js'
import * as express from '../../src/adapters/express.js'
import * as fastify from '../../src/adapters/fastify.js'
import * as fetchAdapter from '../../src/adapters/fetch.js'
import * as h3 from '../../src/adapters/h3.js'
import * as hono from '../../src/adapters/hono.js'
import * as koa from '../../src/adapters/koa.js'
import * as nest from '../../src/adapters/nest.js'
import * as next from '../../src/adapters/next.js'
import * as node from '../../src/adapters/node.js'
import * as core from '../../src/index.js'
import type { ResponderOptions } from '../../src/respond.js'
import { SERVERS as APPS, build } from '../apps/index.mjs'
import { conformanceRoutes } from '../apps/routes.mjs'
import { listenOn, start } from '../apps/serve.mjs'
import type { Actions, App, RunningServer as Running } from '../apps/types.js'
import { INTERMEDIATE_CA, LEAF, LEAF_KEY, ROOT_CA } from '../support/test-certificates.js'

/** This checkout's modules, by subpath: what the apps of test/apps are built with here. */
const SOURCE: Record<string, object> = {
  '.': core,
  elysia,
  express,
  fastify,
  fetch: fetchAdapter,
  h3,
  hono,
  koa,
  nest,
  next,
  node,
}
const load = async (subpath: string) => SOURCE[subpath] as object

export interface RunningServer extends Running {
  /** The client that speaks to this server (HTTP/2 over TLS for node:http2); else the global fetch. */
  readonly fetch?: typeof fetch
}

export type ServerFactory = (actions: Actions, options: ResponderOptions) => Promise<RunningServer>

/**
 * node:http2 over TLS, HTTP/2 only (no HTTP/1 fallback), with the app's request listener (the
 * compatibility API) or its `'stream'` listener (the core API), and a client that speaks HTTP/2 to it.
 */
async function http2(app: App): Promise<RunningServer> {
  const secure = createSecureServer({ key: LEAF_KEY, cert: `${LEAF}${INTERMEDIATE_CA}` }, app.listener)
  if (app.stream) secure.on('stream', app.stream)
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
export const HTTP2_ONLY: readonly string[] = Object.keys(APPS).filter((name) => APPS[name]?.http2)

/**
 * Frameworks whose own error handling reads a thrown value before any hook runs, unguarded: behind
 * a Request bridge, Elysia fails on a thrown `null` or a Proxy whose traps throw and sends a bare
 * 500 with no body (nothing leaks, but no problem body either). The hostile-value suites check
 * them for that weaker promise.
 */
export const UNGUARDED_BEFORE_HOOKS: readonly string[] = ['elysia 1 (fetch bridge)']

/** Every adapter, on its real framework, over real HTTP: test/apps' servers with src/'s adapters. */
export const SERVERS: Readonly<Record<string, ServerFactory>> = Object.fromEntries(
  Object.entries(APPS).map(([name, entry]) => [
    name,
    async (actions: Actions, options: ResponderOptions) => {
      const app = await build(name, { load, routes: conformanceRoutes(actions), options })
      return entry.http2 ? http2(app) : start(app)
    },
  ]),
)

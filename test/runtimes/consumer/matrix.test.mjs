// The runtime matrix's suite on Node, Bun and Deno, run by the runtime's own test runner (node
// --test, bun test, deno test) in a scratch consumer where `http-triage` is the packed package:
// its entry points, the core API, the fetch and Hono adapters (and Elysia's on Bun) over real HTTP
// on the runtime's own server (test/apps' apps, copied to ./apps), http-triage/client's suite and
// http-triage/otel. The loopback upstreams are scripts/runtime-matrix.mjs's: MATRIX_CLOSED (a
// closed port) and MATRIX_HANGING (a server that never answers).
import process from 'node:process'
import * as core from 'http-triage'
import { create as fetchApp } from './apps/fetch.mjs'
import { create as honoApp } from './apps/hono.mjs'
import { actions, conformanceRoutes } from './apps/routes.mjs'
import { serveFetch, start } from './apps/serve.mjs'
import { CLIENT_CASES, createClientHandler } from './client-suite.mjs'
import { CORE_CHECKS, upstreamChecks } from './core.mjs'
import { IMPORT_CHECKS, REQUIRE_CHECKS } from './entries.mjs'
import { httpChecks } from './http.mjs'
import { OTEL_CHECKS } from './otel.mjs'
import { test } from './runner.mjs'

const upstreams = {
  closed: process.env.MATRIX_CLOSED,
  hanging: process.env.MATRIX_HANGING,
  garbage: process.env.MATRIX_GARBAGE,
}
const setup = { core, routes: conformanceRoutes(actions(upstreams, core.httpError)), options: { log: false } }
const servers = {
  fetch: await start(await fetchApp({ ...setup, adapter: await import('http-triage/fetch') })),
  hono: await start(await honoApp({ ...setup, adapter: await import('http-triage/hono') })),
}
// Elysia on Bun, its own runtime, served by Bun.serve as its listen() does (on Node, the
// conformance suite runs it through a fetch bridge).
if (globalThis.Bun) {
  const { create } = await import('./apps/elysia.mjs')
  servers.elysia = await start(await create({ ...setup, adapter: await import('http-triage/elysia') }))
}
const clientServer = await serveFetch(createClientHandler())
const upstreamsAsThrown = await upstreamChecks(upstreams)

const register = (column, checks) => {
  for (const [name, run] of Object.entries(checks)) test(`[${column}] ${name}`, run)
}
register('import', IMPORT_CHECKS)
register('require', REQUIRE_CHECKS)
register('core', { ...CORE_CHECKS, ...upstreamsAsThrown })
for (const [column, server] of Object.entries(servers)) register(column, httpChecks(server.url))
register(
  'client',
  Object.fromEntries(
    Object.entries(CLIENT_CASES).map(([name, run]) => [
      name,
      () => run({ url: clientServer.url, closed: upstreams.closed }),
    ]),
  ),
)
register('otel', OTEL_CHECKS)
test('[core] every server closes', () =>
  Promise.all([...Object.values(servers), clientServer].map((server) => server.close())))

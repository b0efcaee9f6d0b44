// The runner for Node, Bun and Deno: checks the entry points and http-triage/otel (otel.mjs, in
// this process), serves app.mjs's handler with the runtime's own server on 127.0.0.1 (port 0),
// runs client.mjs's checks over real HTTP, then http-triage/client's suite (client-suite.mjs)
// against a second server, stops the servers and prints one `@@RESULT {json}` line for
// scripts/runtime-matrix.mjs. On Bun, Elysia's leg (elysia-app.mjs) is served beside app.mjs's handler.
// Usage: <runtime> run.mjs <closed-url> <hanging-url>
import process from 'node:process'
import { createHandler } from './app.mjs'
import { httpChecks } from './client.mjs'
import { clientChecks, createClientHandler } from './client-suite.mjs'
import { entryChecks } from './entries.mjs'
import { otelChecks } from './otel.mjs'

const [closed, hanging] = process.argv.slice(-2)
const upstreams = { closed, hanging }

function runtimeName() {
  if (typeof globalThis.Bun !== 'undefined') return `bun ${globalThis.Bun.version}`
  if (typeof globalThis.Deno !== 'undefined') return `deno ${globalThis.Deno.version.deno}`
  return `node ${process.versions.node}`
}

/** Starts `fetch` on 127.0.0.1, port 0, with the runtime's own server. */
async function serve(fetch) {
  if (typeof globalThis.Bun !== 'undefined') {
    const server = globalThis.Bun.serve({ hostname: '127.0.0.1', port: 0, fetch })
    return { url: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) }
  }
  if (typeof globalThis.Deno !== 'undefined') {
    const controller = new AbortController()
    const server = globalThis.Deno.serve(
      { hostname: '127.0.0.1', port: 0, signal: controller.signal, onListen() {} },
      fetch,
    )
    return {
      url: `http://127.0.0.1:${server.addr.port}`,
      close: async () => {
        controller.abort()
        await server.finished
      },
    }
  }
  const { serve: nodeServe } = await import('@hono/node-server')
  return new Promise((resolve) => {
    const server = nodeServe({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => {
          server.closeAllConnections?.()
          return new Promise((done) => server.close(() => done()))
        },
      })
    })
  })
}

const out = { runtime: runtimeName() }
Object.assign(out, await entryChecks())
try {
  out.otel = await otelChecks()
} catch (error) {
  out.otel = { ok: false, count: 1, failures: [`otel checks: ${error?.stack ?? error}`] }
}
const handler = createHandler()
// Elysia's leg runs on Bun, its own runtime (on Node, the conformance column runs it); its bodies
// must equal the fetch adapter's of the same run.
const elysia = globalThis.Bun ? (await import('./elysia-app.mjs')).createElysiaHandler() : undefined
const server = await serve((request) =>
  elysia && new URL(request.url).pathname.startsWith('/elysia/')
    ? elysia(request, upstreams)
    : handler(request, upstreams),
)
try {
  Object.assign(out, await httpChecks(server.url, { elysia: elysia !== undefined }))
} finally {
  await server.close()
}
const clientServer = await serve(createClientHandler())
try {
  out.client = await clientChecks({ url: clientServer.url, closed })
} catch (error) {
  out.client = { ok: false, count: 1, failures: [`client suite: ${error?.stack ?? error}`] }
} finally {
  await clientServer.close()
}
console.log(`@@RESULT ${JSON.stringify(out)}`)
process.exit(0)

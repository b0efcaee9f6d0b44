// Starts an app of test/apps on 127.0.0.1 at a free port, with the runtime's own server: a Web
// handler with Bun.serve, Deno.serve, or @hono/node-server on Node; a Node request listener with
// node:http; an app that listens itself (Fastify, Nest) with its own `start()`.

/** @returns {Promise<{ url: string, close(): Promise<void> }>} */
export function start(app) {
  if (app.start) return app.start()
  if (app.listener) return serveNode(app.listener)
  return serveFetch(app.fetch)
}

export async function serveNode(listener) {
  const { createServer } = await import('node:http')
  const server = createServer(listener)
  return listenOn(server)
}

/** `server` (node:http, http2 or a framework's) listening on 127.0.0.1, port 0. */
export function listenOn(server, scheme = 'http') {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `${scheme}://127.0.0.1:${server.address().port}`,
        close: () => {
          server.closeAllConnections?.()
          return new Promise((done) => server.close(() => done()))
        },
      }),
    )
  })
}

export async function serveFetch(fetch) {
  if (globalThis.Bun) {
    const server = globalThis.Bun.serve({ hostname: '127.0.0.1', port: 0, fetch })
    return { url: `http://127.0.0.1:${server.port}`, close: async () => server.stop(true) }
  }
  if (globalThis.Deno) {
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
  const { serve } = await import('@hono/node-server')
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => {
          server.closeAllConnections?.()
          return new Promise((done) => server.close(() => done()))
        },
      }),
    )
  })
}

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

/**
 * A loopback port that refuses connections and that no server of the run can take: one just below
 * the ephemeral ranges (Linux 32768–60999, BSD and Windows 49152–65535), where servers on port 0
 * land, and not on the Fetch standard's list of bad ports, once a connection to it is seen
 * refused; else a port that was free a moment ago (which a server started later may take).
 */
export async function closedPort() {
  const net = await import('node:net')
  const refuses = (port) =>
    new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(false)
      })
      socket.once('error', (error) => resolve(error.code === 'ECONNREFUSED'))
    })
  for (let port = 32767; port > 32757; port--) if (await refuses(port)) return port
  const probe = net.createServer()
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address()
  await new Promise((resolve) => probe.close(resolve))
  return port
}

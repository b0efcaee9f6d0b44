import type { AddressInfo } from 'node:net'
import express, { type ErrorRequestHandler, type Request } from 'express'
import { createProxyMiddleware, type Plugin, proxyEventsPlugin } from 'http-proxy-middleware'
import type { Collect, HeldOutCase } from '../case.js'
import { REFUSED, RESET, WHY } from './support/http-expect.js'
import { closedPort, startUpstream } from './support/http-upstream.js'
import { closingServer } from './support/local.js'

const library = 'http-proxy-middleware'

export const collect: Collect = async () => {
  const upstream = await startUpstream()
  const closing = await closingServer()
  const refused = await closedPort()
  // Instead of the default error page, a proxy error goes to Express's error handler.
  const toErrorHandler: Plugin = (proxyServer) => {
    proxyServer.on('error', (error, req) => {
      ;(req as Request).next?.(error)
    })
  }
  const proxy = (target: string) =>
    createProxyMiddleware({ target, ejectPlugins: true, plugins: [proxyEventsPlugin, toErrorHandler] })

  // The error that the middleware chain passes to next(err), per request.
  const errors: unknown[] = []
  const app = express()
  app.use('/api', proxy(upstream.url))
  app.use('/down', proxy(`http://127.0.0.1:${refused}`))
  app.use('/closing', proxy(`http://127.0.0.1:${closing.port}`))
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error)
    res.status(599).end()
  }
  app.use(onError)
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }

  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'the proxy target refuses the connection: ECONNREFUSED from the proxied request',
      why: WHY.refused,
      expect: REFUSED,
      error: await rejection('/down/orders'),
    })
    upstream.reply('reset')
    cases.push({
      library,
      what: 'the proxy target resets the connection after the request: ECONNRESET',
      why: WHY.reset,
      expect: RESET,
      error: await rejection('/api/orders'),
    })
    upstream.reply('garbage')
    cases.push({
      library,
      what: 'the proxy target answers bytes that are not HTTP: HPE_INVALID_CONSTANT parse error',
      why: WHY.reset,
      expect: RESET,
      error: await rejection('/api/orders'),
    })
    cases.push({
      library,
      what: 'the proxy target accepts and closes before answering: "socket hang up" ECONNRESET',
      why: WHY.reset,
      expect: RESET,
      error: await rejection('/closing/orders'),
    })
    return cases
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await upstream.close()
    await closing.close()
  }
}

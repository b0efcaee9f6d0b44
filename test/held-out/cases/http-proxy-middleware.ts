import express, { type Request } from 'express'
import { createProxyMiddleware, type Plugin, proxyEventsPlugin } from 'http-proxy-middleware'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'
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
  const app = express()
  app.use('/api', proxy(upstream.url))
  app.use('/down', proxy(`http://127.0.0.1:${refused}`))
  app.use('/closing', proxy(`http://127.0.0.1:${closing.port}`))
  const { rejection, close } = await serveErrors(app)

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
    await close()
    await upstream.close()
    await closing.close()
  }
}

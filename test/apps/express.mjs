// Express 4 or 5 (`framework`, default the installed `express`) with http-triage/express: JSON bodies
// by express.json, the routes, then `notFoundHandler()` and `errorHandler()` last. An `adapter`
// without them leaves Express's own final handler (the benchmark's baseline).
import express5 from 'express'
import { BODY_LIMIT } from './routes.mjs'

export async function create({ adapter, routes, options, framework: express = express5, bodyLimit }) {
  const app = express()
  app.use(express.json({ limit: bodyLimit ?? BODY_LIMIT }))
  for (const { method, path, run } of routes) {
    // A rejection is forwarded as Express 4 apps forward it, and as Express 5 does: a falsy one as
    // Error('Rejected promise'), since next(null) means "no error" to Express.
    app[method.toLowerCase()](path, (req, res, next) => {
      const value = run(req.body)
      if (typeof value?.then !== 'function') return res.json({ ok: true, value })
      value.then(
        (settled) => res.json({ ok: true, value: settled }),
        (error) => next(error ?? new Error('Rejected promise')),
      )
    })
  }
  app.get('/after-headers', (_req, res, next) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.write('partial')
    next(new Error('failed mid-response'))
  })
  if (adapter.notFoundHandler) app.use(adapter.notFoundHandler(options))
  if (adapter.errorHandler) app.use(adapter.errorHandler(options))
  return { app, listener: app }
}

import type { AddressInfo } from 'node:net'
import type { ErrorRequestHandler, Express } from 'express'

/** An Express app on 127.0.0.1 whose last error handler keeps every error it is passed. */
export interface ErrorServer {
  /** The app's origin, `http://127.0.0.1:<port>`. */
  readonly base: string
  /** Requests `path` and resolves with the one error the app passed to its error handler. */
  readonly rejection: (path: string, init?: RequestInit) => Promise<unknown>
  readonly close: () => Promise<void>
}

/**
 * Serves `app` (its routes and middleware in place) on 127.0.0.1, with a last error handler that
 * keeps the error it is passed and answers 599, so a collector can take the error a middleware
 * gave `next(err)` as the application's error handler receives it.
 */
export async function serveErrors(app: Express): Promise<ErrorServer> {
  const errors: unknown[] = []
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error)
    res.status(599).end()
  }
  app.use(onError)
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    rejection: async (path, init = {}) => {
      const before = errors.length
      const res = await fetch(`${base}${path}`, init)
      await res.arrayBuffer()
      if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
      return errors[before]
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

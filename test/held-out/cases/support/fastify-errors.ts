import type { FastifyInstance } from 'fastify'

/**
 * Sets `app`'s error handler to one that keeps every error it is passed and answers 599, so a
 * collector can take the error a plugin or a hook produced as the application's error handler
 * receives it. Call it where the app's own `setErrorHandler` would be: Fastify gives a plugin's
 * routes the handler of the context they were registered in.
 */
export function keepErrors(app: FastifyInstance): unknown[] {
  const errors: unknown[] = []
  app.setErrorHandler((error, _request, reply) => {
    errors.push(error)
    void reply.code(599).send()
  })
  return errors
}

/** A Fastify app listening on 127.0.0.1, and the errors its requests caused. */
export interface FastifyErrorServer {
  /** The app's origin, `http://127.0.0.1:<port>`. */
  readonly base: string
  /** Requests `path` and resolves with every error the app's error handler was passed for it. */
  readonly errorsOf: (path: string, init?: RequestInit) => Promise<unknown[]>
  /** Requests `path` and resolves with the one error the app's error handler was passed. */
  readonly rejection: (path: string, init?: RequestInit) => Promise<unknown>
}

/** Starts `app` (its routes in place) on 127.0.0.1; `errors` is what `keepErrors(app)` returned. */
export async function serveErrors(app: FastifyInstance, errors: unknown[]): Promise<FastifyErrorServer> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const base = `http://127.0.0.1:${address.port}`
  const errorsOf = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    return errors.slice(before)
  }
  return {
    base,
    errorsOf,
    rejection: async (path, init) => {
      const caused = await errorsOf(path, init)
      if (caused.length !== 1) throw new Error(`${caused.length} errors for ${path}`)
      return caused[0]
    },
  }
}

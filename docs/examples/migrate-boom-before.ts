import Boom from '@hapi/boom'
import type { ErrorRequestHandler } from 'express'

// Before: a hand-written Express handler that answers with Boom's payload.
export const boomErrorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const { output } = Boom.isBoom(error) ? error : Boom.boomify(error)
  res.status(output.statusCode).set(output.headers).json(output.payload)
}

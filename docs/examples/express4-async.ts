import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import { notFound } from 'http-triage'
import { errorHandler, notFoundHandler } from 'http-triage/express'

/**
 * Express 4 does not catch a rejected promise: forward it to next(err). Express reads
 * next(null) and next(undefined) as "no error", so a falsy rejection becomes an Error first
 * (as Express 5 does).
 */
export const asyncHandler =
  (fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler =>
  (req, res, next) => {
    fn(req, res, next).catch((error: unknown) => next(error ?? new Error('Rejected promise')))
  }

export const app = express()
app.get(
  '/orders/:id',
  asyncHandler(async (req, res) => {
    if (req.params.id !== '1') throw notFound('No such order.')
    res.json({ id: '1', total: 42 })
  }),
)
app.use(notFoundHandler())
app.use(errorHandler())

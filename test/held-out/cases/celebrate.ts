import { celebrate, Joi, Segments } from 'celebrate'
import express from 'express'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'celebrate'

export const collect: Collect = async () => {
  const app = express()
  app.use(express.json())
  const ok: express.RequestHandler = (_req, res) => {
    res.status(200).json({ ok: true })
  }
  app.post(
    '/orders',
    celebrate(
      {
        [Segments.HEADERS]: Joi.object({ 'x-tenant': Joi.string().alphanum().required() }).unknown(),
        [Segments.BODY]: Joi.object({
          sku: Joi.string().required(),
          quantity: Joi.number().integer().min(1).required(),
        }),
      },
      { abortEarly: false },
    ),
    ok,
  )
  app.get(
    '/orders/:id',
    celebrate({
      [Segments.PARAMS]: Joi.object({ id: Joi.string().guid({ version: 'uuidv4' }) }),
      [Segments.QUERY]: Joi.object({ expand: Joi.boolean() }),
    }),
    ok,
  )
  const server = await serveErrors(app)
  const post = (body: unknown, headers: Record<string, string> = { 'x-tenant': 'acme' }) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a POST body that breaks the Joi schema (CelebrateError "Validation failed", name Error, details Map body → joi ValidationError with two issues)',
        why: 'schema validation of the request body: 422',
        expect: { status: 422 },
        error: await server.rejection('/orders', post({ sku: 7, quantity: 0 })),
      },
      {
        library,
        what: 'a POST without the required x-tenant header (CelebrateError, details Map headers → joi ValidationError)',
        why: 'schema validation of the request headers: 422',
        expect: { status: 422 },
        error: await server.rejection('/orders', post({ sku: 'a-1', quantity: 2 }, {})),
      },
      {
        library,
        what: 'a path parameter that is not a UUID, GET /orders/42 (CelebrateError, details Map params)',
        why: 'schema validation of the request params: 422',
        expect: { status: 422 },
        error: await server.rejection('/orders/42'),
      },
      {
        library,
        what: 'a query value that is not a boolean, ?expand=maybe (CelebrateError, details Map query)',
        why: 'schema validation of the request query: 422',
        expect: { status: 422 },
        error: await server.rejection('/orders/9b2f6f3e-3f0a-4d0e-9a53-2a1d8f6c1b7e?expand=maybe'),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}

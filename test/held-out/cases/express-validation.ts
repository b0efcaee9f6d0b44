import express, { type RequestHandler } from 'express'
import { Joi, validate as validateV4 } from 'express-validation'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'express-validation'

// The package's types name @types/express 4's RequestHandler; at run time it is a plain middleware.
const validate = (...args: Parameters<typeof validateV4>) => validateV4(...args) as unknown as RequestHandler

export const collect: Collect = async () => {
  const app = express()
  app.use(express.json())
  const order = {
    body: Joi.object({
      sku: Joi.string().required(),
      quantity: Joi.number().integer().min(1).required(),
    }),
  }
  app.post('/orders', validate(order), (_req, res) => {
    res.json({ ok: true })
  })
  app.get(
    '/orders/:id',
    validate({ params: Joi.object({ id: Joi.string().uuid().required() }) }),
    (_req, res) => {
      res.json({ ok: true })
    },
  )
  app.get(
    '/orders',
    validate({ query: Joi.object({ limit: Joi.number().integer().max(100), cursor: Joi.string() }) }),
    (_req, res) => {
      res.json({ ok: true })
    },
  )
  app.get(
    '/reports',
    validate({
      headers: Joi.object({ 'x-api-version': Joi.string().valid('2024-01', '2025-01').required() }).unknown(
        true,
      ),
    }),
    (_req, res) => {
      res.json({ ok: true })
    },
  )
  // The same body rules, with the middleware's keyByField and statusCode options.
  app.post('/quotes', validate(order, { keyByField: true }, { abortEarly: false }), (_req, res) => {
    res.json({ ok: true })
  })
  app.post('/carts', validate(order, { statusCode: 422 }), (_req, res) => {
    res.json({ ok: true })
  })
  const server = await serveErrors(app)
  const postJson = (path: string, body: unknown) =>
    server.rejection(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'an order body without sku and with quantity 0: ValidationError "Validation Failed", statusCode 400, error "Bad Request", details.body with only the first joi item (abortEarly); no stack',
        why: 'schema validation: 422 although the library chose 400',
        expect: { status: 422 },
        error: await postJson('/orders', { quantity: 0 }),
      },
      {
        library,
        what: 'GET /orders/42 where the id must be a UUID: ValidationError statusCode 400, details.params',
        why: 'schema validation of a path parameter: 422',
        expect: { status: 422 },
        error: await server.rejection('/orders/42'),
      },
      {
        library,
        what: 'GET /orders?limit=500 (max 100): ValidationError statusCode 400, details.query',
        why: 'schema validation of the query: 422',
        expect: { status: 422 },
        error: await server.rejection('/orders?limit=500'),
      },
      {
        library,
        what: 'GET /reports without the required X-Api-Version header: ValidationError statusCode 400, details.headers',
        why: 'schema validation of a request header: 422',
        expect: { status: 422 },
        error: await server.rejection('/reports'),
      },
      {
        library,
        what: 'a quote body with two faults, keyByField: ValidationError statusCode 400 whose details is an array of { field: message }',
        why: 'schema validation: 422 although the library chose 400',
        expect: { status: 422 },
        error: await postJson('/quotes', { sku: 7, quantity: 'two' }),
      },
      {
        library,
        what: 'a cart body with quantity "many", middleware option statusCode 422: ValidationError statusCode 422, error "Unprocessable Entity"',
        why: 'schema validation (and the carried status): 422',
        expect: { status: 422 },
        error: await postJson('/carts', { sku: 'A-1', quantity: 'many' }),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}

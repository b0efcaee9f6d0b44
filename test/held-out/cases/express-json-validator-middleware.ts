import express from 'express'
import { Validator } from 'express-json-validator-middleware'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'express-json-validator-middleware'

export const collect: Collect = async () => {
  const validator = new Validator({ allErrors: true })
  // The package bundles @types/express 4; its handlers are Express middleware all the same.
  const validate = (schemas: Parameters<typeof validator.validate>[0]) =>
    validator.validate(schemas) as unknown as express.RequestHandler
  const app = express()
  app.use(express.json())
  const ok: express.RequestHandler = (_req, res) => {
    res.status(200).json({ ok: true })
  }
  app.post(
    '/addresses',
    validate({
      body: {
        type: 'object',
        required: ['street', 'postcode'],
        additionalProperties: false,
        properties: {
          street: { type: 'string', minLength: 1 },
          postcode: { type: 'string', pattern: '^[0-9]{5}$' },
        },
      },
    }),
    ok,
  )
  app.get(
    '/addresses',
    validate({
      query: {
        type: 'object',
        properties: { page: { type: 'string', pattern: '^[1-9][0-9]*$' } },
      },
    }),
    ok,
  )
  const server = await serveErrors(app)
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a POST body that breaks the JSON Schema (JsonSchemaValidationError, validationErrors.body = ajv errors, no status)',
        why: 'schema validation of the request body: 422',
        expect: { status: 422 },
        error: await server.rejection('/addresses', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ postcode: 'N1 9GU', country: 'UK' }),
        }),
      },
      {
        library,
        what: 'a query parameter that breaks its pattern, ?page=0 (JsonSchemaValidationError, validationErrors.query)',
        why: 'schema validation of the request query: 422',
        expect: { status: 422 },
        error: await server.rejection('/addresses?page=0'),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}

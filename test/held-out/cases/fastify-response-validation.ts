import responseValidation from '@fastify/response-validation'
import Fastify from 'fastify'
import type { Collect, HeldOutCase } from '../case.js'
import { keepErrors, serveErrors } from './support/fastify-errors.js'

const library = '@fastify/response-validation'

export const collect: Collect = async () => {
  const app = Fastify({ logger: false })
  const errors = keepErrors(app)
  await app.register(responseValidation, { responseStatusCodeValidation: true })
  const user = {
    type: 'object',
    required: ['id', 'email'],
    properties: { id: { type: 'integer' }, email: { type: 'string', pattern: '@' } },
  }
  // A handler whose reply breaks its own documented response schema (our bug).
  app.get('/users/:id', { schema: { response: { 200: user } } }, async () => ({ id: 'u-1', email: 'ada' }))
  // A handler that answers 202, a status its schema does not document.
  app.post('/users', { schema: { response: { 201: user } } }, async (_request, reply) => {
    void (reply as { code(status: number): unknown }).code(202)
    return { id: 1, email: 'ada@example.com' }
  })
  // A handler that answers a JSON media type its schema does not document.
  app.get(
    '/users/:id/card',
    { schema: { response: { 200: { content: { 'application/json': { schema: user } } } } } },
    async (_request, reply) => {
      void reply.type('application/vnd.api+json')
      return { id: 1, email: 'ada@example.com' }
    },
  )
  const server = await serveErrors(app, errors)
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a reply whose id is a string and email without an @: FST_RESPONSE_VALIDATION_FAILED_VALIDATION statusCode 500 (ajv text in the message)',
        why: 'our own bug (a response that breaks our schema): 500, not a 422',
        expect: { status: 500 },
        error: await server.rejection('/users/7'),
      },
      {
        library,
        what: 'a reply with status 202 that the route schema does not list (responseStatusCodeValidation): FST_RESPONSE_VALIDATION_SCHEMA_NOT_DEFINED "No schema defined for status code 202", statusCode 500',
        why: 'our own bug: 500',
        expect: { status: 500 },
        error: await server.rejection('/users', { method: 'POST' }),
      },
      {
        library,
        what: 'an application/vnd.api+json reply where the schema lists only application/json: FST_RESPONSE_VALIDATION_SCHEMA_NOT_DEFINED "No schema defined for media type application/vnd.api+json"',
        why: 'our own bug: 500',
        expect: { status: 500 },
        error: await server.rejection('/users/7/card'),
      },
    )
    return cases
  } finally {
    await app.close()
  }
}

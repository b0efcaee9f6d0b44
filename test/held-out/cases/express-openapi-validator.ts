import express from 'express'
import * as OpenApiValidator from 'express-openapi-validator'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'

const library = 'express-openapi-validator'

/** A small OpenAPI 3 document: a list and a create of tasks, behind an API key. */
const spec = {
  openapi: '3.0.3',
  info: { title: 'tasks', version: '1.0.0' },
  components: {
    securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
  },
  paths: {
    '/tasks': {
      get: {
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }],
        responses: { '200': { description: 'ok' } },
      },
      post: {
        security: [{ apiKey: [] }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['title'],
                additionalProperties: false,
                properties: {
                  title: { type: 'string', minLength: 1 },
                  due: { type: 'string', format: 'date' },
                },
              },
            },
          },
        },
        responses: { '201': { description: 'created' } },
      },
    },
  },
} as const

export const collect: Collect = async () => {
  const app = express()
  app.use(express.json())
  app.use(
    OpenApiValidator.middleware({
      apiSpec: spec as never,
      validateRequests: true,
      validateResponses: false,
      validateSecurity: { handlers: { apiKey: (req) => req.headers['x-api-key'] === 'k-live' } },
    }),
  )
  app.all('/tasks', (_req, res) => {
    res.status(200).json({ ok: true })
  })
  const server = await serveErrors(app)
  const post = (body: string, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k-live', ...headers },
    body,
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: 'a POST body that breaks the OpenAPI schema (BadRequest, status 400, errors[] with path and message)',
        why: 'schema validation of the request body: 422, although it carries 400 (as Fastify FST_ERR_VALIDATION)',
        expect: { status: 422 },
        error: await server.rejection(
          '/tasks',
          post(JSON.stringify({ title: '', due: 'tomorrow', extra: 1 })),
        ),
      },
      {
        library,
        what: 'a query parameter outside its schema, ?limit=500 (BadRequest, status 400)',
        why: 'schema validation of the request: 422, although it carries 400',
        expect: { status: 422 },
        error: await server.rejection('/tasks?limit=500'),
      },
      {
        library,
        what: 'a POST without the API key the security scheme requires (Unauthorized, status 401)',
        why: 'carries a status: 401',
        expect: { status: 401 },
        error: await server.rejection(
          '/tasks',
          post(JSON.stringify({ title: 'x' }), { 'x-api-key': 'wrong' }),
        ),
      },
      {
        library,
        what: 'a path the OpenAPI document does not have (NotFound, status 404)',
        why: 'carries a status: 404',
        expect: { status: 404 },
        error: await server.rejection('/projects'),
      },
      {
        library,
        what: 'a method the path does not have, DELETE /tasks (MethodNotAllowed, status 405, headers.Allow)',
        why: 'carries a status: 405, with its Allow header',
        expect: { status: 405, headers: { allow: 'POST, GET' } },
        error: await server.rejection('/tasks', { method: 'DELETE' }),
      },
      {
        library,
        what: 'a POST body sent as text/plain where only JSON is declared (UnsupportedMediaType, status 415)',
        why: 'size / type: unsupported media type, 415',
        expect: { status: 415 },
        error: await server.rejection('/tasks', post('title=x', { 'content-type': 'text/plain' })),
      },
    )
    return cases
  } finally {
    await server.close()
  }
}

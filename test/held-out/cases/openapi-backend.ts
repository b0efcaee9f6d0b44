import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Document, OpenAPIBackend } from 'openapi-backend'
import type { Collect, HeldOutCase } from '../case.js'
import { handlerServer } from './support/handler-errors.js'

const library = 'openapi-backend'

const definition = {
  openapi: '3.0.3',
  info: { title: 'pets', version: '1.0.0' },
  components: {
    securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
  },
  paths: {
    '/pets': {
      get: { operationId: 'listPets', responses: { '200': { description: 'ok' } } },
      post: {
        operationId: 'createPet',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                additionalProperties: false,
                properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer', minimum: 0 } },
              },
            },
          },
        },
        responses: { '201': { description: 'created' } },
      },
    },
    '/pets/{id}': {
      get: {
        operationId: 'getPet',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: 'ok' } },
      },
      delete: {
        operationId: 'deletePet',
        security: [{ apiKey: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '204': { description: 'gone' } },
      },
    },
    '/pets/{id}/vaccinations': {
      get: {
        operationId: 'listVaccinations',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
} as unknown as Document

export const collect: Collect = async () => {
  // strict: fail closed (no validationFail / notFound / unauthorizedHandler registered): the app's
  // error handler receives what openapi-backend throws.
  const api = new OpenAPIBackend({ definition, strict: true })
  api.register({
    listPets: () => [],
    createPet: () => ({ id: 1 }),
    getPet: () => ({ id: 1 }),
    deletePet: () => null,
  })
  api.registerSecurityHandler('apiKey', (c) => c.request.headers['x-api-key'] === 'k-123')
  await api.init()
  const dir = mkdtempSync(join(tmpdir(), 'oab-'))
  const server = await handlerServer(async (request) => {
    if (request.path === '/admin/load') {
      // Loads a second API from a spec file on disk (plugin-style), in strict mode.
      const file = join(dir, 'spec.json')
      writeFileSync(file, request.text)
      const other = new OpenAPIBackend({ definition: file, strict: true })
      if (request.query.get('register')) other.register(request.query.get('register') ?? '', () => null)
      await other.init()
      return { ok: true }
    }
    return api.handleRequest({
      method: request.method,
      path: request.path,
      query: Object.fromEntries(request.query),
      headers: request.headers as Record<string, string>,
      body: request.text ? (JSON.parse(request.text) as unknown) : undefined,
    })
  })
  const json = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push(
      {
        library,
        what: "GET /owners (no such path in the spec, no notFound handler): Error '404-notFound: no route matches request'",
        why: 'not found: 404 (the route does not exist)',
        expect: { status: 404 },
        error: await server.caught('/owners'),
      },
      {
        library,
        what: "PUT /pets (path exists, method does not; no methodNotAllowed handler): Error '405-methodNotAllowed: this method is not registered for the route'",
        why: 'method not allowed: 405 (the status the library names)',
        expect: { status: 405 },
        error: await server.caught('/pets', json('PUT', { name: 'x' })),
      },
      {
        library,
        what: "POST /pets with {name: '', color: 'red'} against the schema, strict mode, no validationFail handler: Error '400-validationFail: createPet request failed validation…'",
        why: 'schema validation of the client body: 422 (the library names 400; policy says validation is 422)',
        expect: { status: 422 },
        error: await server.caught('/pets', json('POST', { name: '', color: 'red' })),
      },
      {
        library,
        what: "GET /pets/rex where {id} is an integer: Error '400-validationFail: getPet request failed validation…'",
        why: 'schema validation of a path parameter: 422 (library names 400; ambiguous, could be read as malformed syntax 400)',
        expect: { status: 422 },
        error: await server.caught('/pets/rex'),
      },
      {
        library,
        what: "DELETE /pets/1 without the x-api-key header (strict, no unauthorizedHandler): Error '401-unauthorized: deletePet request did not satisfy security requirements…'",
        why: 'auth: missing credentials, 401',
        expect: { status: 401 },
        error: await server.caught('/pets/1', { method: 'DELETE' }),
      },
      {
        library,
        what: "DELETE /pets/1 with a wrong x-api-key: Error '401-unauthorized: …'",
        why: 'auth: invalid credentials, 401',
        expect: { status: 401 },
        error: await server.caught('/pets/1', { method: 'DELETE', headers: { 'x-api-key': 'nope' } }),
      },
      {
        library,
        what: "GET /pets/1/vaccinations: the operation is in the spec but we registered no handler: Error '501-notImplemented: listVaccinations no handler registered'",
        why: 'explicit not-implemented: 501',
        expect: { status: 501 },
        error: await server.caught('/pets/1/vaccinations'),
      },
      {
        library,
        what: "POST /admin/load with a spec missing `info` and with a path that has no responses, strict mode: Error 'Document is not valid OpenAPI. N validation errors: …' from init()",
        why: 'our misconfiguration (invalid spec): 500',
        expect: { status: 500 },
        error: await server.caught(
          '/admin/load',
          json('POST', { openapi: '3.0.3', paths: { '/x': { get: { operationId: 'x' } } } }),
        ),
      },
      {
        library,
        what: "POST /admin/load?register=getPett registering a handler for an operationId the spec lacks, strict mode: Error 'Unknown operationId getPett. Refusing to register handler'",
        why: 'our bug (typo in operationId): 500',
        expect: { status: 500 },
        error: await server.caught('/admin/load?register=getPett', json('POST', definition)),
      },
    )
    return cases
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

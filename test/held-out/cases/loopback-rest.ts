import { type HandlerContext, HttpErrors, RestApplication, RestBindings } from '@loopback/rest'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@loopback/rest'

// A LoopBack 4 REST application on 127.0.0.1 with handler routes described by OpenAPI specs. The
// sequence's `reject` action (the application's error handler) is rebound to keep every error.
export const collect: Collect = async () => {
  const errors: unknown[] = []
  const app = new RestApplication({ rest: { port: 0, host: '127.0.0.1', openApiSpec: { disabled: true } } })
  app.bind(RestBindings.SequenceActions.REJECT).to(({ response }: HandlerContext, error: Error) => {
    errors.push(error)
    response.statusCode = 599
    response.end()
  })
  const ok = { '200': { description: 'ok' } }
  const users = new Map([['1', { id: 1, email: 'a@example.test' }]])
  app.route(
    'get',
    '/users/{id}',
    {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: ok,
    },
    (id: number) => {
      const user = users.get(String(id))
      if (!user) throw new HttpErrors.NotFound(`User ${id} not found`)
      return user
    },
  )
  app.route(
    'get',
    '/search',
    {
      parameters: [
        { name: 'q', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'since', in: 'query', schema: { type: 'string', format: 'date' } },
      ],
      responses: ok,
    },
    (q: string) => [q],
  )
  app.route(
    'post',
    '/users',
    {
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['email'],
              properties: {
                email: { type: 'string', format: 'email' },
                age: { type: 'integer', minimum: 18 },
              },
              additionalProperties: false,
            },
          },
        },
      },
      responses: ok,
    },
    (body: { email: string }) => {
      if ([...users.values()].some((u) => u.email === body.email))
        throw new HttpErrors.Conflict(`Email ${body.email} is already registered`)
      return { id: 2 }
    },
  )
  app.route(
    'delete',
    '/users/{id}',
    {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
        { name: 'authorization', in: 'header', schema: { type: 'string' } },
      ],
      responses: ok,
    },
    (_id: number, authorization?: string) => {
      if (!authorization) throw new HttpErrors.Unauthorized('Authorization header is required')
      throw new HttpErrors.Forbidden('Only admins may delete users')
    },
  )
  app.route('get', '/stats', { responses: ok }, () => {
    throw new Error('stats cache is not initialised')
  })
  await app.start()
  const base = app.restServer.url!
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const post = (body: string, type = 'application/json'): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': type },
    body,
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /nowhere: no route; the router hands HttpErrors.NotFound ("Endpoint "GET /nowhere" not found.")',
      why: 'errors that carry a status: route not found, 404',
      expect: { status: 404 },
      error: await rejection('/nowhere'),
    })
    cases.push({
      library,
      what: 'PATCH /users/1: path exists for other verbs only; the router hands HttpErrors.NotFound',
      why: 'errors that carry a status: 404 (the framework has no 405)',
      expect: { status: 404 },
      error: await rejection('/users/1', { method: 'PATCH' }),
    })
    cases.push({
      library,
      what: 'GET /users/abc: integer path parameter got "abc"; BadRequest with code INVALID_PARAMETER_VALUE',
      why: 'schema validation of client input (parameter schema type): 422 although the framework says 400',
      expect: { status: 422 },
      error: await rejection('/users/abc'),
    })
    cases.push({
      library,
      what: 'GET /search without ?q: BadRequest with code MISSING_REQUIRED_PARAMETER',
      why: 'schema validation of client input (a required parameter is missing): 422 although the framework says 400',
      expect: { status: 422 },
      error: await rejection('/search'),
    })
    cases.push({
      library,
      what: 'GET /search?q=x&since=yesterday: date-format query parameter; BadRequest with code INVALID_PARAMETER_VALUE',
      why: 'schema validation of client input (format date): 422 although the framework says 400',
      expect: { status: 422 },
      error: await rejection('/search?q=x&since=yesterday'),
    })
    cases.push({
      library,
      what: 'POST /users {email:"nope",age:3,admin:true}: body failed the JSON schema; UnprocessableEntity code VALIDATION_FAILED with details',
      why: 'schema validation of client input: 422',
      expect: { status: 422 },
      error: await rejection('/users', post(JSON.stringify({ email: 'nope', age: 3, admin: true }))),
    })
    cases.push({
      library,
      what: 'POST /users with an empty body although the body is required: BadRequest code MISSING_REQUIRED_PARAMETER',
      why: 'schema validation of client input (required body missing): 422 although the framework says 400',
      expect: { status: 422 },
      error: await rejection('/users', { method: 'POST', headers: { 'content-type': 'application/json' } }),
    })
    cases.push({
      library,
      what: 'POST /users with Content-Type text/csv: UnsupportedMediaType code UNSUPPORTED_MEDIA_TYPE',
      why: 'unsupported media type: 415',
      expect: { status: 415 },
      error: await rejection('/users', post('email\na@example.test', 'text/csv')),
    })
    cases.push({
      library,
      what: 'POST /users with a taken email: handler threw HttpErrors.Conflict',
      why: 'conflicts: 409 carried by the error',
      expect: { status: 409 },
      error: await rejection('/users', post(JSON.stringify({ email: 'a@example.test' }))),
    })
    cases.push({
      library,
      what: 'GET /users/7: handler threw HttpErrors.NotFound("User 7 not found")',
      why: "client's missing resource: 404",
      expect: { status: 404 },
      error: await rejection('/users/7'),
    })
    cases.push({
      library,
      what: 'DELETE /users/1 without Authorization: handler threw HttpErrors.Unauthorized',
      why: 'errors that carry a status: 401',
      expect: { status: 401 },
      error: await rejection('/users/1', { method: 'DELETE' }),
    })
    cases.push({
      library,
      what: 'DELETE /users/1 as a non-admin: handler threw HttpErrors.Forbidden',
      why: 'errors that carry a status: 403',
      expect: { status: 403 },
      error: await rejection('/users/1', { method: 'DELETE', headers: { authorization: 'Bearer user' } }),
    })
    cases.push({
      library,
      what: 'GET /stats: handler threw a plain Error',
      why: 'everything else: plain Error is 500',
      expect: { status: 500 },
      error: await rejection('/stats'),
    })
  } finally {
    await app.stop()
  }
  return cases
}

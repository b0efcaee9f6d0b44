import { setTimeout as sleep } from 'node:timers/promises'
import Boom from '@hapi/boom'
import Hapi from '@hapi/hapi'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@hapi/hapi'

const fail = (message: string) => {
  throw new Error(message)
}

// A hapi server on 127.0.0.1 with a custom bearer auth scheme, function validators and a server
// timeout. An onPreResponse extension (where applications handle errors) keeps every error.
export const collect: Collect = async () => {
  const errors: unknown[] = []
  const server = Hapi.server({ port: 0, host: '127.0.0.1', debug: false })
  server.auth.scheme('bearer', () => ({
    authenticate(request, h) {
      const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '')
      if (token === 'admin') return h.authenticated({ credentials: { user: 'ann', scope: ['admin'] } })
      if (token === 'user') return h.authenticated({ credentials: { user: 'bob', scope: ['user'] } })
      if (!token) throw Boom.unauthorized(null, 'Bearer')
      return h.unauthenticated(new Error('Unknown token'), { credentials: {} })
    },
  }))
  server.auth.strategy('token', 'bearer')
  server.ext('onPreResponse', (request, h) => {
    const response = request.response as any
    if (response?.isBoom) {
      errors.push(response)
      return h.response().code(599)
    }
    return h.continue
  })
  server.route([
    {
      method: 'POST',
      path: '/users',
      options: {
        validate: {
          payload: (value: any) =>
            typeof value?.email === 'string' && value.email.includes('@')
              ? value
              : fail('"email" must be a valid email'),
        },
      },
      handler: () => ({ id: 1 }),
    },
    {
      method: 'GET',
      path: '/users/{id}',
      options: {
        validate: {
          params: (value: any) => (/^\d+$/.test(value.id) ? value : fail('"id" must be a number')),
          query: (value: any) =>
            value.fields === undefined || value.fields === 'basic' ? value : fail('"fields" must be [basic]'),
        },
        response: {
          schema: (value: any) => (typeof value?.name === 'string' ? value : fail('"name" is required')),
        },
      },
      handler: (request) => (request.params.id === '1' ? { id: 1, name: 'Ann' } : { id: 2 }),
    },
    {
      method: 'GET',
      path: '/admin',
      options: { auth: { strategy: 'token', access: { scope: ['admin'] } } },
      handler: () => ({ ok: true }),
    },
    {
      method: 'GET',
      path: '/report',
      options: { timeout: { server: 50 } },
      handler: async () => {
        await sleep(300)
        return { rows: 0 }
      },
    },
    {
      method: 'GET',
      path: '/stats',
      handler: () => {
        throw new Error('stats cache is not initialised')
      },
    },
  ])
  await server.start()
  const base = server.info.uri
  const rejection = async (path: string, init: RequestInit = {}) => {
    const before = errors.length
    const res = await fetch(`${base}${path}`, init)
    await res.arrayBuffer()
    if (errors.length !== before + 1) throw new Error(`no error for ${path} (${res.status})`)
    return errors[before]
  }
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const cases: HeldOutCase[] = []
  try {
    cases.push({
      library,
      what: 'GET /nowhere: no route; the router answers a Boom notFound (isBoom, output.statusCode 404)',
      why: 'errors that carry a status: route not found, 404',
      expect: { status: 404 },
      error: await rejection('/nowhere'),
    })
    cases.push({
      library,
      what: 'POST /users {email:"nope"}: payload validator rejected; Boom badRequest "Invalid request payload input" (400)',
      why: 'schema validation of client input: 422 although the framework says 400',
      expect: { status: 422 },
      error: await rejection('/users', json({ email: 'nope' })),
    })
    cases.push({
      library,
      what: 'GET /users/abc: params validator rejected; Boom badRequest "Invalid request params input" (400)',
      why: 'schema validation of client input: 422 although the framework says 400',
      expect: { status: 422 },
      error: await rejection('/users/abc'),
    })
    cases.push({
      library,
      what: 'GET /users/1?fields=all: query validator rejected; Boom badRequest "Invalid request query input" (400)',
      why: 'schema validation of client input: 422 although the framework says 400',
      expect: { status: 422 },
      error: await rejection('/users/1?fields=all'),
    })
    cases.push({
      library,
      what: 'GET /users/2: our handler returned an object without "name"; response validation failed, Boom badImplementation (500)',
      why: 'our own programmer error (the response failed our schema): 500',
      expect: { status: 500 },
      error: await rejection('/users/2'),
    })
    cases.push({
      library,
      what: 'GET /admin without a token: the scheme threw Boom.unauthorized(null, "Bearer"); hapi hands a 401 Boom with a WWW-Authenticate challenge',
      why: "auth failure of the client's credentials: 401 with WWW-Authenticate",
      expect: { status: 401, headers: { 'www-authenticate': 'Bearer' } },
      error: await rejection('/admin'),
    })
    cases.push({
      library,
      what: 'GET /admin with an unknown token: the scheme passed a plain Error to h.unauthenticated; hapi boomified it as 500',
      why: 'a plain Error carries no status (the app misused the auth API): 500',
      expect: { status: 500 },
      error: await rejection('/admin', { headers: { authorization: 'Bearer nope' } }),
    })
    cases.push({
      library,
      what: 'GET /admin with a user token lacking the admin scope: Boom forbidden "Insufficient scope" (403)',
      why: 'errors that carry a status: 403',
      expect: { status: 403 },
      error: await rejection('/admin', { headers: { authorization: 'Bearer user' } }),
    })
    cases.push({
      library,
      what: 'GET /report: handler took longer than the route server timeout (50 ms); Boom serverUnavailable (503)',
      why: 'errors that carry a status: the framework chose 503 for its own handler timeout',
      expect: { status: 503 },
      error: await rejection('/report'),
    })
    cases.push({
      library,
      what: 'GET /stats: handler threw a plain Error; hapi boomified it in place (isBoom, output.statusCode 500)',
      why: 'everything else: plain Error is 500',
      expect: { status: 500 },
      error: await rejection('/stats'),
    })
  } finally {
    await server.stop({ timeout: 500 })
  }
  return cases
}

import type { AddressInfo } from 'node:net'
import { Controller, ExpressTemplateService, type TsoaRoute } from '@tsoa/runtime'
import express, { type NextFunction, type Request, type Response } from 'express'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@tsoa/runtime'

const models: TsoaRoute.Models = {
  CreateUser: {
    dataType: 'refObject',
    properties: {
      email: { dataType: 'string', required: true, validators: { pattern: { value: '^\\S+@\\S+$' } } },
      age: { dataType: 'integer', validators: { minimum: { value: 18 } } },
    },
    additionalProperties: false,
  },
}

class UsersController extends Controller {
  public async create(body: { email: string }): Promise<{ id: number; email: string }> {
    return { id: 2, email: body.email }
  }
  public async list(_tenant: string, _limit?: number): Promise<unknown[]> {
    throw new Error('tenant directory is not loaded')
  }
  public async get(id: number): Promise<{ id: number }> {
    return { id }
  }
}

// Routes written the way tsoa's generated routes file wires them into an express app on
// 127.0.0.1: the runtime's template service validates the arguments and calls the controller;
// the app's error middleware keeps every error passed to next().
export const collect: Collect = async () => {
  const errors: unknown[] = []
  const templateService = new ExpressTemplateService(models, {
    noImplicitAdditionalProperties: 'throw-on-extras',
    bodyCoercion: true,
  })
  const app = express()
  app.use(express.json())
  const route =
    (args: Record<string, TsoaRoute.ParameterSchema>, methodName: string, successStatus = 200) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const validatedArgs = templateService.getValidatedArgs({ args, request: req, response: res })
        await templateService.apiHandler({
          methodName,
          controller: new UsersController(),
          response: res,
          next,
          validatedArgs,
          successStatus,
        })
      } catch (err) {
        next(err)
      }
    }
  app.post(
    '/users',
    route({ body: { in: 'body', name: 'body', required: true, ref: 'CreateUser' } }, 'create', 201),
  )
  app.get(
    '/users',
    route(
      {
        tenant: { in: 'header', name: 'x-tenant', required: true, dataType: 'string' },
        limit: {
          in: 'query',
          name: 'limit',
          dataType: 'integer',
          validators: { maximum: { value: 100 } },
        },
      },
      'list',
    ),
  )
  app.get('/users/:id', route({ id: { in: 'path', name: 'id', required: true, dataType: 'integer' } }, 'get'))
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    errors.push(err)
    res.status(599).end()
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
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
      what: 'POST /users {email:"nope",age:12}: body failed the model; ValidateError (status 400) with fields body.email / body.age',
      why: 'schema validation of client input: 422 although the runtime says 400',
      expect: { status: 422 },
      error: await rejection('/users', json({ email: 'nope', age: 12 })),
    })
    cases.push({
      library,
      what: 'POST /users with an extra "role" property under throw-on-extras: ValidateError (status 400)',
      why: 'schema validation of client input (additional property): 422',
      expect: { status: 422 },
      error: await rejection('/users', json({ email: 'a@example.test', role: 'admin' })),
    })
    cases.push({
      library,
      what: 'GET /users/abc: integer path parameter got "abc"; ValidateError (status 400)',
      why: 'schema validation of client input (parameter type): 422',
      expect: { status: 422 },
      error: await rejection('/users/abc'),
    })
    cases.push({
      library,
      what: 'GET /users?limit=500 with x-tenant: query parameter above its maximum 100; ValidateError (status 400)',
      why: 'schema validation of client input: 422',
      expect: { status: 422 },
      error: await rejection('/users?limit=500', { headers: { 'x-tenant': 't1' } }),
    })
    cases.push({
      library,
      what: 'GET /users without the required x-tenant header: ValidateError (status 400)',
      why: 'schema validation of client input (required header): 422',
      expect: { status: 422 },
      error: await rejection('/users'),
    })
    cases.push({
      library,
      what: 'GET /users with valid arguments: controller method threw a plain Error, passed on by apiHandler to next()',
      why: 'everything else: plain Error is 500',
      expect: { status: 500 },
      error: await rejection('/users?limit=5', { headers: { 'x-tenant': 't1' } }),
    })
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
  return cases
}

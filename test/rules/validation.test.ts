import 'reflect-metadata'
import { BadRequestException, ConflictException, ValidationPipe } from '@nestjs/common'
import { Ajv } from 'ajv'
import { IsEmail, Min, ValidateNested, validateOrReject } from 'class-validator'
import { Elysia, t } from 'elysia'
import Fastify from 'fastify'
import Fastify4 from 'fastify4'
import Joi from 'joi'
import mongoose from 'mongoose'
import { DataTypes, Sequelize, UniqueConstraintError, ValidationErrorItem } from 'sequelize'
import * as ss from 'superstruct'
import * as v from 'valibot'
import { afterAll, describe, expect, it } from 'vitest'
import * as yup from 'yup'
import { z } from 'zod'
import * as zm from 'zod/mini'
import { z as z3 } from 'zod3'
import { type Classification, classify, createClassifier, serialize } from '../../src/index.js'

async function rejection(run: () => unknown): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

function expectValidation(c: Classification, rule: string): void {
  expect(c).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', retryable: false, expose: false, rule })
  expect(c.message).toBe('The request did not pass validation.')
}

const order = z.object({
  items: z.array(z.object({ qty: z.number().min(1) })),
  email: z.email(),
})

describe('zod 4', () => {
  it('is 422 with a dotted path per issue, although `issues` is not enumerable', async () => {
    const error = await rejection(() => order.parse({ items: [{ qty: 0 }], email: 'nope' }))
    expect(Object.keys(error as object)).not.toContain('issues')
    const c = classify(error)
    expectValidation(c, 'validation:zod')
    expect(c.details).toEqual([
      { path: 'items.0.qty', code: 'too_small', message: 'Too small: expected number to be >=1' },
      { path: 'email', code: 'invalid_format', message: 'Invalid email address' },
    ])
  })

  it('never shows the message of the ZodError, which is the JSON of its issues', async () => {
    const error = (await rejection(() => order.parse({ items: [], email: 'x' }))) as Error
    expect(classify(error).message).not.toContain(error.message)
  })

  it('recognises zod mini / core `$ZodError`', async () => {
    const error = await rejection(() => zm.parse(zm.object({ a: zm.string() }), { a: 1 }))
    expect((error as Error).name).toBe('$ZodError')
    const c = classify(error)
    expectValidation(c, 'validation:zod')
    expect(c.details).toEqual([
      { path: 'a', code: 'invalid_type', message: expect.stringContaining('expected string') },
    ])
  })

  it('drops a message that repeats the input when zod reports it (reportInput)', async () => {
    const error = await rejection(() => z.string().min(50).parse('hunter2-password', { reportInput: true }))
    const c = classify(error)
    expect(c.details).toHaveLength(1)
    expect(JSON.stringify(c.details)).not.toContain('hunter2')
  })

  it('caps the number of issues', async () => {
    const error = await rejection(() => z.array(z.string()).parse(Array.from({ length: 300 }, (_, i) => i)))
    const c = classify(error)
    expect(c.details?.length).toBe(50)
    expect(c.details?.[49]?.path).toBe('49')
  })

  it('is found behind an app wrapper', async () => {
    const zodError = await rejection(() => order.parse({}))
    const c = classify(new Error('createOrder failed', { cause: zodError }))
    expectValidation(c, 'validation:zod')
    expect(c.cause).toBe(zodError)
  })

  it('can be made a 400 by an override of the code or the rule', async () => {
    const error = await rejection(() => order.parse({}))
    expect(createClassifier({ overrides: { VALIDATION_FAILED: 400 } })(error).status).toBe(400)
    expect(createClassifier({ overrides: { 'validation:zod': 400 } })(error).status).toBe(400)
    expect(createClassifier({ overrides: { 'validation:joi': 400 } })(error).status).toBe(422)
  })
})

describe('zod 3', () => {
  it('is 422 with paths and codes', async () => {
    const error = await rejection(() =>
      z3.object({ user: z3.object({ age: z3.number().int() }) }).parse({ user: { age: 'x' } }),
    )
    const c = classify(error)
    expectValidation(c, 'validation:zod')
    expect(c.details).toEqual([
      { path: 'user.age', code: 'invalid_type', message: 'Expected number, received string' },
    ])
  })

  it('hides the enum message, which echoes the rejected value', async () => {
    const error = await rejection(() =>
      z3.object({ role: z3.enum(['admin', 'user']) }).parse({ role: 'secret-role' }),
    )
    expect(JSON.stringify((error as { issues: unknown }).issues)).toContain('secret-role')
    const c = classify(error)
    expect(c.details).toEqual([{ path: 'role', code: 'invalid_enum_value', message: 'Invalid value.' }])
  })
})

describe('joi', () => {
  const schema = Joi.object({
    name: Joi.string().required(),
    items: Joi.array().items(Joi.object({ qty: Joi.number().min(1) })),
    code: Joi.string().pattern(/^[A-Z]+$/),
  })

  it('is 422 from Joi.assert with every detail', () => {
    let error: unknown
    try {
      Joi.assert({ items: [{ qty: 0 }] }, schema, { abortEarly: false })
    } catch (e) {
      error = e
    }
    expect((error as { constructor: { name: string } }).constructor.name).toBe('')
    const c = classify(error)
    expectValidation(c, 'validation:joi')
    expect(c.details).toEqual([
      { path: 'name', code: 'any.required', message: '"name" is required' },
      {
        path: 'items.0.qty',
        code: 'number.min',
        message: '"items[0].qty" must be greater than or equal to 1',
      },
    ])
  })

  it('is 422 from validateAsync, and hides a message that quotes the value', async () => {
    const error = await rejection(() => schema.validateAsync({ name: 'a', code: 'lower-secret' }))
    expect((error as Error).message).toContain('lower-secret')
    const c = classify(error)
    expectValidation(c, 'validation:joi')
    expect(c.details).toEqual([{ path: 'code', code: 'string.pattern.base', message: 'Invalid value.' }])
  })
})

describe('yup', () => {
  const schema = yup.object({
    name: yup.string().required(),
    items: yup.array(yup.object({ qty: yup.number().min(1) })),
  })

  it('is 422 with one detail per inner error and dotted paths', async () => {
    const error = await rejection(() => schema.validate({ items: [{ qty: 0 }] }, { abortEarly: false }))
    const c = classify(error)
    expectValidation(c, 'validation:yup')
    expect(c.details).toEqual([
      { path: 'name', code: 'optionality', message: 'name is a required field' },
      { path: 'items.0.qty', code: 'min', message: 'items[0].qty must be greater than or equal to 1' },
    ])
  })

  it('reads a single error (abortEarly) from the error itself', () => {
    let error: unknown
    try {
      yup.number().validateSync('12abc')
    } catch (e) {
      error = e
    }
    const c = classify(error)
    expectValidation(c, 'validation:yup')
    // yup's typeError message is "… (cast from the value `"12abc"`)": it is replaced.
    expect(c.details).toEqual([{ path: '', code: 'typeError', message: 'Invalid value.' }])
  })
})

describe('valibot', () => {
  it('is 422 with `{ key }` paths, without the received value', () => {
    let error: unknown
    try {
      v.parse(
        v.object({ items: v.array(v.object({ qty: v.pipe(v.number(), v.minValue(1)) })), tag: v.string() }),
        {
          items: [{ qty: 77 }, { qty: -5 }],
          tag: 'ok',
        },
      )
    } catch (e) {
      error = e
    }
    expect((error as Error).name).toBe('ValiError')
    const c = classify(error)
    expectValidation(c, 'validation:valibot')
    expect(c.details).toEqual([{ path: 'items.1.qty', code: 'min_value', message: 'Invalid value.' }])
  })

  it('keeps a message that does not repeat the value', () => {
    let error: unknown
    try {
      v.parse(v.object({ email: v.pipe(v.string(), v.email('Enter an email address')) }), { email: 'nope' })
    } catch (e) {
      error = e
    }
    expect(classify(error).details).toEqual([
      { path: 'email', code: 'email', message: 'Enter an email address' },
    ])
  })
})

describe('superstruct', () => {
  it('is 422 (a StructError is a TypeError) with the first failure, without the value', () => {
    let error: unknown
    try {
      ss.assert(
        { items: [{ qty: 'private-x' }], b: 2 },
        ss.object({ items: ss.array(ss.object({ qty: ss.number() })), b: ss.string() }),
      )
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TypeError)
    const c = classify(error)
    expectValidation(c, 'validation:superstruct')
    expect(c.details).toEqual([{ path: 'items.0.qty', code: 'number', message: 'Invalid value.' }])
  })

  it('keeps a refinement message, without the "At path" prefix', () => {
    let error: unknown
    try {
      ss.assert({ name: 'abc' }, ss.object({ name: ss.size(ss.string(), 5, 10) }))
    } catch (e) {
      error = e
    }
    const c = classify(error)
    expect(c.details).toEqual([
      {
        path: 'name',
        code: 'size',
        message: 'Expected a string with a length between `5` and `10` but received one with a length of `3`',
      },
    ])
  })
})

describe('ajv', () => {
  const ajv = new Ajv({ allErrors: true })
  const validate = ajv.compile({
    $async: true,
    type: 'object',
    required: ['email'],
    properties: {
      email: { type: 'string' },
      items: {
        type: 'array',
        items: { type: 'object', properties: { qty: { type: 'number', minimum: 1 } } },
      },
      'a/b': { type: 'string' },
    },
    additionalProperties: false,
  })

  it('is 422 from an $async schema, with JSON Pointers as dotted paths', async () => {
    const error = await rejection(() => validate({ items: [{ qty: 0 }], 'a/b': 1, extra: true }))
    expect((error as Error).name).toBe('Error')
    const c = classify(error)
    expectValidation(c, 'validation:ajv')
    expect(c.details).toEqual([
      { path: 'email', code: 'required', message: "must have required property 'email'" },
      { path: 'extra', code: 'additionalProperties', message: 'must NOT have additional properties' },
      { path: 'items.0.qty', code: 'minimum', message: 'must be >= 1' },
      { path: 'a/b', code: 'type', message: 'must be string' },
    ])
  })

  it('leaves a schema compile error to the fallback (a server bug)', () => {
    let error: unknown
    try {
      ajv.compile({ type: 'nope' })
    } catch (e) {
      error = e
    }
    expect(classify(error)).toMatchObject({ status: 500, rule: 'fallback' })
  })
})

describe('class-validator', () => {
  class Item {
    qty = 0
  }
  Min(1)(Item.prototype, 'qty')
  class Order {
    email = 'not-an-email'
    items = [Object.assign(new Item(), { qty: 3 }), Object.assign(new Item(), { qty: 0 })]
  }
  IsEmail()(Order.prototype, 'email')
  ValidateNested()(Order.prototype, 'items')

  it('is 422 from the array validateOrReject rejects with, children flattened', async () => {
    const error = await rejection(() => validateOrReject(new Order()))
    expect(Array.isArray(error)).toBe(true)
    const c = classify(error)
    expectValidation(c, 'validation:class-validator')
    expect(c.details).toEqual([
      { path: 'email', code: 'isEmail', message: 'email must be an email' },
      { path: 'items.1.qty', code: 'min', message: 'qty must not be less than 1' },
    ])
  })

  it('does not take any thrown array for class-validator', () => {
    expect(classify([new Error('a'), 'b'])).toMatchObject({ status: 500 })
    expect(classify([])).toMatchObject({ status: 500 })
  })
})

describe('Fastify FST_ERR_VALIDATION', () => {
  const apps: { close(): Promise<unknown> }[] = []
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()))
  })

  for (const [label, factory] of [
    ['fastify 5', Fastify],
    ['fastify 4', Fastify4],
  ] as const) {
    it(`${label}: is 422 (not its 400), with the validation context prefixed`, async () => {
      const app = (factory as typeof Fastify)()
      apps.push(app)
      const caught: unknown[] = []
      app.setErrorHandler((error, _request, reply) => {
        caught.push(error)
        reply.code(500).send('x')
      })
      app.post(
        '/users',
        {
          schema: {
            body: {
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } },
            },
          },
        },
        async () => 'ok',
      )
      app.get(
        '/search',
        { schema: { querystring: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } } } },
        async () => 'ok',
      )
      await app.inject({ method: 'POST', url: '/users', payload: { email: 'x' } })
      await app.inject({ method: 'GET', url: '/search?n=0' })
      expect(caught).toHaveLength(2)
      expect(caught[0]).toMatchObject({ code: 'FST_ERR_VALIDATION', statusCode: 400 })

      const body = classify(caught[0])
      expectValidation(body, 'validation:fastify')
      expect(body.details).toEqual([
        { path: 'body.name', code: 'required', message: "must have required property 'name'" },
      ])
      expect(classify(caught[1]).details).toEqual([
        { path: 'querystring.n', code: 'minimum', message: 'must be >= 1' },
      ])
    })
  }
})

describe('Mongoose ValidationError', () => {
  const User = mongoose.model(
    'ValidationTestUser',
    new mongoose.Schema({
      name: { type: String, required: true },
      age: { type: Number, min: 18 },
      role: { type: String, enum: ['admin', 'user'] },
      items: [{ qty: { type: Number, min: 1 } }],
    }),
  )

  it('is 422 from validate(), without values or the model name', async () => {
    const doc = new User({ age: 3, role: 'secret-role', items: [{ qty: 5 }, { qty: 'abc' }] })
    const error = await rejection(() => doc.validate())
    expect((error as Error).message).toContain('secret-role')
    const c = classify(error)
    expectValidation(c, 'validation:mongoose')
    const byPath = Object.fromEntries((c.details ?? []).map((d) => [d.path, d]))
    expect(byPath).toEqual({
      name: { path: 'name', code: 'required', message: 'Path `name` is required.' },
      age: { path: 'age', code: 'min', message: 'Invalid value.' },
      role: { path: 'role', code: 'enum', message: 'Invalid value.' },
      'items.1.qty': {
        path: 'items.1.qty',
        code: 'invalid_type',
        message: 'Expected a value of type Number.',
      },
    })
    const text = JSON.stringify({ ...c, cause: undefined })
    for (const leak of ['secret-role', 'abc', 'ValidationTestUser', '(3)']) expect(text).not.toContain(leak)
  })

  it('does not take a CastError thrown alone (a malformed id) for a validation error', () => {
    let error: unknown
    try {
      User.find({ _id: 'not-an-id' }).cast()
    } catch (e) {
      error = e
    }
    expect((error as Error).name).toBe('CastError')
    expect(classify(error).rule).not.toMatch(/^validation/)
  })
})

describe('Sequelize', () => {
  const sequelize = new Sequelize('postgres://user:pass@127.0.0.1:1/never', { logging: false })
  const User = sequelize.define('User', {
    email: { type: DataTypes.STRING, allowNull: false, validate: { isEmail: true } },
    age: { type: DataTypes.INTEGER, validate: { min: { args: [18], msg: 'You must be 18 or older' } } },
    nick: { type: DataTypes.STRING, validate: { len: [2, 5] } },
  })
  afterAll(() => sequelize.close())

  it('is 422 for SequelizeValidationError, with no model name in a message', async () => {
    const error = await rejection(() => User.build({ age: 3, nick: 'private-nick' }).validate())
    expect((error as Error).name).toBe('SequelizeValidationError')
    const c = classify(error)
    expectValidation(c, 'validation:sequelize')
    expect(c.details).toEqual([
      { path: 'email', code: 'is_null', message: 'Must not be null.' },
      { path: 'age', code: 'min', message: 'You must be 18 or older' },
      { path: 'nick', code: 'len', message: 'Validation len on nick failed' },
    ])
    expect(JSON.stringify({ ...c, cause: undefined })).not.toContain('private-nick')
  })

  it('is 422 for bulkCreate({ validate: true }), through its AggregateError of BulkRecordErrors', async () => {
    const error = await rejection(() => User.bulkCreate([{ email: 'nope' }], { validate: true }))
    expect((error as Error).name).toBe('AggregateError')
    const c = classify(error)
    expectValidation(c, 'validation:sequelize')
    expect(c.details).toEqual([
      { path: 'email', code: 'isEmail', message: 'Validation isEmail on email failed' },
    ])
  })

  it('does not match SequelizeUniqueConstraintError (a subclass of ValidationError): that is a conflict', () => {
    // As sequelize lib/dialects/postgres/query.js builds it for a 23505 (six arguments; the types ask for eight).
    const Item = ValidationErrorItem as unknown as new (...args: unknown[]) => ValidationErrorItem
    const error = new UniqueConstraintError({
      errors: [new Item('email must be unique', 'unique violation', 'email', 'a@b.c', null, 'not_unique')],
      fields: { email: 'a@b.c' },
      parent: Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
        code: '23505',
      }),
    } as never)
    const c = classify(error)
    expect(c.rule).not.toMatch(/^validation/)
    expect(c.status).not.toBe(422)
  })
})

describe('NestJS ValidationPipe', () => {
  class Signup {
    email = ''
    age = 0
  }
  IsEmail()(Signup.prototype, 'email')
  Min(18)(Signup.prototype, 'age')
  const body = { email: 'not-an-email', age: 12 }

  it.each([
    ['its default BadRequestException', {}],
    ['errorHttpStatusCode: 422', { errorHttpStatusCode: 422 as const }],
  ])('is 422 with the messages for %s (Nest keeps no paths)', async (_name, options) => {
    const error = await rejection(() =>
      new ValidationPipe(options).transform(body, { type: 'body', metatype: Signup }),
    )
    const c = classify(error)
    expectValidation(c, 'validation:nest')
    expect(c.details).toEqual([
      { path: '', message: 'email must be an email', code: 'invalid' },
      { path: '', message: 'age must not be less than 18', code: 'invalid' },
    ])
  })

  it('leaves a BadRequestException with one message to the status it carries', () => {
    expect(classify(new BadRequestException('The cursor is invalid.'))).toMatchObject({
      status: 400,
      rule: 'status:nestjs',
      message: 'The cursor is invalid.',
    })
    expect(classify(new ConflictException(['a', 'b']))).toMatchObject({ status: 409 })
  })
})

describe('Elysia', () => {
  /** What Elysia's onError sees for a request, as the app receives it. */
  // Any app: Elysia's types carry each app's routes.
  async function raised(app: any, request: Request): Promise<unknown> {
    const seen: unknown[] = []
    await new Elysia()
      .onError(({ error }) => {
        seen.push(error)
        return 'error'
      })
      .use(app)
      .handle(request)
    return seen[0]
  }
  const post = (body: string) =>
    new Request('http://localhost/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })

  it('is 422 for a TypeBox schema failure, with the first issue and where it was found', async () => {
    const app = new Elysia().post('/users', ({ body }) => body, {
      body: t.Object({ email: t.String({ format: 'email' }), age: t.Number({ minimum: 18 }) }),
    })
    const c = classify(await raised(app, post('{"email":"not-an-email","age":3}')))
    expectValidation(c, 'validation:elysia')
    expect(c.details).toEqual([
      { path: 'body.email', message: "Expected string to match 'email' format", code: 'invalid' },
    ])
    // Elysia's message dumps the schema and the whole input: none of it reaches the body.
    expect(JSON.stringify(serialize(c, { requestId: 'r-1' }).body)).not.toContain('not-an-email')
  })

  it('is 422 for a Standard Schema (zod) failure, with its path', async () => {
    const app = new Elysia().post('/users', ({ body }) => body, {
      body: z.object({ age: z.number().min(18) }),
    })
    const c = classify(await raised(app, post('{"age":3}')))
    expectValidation(c, 'validation:elysia')
    expect(c.details).toMatchObject([{ path: 'body.age', code: 'invalid' }])
  })

  it('keeps the status of its other errors: a route it does not know, a body that does not parse', async () => {
    const app = new Elysia().post('/users', ({ body }) => body)
    expect(classify(await raised(app, new Request('http://localhost/nope'))).status).toBe(404)
    expect(classify(await raised(app, post('{"email":')))).toMatchObject({ status: 400, code: 'BAD_REQUEST' })
  })
})

describe("a framework's HTTP error carrying a schema failure in its data", () => {
  it("is 422 for h3's readValidatedBody (HTTPError 400, data.issues), with the paths", async () => {
    const { H3, readValidatedBody } = await import('h3')
    const seen: unknown[] = []
    const app = new H3({
      silent: true,
      onError(error) {
        seen.push(error)
      },
    })
    app.post('/signup', (event) =>
      readValidatedBody(event, z.object({ email: z.email(), age: z.number().min(18) })),
    )
    await app.fetch(
      new Request('http://localhost/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":"not-an-email","age":3}',
      }),
    )
    expect(seen[0]).toMatchObject({ status: 400, message: 'Validation failed' })
    const c = classify(seen[0])
    expectValidation(c, 'validation:standard-schema')
    expect(c.details?.map((issue) => issue.path)).toEqual(['email', 'age'])
  })

  it('leaves data.issues of another status alone', () => {
    const error = Object.assign(new Error('upstream said so'), {
      status: 502,
      data: { issues: [{ message: 'x', path: ['a'] }] },
    })
    expect(classify(error).status).toBe(502)
  })
})

describe('Standard Schema', () => {
  it('is 422 for a failure result thrown as is (joi ~standard, keys as path)', async () => {
    const schema = Joi.object({ items: Joi.array().items(Joi.object({ qty: Joi.number().min(1) })) })
    const result = await schema['~standard'].validate({ items: [{ qty: 0 }] })
    expect(result.issues).toBeDefined()
    const c = classify(result)
    expectValidation(c, 'validation:standard-schema')
    expect(c.details).toEqual([
      { path: 'items.0.qty', code: 'invalid', message: '"items[0].qty" must be greater than or equal to 1' },
    ])
  })

  it('reads `{ key }` path segments and the issue input (valibot ~standard)', async () => {
    const schema = v.object({ tags: v.array(v.pipe(v.string(), v.minLength(3, 'Too short'))) })
    const result = await schema['~standard'].validate({ tags: ['fine', 'x'] })
    const c = classify(result)
    expect(c.details).toEqual([{ path: 'tags.1', code: 'invalid', message: 'Too short' }])
  })

  it('is 422 for an Error that carries the issues (@standard-schema/utils SchemaError)', async () => {
    // Copied from standard-schema/standard-schema packages/utils/src/SchemaError/SchemaError.ts (not installed).
    class SchemaError extends Error {
      readonly issues: readonly { message: string; path?: readonly unknown[] | undefined }[]
      constructor(issues: readonly { message: string; path?: readonly unknown[] | undefined }[]) {
        super(issues[0]?.message)
        this.name = 'SchemaError'
        this.issues = issues
      }
    }
    const result = await z.object({ email: z.email() })['~standard'].validate({ email: 'x' })
    if (!('issues' in result) || !result.issues) throw new Error('expected issues')
    const c = classify(new SchemaError(result.issues))
    expectValidation(c, 'validation:standard-schema')
    expect(c.details).toEqual([{ path: 'email', code: 'invalid_format', message: 'Invalid email address' }])
  })

  it('does not take any `issues` property for a schema failure', () => {
    expect(classify({ issues: [] }).status).toBe(500)
    expect(classify({ issues: [{ id: 1, title: 'bug' }] }).status).toBe(500)
    expect(classify(Object.assign(new Error('x'), { issues: 'many' })).status).toBe(500)
  })
})

describe('what is not request validation', () => {
  it('leaves Prisma PrismaClientValidationError alone (a query-construction bug, P8)', () => {
    // Shape copied from prisma/prisma packages/client-runtime-utils/src/errors/PrismaClientValidationError.ts.
    class PrismaClientValidationError extends Error {
      override readonly name = 'PrismaClientValidationError'
      readonly clientVersion = '7.10.0'
    }
    const c = classify(
      new PrismaClientValidationError('Argument `email`: Invalid value provided. Expected String'),
    )
    expect(c.rule).not.toMatch(/^validation/)
    expect(c.status).toBe(500)
  })

  it('stays total for hostile lookalikes', () => {
    const hostile = new Proxy(
      { name: 'ZodError' },
      {
        get(target, key) {
          if (key === 'issues') throw new Error('trap')
          return Reflect.get(target, key)
        },
      },
    )
    expect(classify(hostile).status).toBe(500)
    const lying = {
      name: 'ValidationError',
      _message: 'x',
      errors: new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('trap')
          },
        },
      ),
    }
    const c = classify(lying)
    expectValidation(c, 'validation:mongoose')
    expect(c.details).toBeUndefined()
    const pathless = {
      name: 'ZodError',
      issues: [{ code: 'custom', path: [Symbol('s'), { key: 'k' }, 1.5, null], message: 7 }],
    }
    expect(classify(pathless).details).toEqual([
      { path: 's.k.1.5', code: 'custom', message: 'Invalid value.' },
    ])
  })
})

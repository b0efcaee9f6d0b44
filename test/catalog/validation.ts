import 'reflect-metadata'
import { ValidationPipe } from '@nestjs/common'
import { Ajv } from 'ajv'
import { IsEmail, Min, ValidateNested, validateOrReject } from 'class-validator'
import { Elysia, t } from 'elysia'
import fastify from 'fastify'
import { H3, readValidatedBody } from 'h3'
import Joi from 'joi'
import mongoose from 'mongoose'
import { validate as validateOptions } from 'schema-utils'
import { DataTypes, Sequelize } from 'sequelize'
import * as ss from 'superstruct'
import * as v from 'valibot'
import * as yup from 'yup'
import { z } from 'zod'
import { rejectionOf, thrownBy } from '../support/caught.js'
import { catalog, type Example, errorWith } from './example.js'

// Real validation failures of each validator, for the same order: `items[0].qty` must be at least
// 1 and `email` must be an email address. Both rules named `validation` (the validators, and the
// `validation:shape` fallback after the database families) share this catalog.

const ORDER = { items: [{ qty: 0 }], email: 'not-an-email' }

/** A validation failure: 422 `VALIDATION_FAILED`, never retryable. */
const failed = (error: string, rule: string, make: () => unknown): Example => ({
  error,
  make,
  rule,
  status: 422,
  retryable: false,
})

// class-validator's decorators, applied as functions (no decorator syntax needed).
class Item {
  qty = 0
}
Min(1)(Item.prototype, 'qty')
class Order {
  email = ORDER.email
  items = [new Item()]
}
IsEmail()(Order.prototype, 'email')
ValidateNested()(Order.prototype, 'items')

/** What a Fastify 5 route with a body schema hands its error handler for the order. */
async function fastifyValidationError(): Promise<unknown> {
  const app = fastify()
  let caught: unknown = new Error('expected a validation error')
  app.setErrorHandler((error, _request, reply) => {
    caught = error
    reply.code(500).send()
  })
  const qty = { type: 'object', properties: { qty: { type: 'number', minimum: 1 } } }
  app.post(
    '/orders',
    { schema: { body: { type: 'object', properties: { items: { type: 'array', items: qty } } } } },
    async () => 'ok',
  )
  await app.inject({ method: 'POST', url: '/orders', payload: ORDER })
  await app.close()
  return caught
}

// Sequelize validates models without a connection: it never connects to this URL.
let sequelize: Sequelize | undefined
function sequelizeValidationError(): Promise<unknown> {
  sequelize ??= new Sequelize('postgres://app:app@127.0.0.1:1/never', { logging: false })
  const User = sequelize.define('CatalogUser', {
    email: { type: DataTypes.STRING, allowNull: false, validate: { isEmail: true } },
  })
  return rejectionOf(() => User.build({ email: ORDER.email }).validate())
}

/** What h3's onError sees when readValidatedBody rejects the order. */
async function h3ValidationError(): Promise<unknown> {
  let caught: unknown = new Error('expected a validation error')
  const app = new H3({
    silent: true,
    onError(error) {
      caught = error
    },
  })
  app.post('/orders', (event) =>
    readValidatedBody(
      event,
      z.object({ items: z.array(z.object({ qty: z.number().min(1) })), email: z.email() }),
    ),
  )
  await app.fetch(
    new Request('http://localhost/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ORDER),
    }),
  )
  return caught
}

/** What Elysia's onError sees for a body that fails a route's TypeBox schema. */
async function elysiaValidationError(): Promise<unknown> {
  let caught: unknown = new Error('expected a validation error')
  const app = new Elysia()
    .onError(({ error }) => {
      caught = error
      return 'error'
    })
    .post('/orders', ({ body }) => body, {
      body: t.Object({
        email: t.String({ format: 'email' }),
        items: t.Array(t.Object({ qty: t.Number({ minimum: 1 }) })),
      }),
    })
  await app.handle(
    new Request('http://localhost/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ORDER),
    }),
  )
  return caught
}

async function close(): Promise<void> {
  await sequelize?.close()
  sequelize = undefined
}

const OrderModel = () =>
  mongoose.models.CatalogOrder ??
  mongoose.model(
    'CatalogOrder',
    new mongoose.Schema({ email: { type: String, match: /@/ }, items: [{ qty: { type: Number, min: 1 } }] }),
  )

export default catalog(
  'validation',
  [
    failed('zod 3 / 4 `ZodError`, zod 4 core `$ZodError` (`issues`)', 'validation:zod', () =>
      thrownBy(() =>
        z.object({ items: z.array(z.object({ qty: z.number().min(1) })), email: z.email() }).parse(ORDER),
      ),
    ),
    failed('joi `ValidationError` (`isJoi`, `details`)', 'validation:joi', () =>
      thrownBy(() =>
        Joi.assert(
          ORDER,
          Joi.object({
            items: Joi.array().items(Joi.object({ qty: Joi.number().min(1) })),
            email: Joi.string().email(),
          }),
          { abortEarly: false },
        ),
      ),
    ),
    failed('valibot `ValiError` (`issues`)', 'validation:valibot', () =>
      thrownBy(() =>
        v.parse(
          v.object({
            items: v.array(v.object({ qty: v.pipe(v.number(), v.minValue(1)) })),
            email: v.pipe(v.string(), v.email()),
          }),
          ORDER,
        ),
      ),
    ),
    failed('superstruct `StructError` (`failures`)', 'validation:superstruct', () =>
      thrownBy(() =>
        ss.assert(
          ORDER,
          ss.object({ items: ss.array(ss.object({ qty: ss.min(ss.number(), 1) })), email: ss.string() }),
        ),
      ),
    ),
    failed('ajv `$async` `ValidationError` (`ajv`, `validation`, `errors`)', 'validation:ajv', () => {
      const validate = new Ajv({ allErrors: true }).compile({
        $async: true,
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: { type: 'object', properties: { qty: { type: 'number', minimum: 1 } } },
          },
        },
      })
      return rejectionOf(() => validate(ORDER))
    }),
    failed(
      'Fastify `FST_ERR_VALIDATION` (`validation`, `validationContext`)',
      'validation:fastify',
      fastifyValidationError,
    ),
    failed('Mongoose `ValidationError` (`errors`, `_message`)', 'validation:mongoose', () =>
      rejectionOf(() => new (OrderModel())(ORDER).validate()),
    ),
    failed('Sequelize `SequelizeValidationError`', 'validation:sequelize', sequelizeValidationError),
    failed('yup `ValidationError` (`inner`, `errors`, `path`)', 'validation:yup', () =>
      rejectionOf(() =>
        yup
          .object({ items: yup.array(yup.object({ qty: yup.number().min(1) })), email: yup.string().email() })
          .validate(ORDER, { abortEarly: false }),
      ),
    ),
    failed(
      'class-validator `validateOrReject` array of `ValidationError`',
      'validation:class-validator',
      () => rejectionOf(() => validateOrReject(new Order())),
    ),
    failed(
      'NestJS `ValidationPipe` (`BadRequestException` or its `errorHttpStatusCode`, `response.message[]`)',
      'validation:nest',
      () =>
        rejectionOf(async () =>
          new ValidationPipe().transform({ ...ORDER }, { type: 'body', metatype: Order }),
        ),
    ),
    failed('Elysia `ValidationError` (`code: VALIDATION`, `valueError`, `type`)', 'validation:elysia', () =>
      elysiaValidationError(),
    ),
    failed(
      "a framework's HTTP error with the schema's issues in `data` (h3 `readValidatedBody`)",
      'validation:standard-schema',
      () => h3ValidationError(),
    ),
    // A failure result thrown as it is, here zod's `~standard` interface.
    failed('Standard Schema failure (`issues` of `{ message, path }`)', 'validation:standard-schema', () =>
      z.object({ email: z.email() })['~standard'].validate(ORDER),
    ),
    // The shape, as request validators that no family names build it: an Error carrying `errors` of
    // `{ msg, path }`. Real ones are measured by the held-out set (test/held-out/), which a catalog
    // must not name.
    failed(
      'any error carrying issues of `{ message | msg, path | field | property … }` (`errors`, `issues`, `error`)',
      'validation:shape',
      () =>
        errorWith('Validation failed', {
          errors: [{ type: 'field', location: 'body', path: 'email', msg: 'Invalid value', value: 'x' }],
        }),
    ),
    failed(
      'issues under a key whose last word says so (`fieldErrors`, `validationErrors` …), e.g. `{ error, path }`',
      'validation:shape',
      () =>
        errorWith('email: Expected a valid email', {
          fieldErrors: [{ error: new TypeError('Expected a valid email'), path: ['email'] }],
        }),
    ),
    failed(
      'issues as a map of paths to their messages (a `Map` of sets, an object of lists)',
      'validation:shape',
      () =>
        errorWith('Expected `email` to be an email', {
          validationErrors: new Map([['email', new Set(['Expected `email` to be an email'])]]),
        }),
    ),
    failed(
      "a validation middleware's 400 (`statusCode: 400`, no `expose`) with the issues it found",
      'validation:shape',
      () =>
        errorWith(
          'Validation Failed',
          { statusCode: 400, details: { body: [{ message: '"sku" is required', path: ['sku'] }] } },
          'ValidationError',
        ),
    ),
    failed(
      'issues grouped by where they were found (`{ body: [issue …], query: [issue …] }`)',
      'validation:shape',
      () =>
        errorWith('', {
          validationErrors: { body: [{ instancePath: '/email', message: 'must match format "email"' }] },
        }),
    ),
    failed(
      'an error named `…ValidationError` that is one rule rejecting one value (`{ rule, value }`)',
      'validation:shape',
      () =>
        errorWith(
          'Expected the value to be an object',
          { validator: 's.object(T)', given: 'x' },
          'ValidationError',
        ),
    ),
    failed(
      'an error named `…ValidationError` that is one issue (`message`, `path: [...]`)',
      'validation:shape',
      () =>
        errorWith(
          'expected string to have length greater than or equal to 2',
          { path: ['title'] },
          'ValidationError',
        ),
    ),
    {
      error: "a validator's issues that all lie in a response we received (paths under `response`)",
      // An SDK's zod check of an upstream's reply that lacks a required key.
      make: () =>
        z
          .object({ response: z.object({ voices: z.array(z.string()) }) })
          .safeParse({ response: { items: [] } }).error,
      rule: 'validation:response',
      status: 502,
      retryable: true,
    },
    {
      error:
        'a validator\'s report on a program\'s own options, configuration or environment ("Invalid options object …")',
      // schema-utils checks the options a plugin was given against its schema.
      make: () =>
        thrownBy(() =>
          validateOptions(
            { type: 'object', properties: { limit: { type: 'integer' } } },
            { limit: 'ten' },
            { name: 'Upload Plugin' },
          ),
        ),
      rule: 'validation:configuration',
      status: 500,
    },
    {
      error:
        'a class named for the check of a response (`ResponseValidationError`): the upstream answered badly',
      // A fetch client's schema check of an answer, with the issues it found.
      make: () =>
        errorWith(
          'Expected an order object',
          { issues: [{ message: 'Expected an order object', path: [] }] },
          'ResponseValidationError',
        ),
      rule: 'validation:response',
      status: 502,
      retryable: true,
    },
    {
      error: 'joi `ValidationError` from `Joi.attempt(config, schema, "Invalid configuration")`',
      make: () =>
        thrownBy(() =>
          Joi.attempt({ port: 'eighty' }, Joi.object({ port: Joi.number() }), 'Invalid configuration'),
        ),
      rule: 'validation:configuration',
      status: 500,
    },
  ],
  close,
)

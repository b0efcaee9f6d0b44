import createFastifyError from '@fastify/error'
import Boom from '@hapi/boom'
import { NotImplementedException } from '@nestjs/common'
import { HTTPError } from 'h3'
import { HTTPException } from 'hono/http-exception'
import createError from 'http-errors'
import { catalog } from './example.js'

export default catalog('status', [
  {
    error: '@hapi/boom (`isBoom`, `output.statusCode`, `output.headers`), e.g. `Boom.notFound()`',
    make: () => Boom.notFound(),
    rule: 'status:boom',
    status: 404,
  },
  {
    error: 'http-errors / Koa `ctx.throw` (`status`, `expose`, `headers`), e.g. `createError(409)`',
    make: () => createError(409),
    rule: 'status:http-errors',
    status: 409,
  },
  {
    error: 'Hono `HTTPException`, e.g. `new HTTPException(403)`',
    make: () => new HTTPException(403),
    rule: 'status:hono',
    status: 403,
  },
  {
    error: 'NestJS `HttpException` (`getStatus()`), e.g. `NotImplementedException`',
    make: () => new NotImplementedException(),
    rule: 'status:nestjs',
    status: 501,
  },
  {
    error: 'h3 `HTTPError` / `H3Error`, e.g. status 410',
    make: () => new HTTPError({ status: 410 }),
    rule: 'status:h3',
    status: 410,
  },
  {
    error: '@fastify/error with `statusCode`, e.g. 429',
    make: () => new (createFastifyError('FST_RATE_LIMITED', 'Rate limited', 429))(),
    rule: 'status:fastify',
    status: 429,
  },
  {
    error: 'any error with an integer `status` / `statusCode` in 400–599, e.g. 400',
    make: () => Object.assign(new Error('Bad input'), { status: 400 }),
    rule: 'status:generic',
    status: 400,
  },
])

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
  {
    error:
      "a status error a dependency made on its own (no application frame on its stack), e.g. an SDK's 401",
    make: () => dependencysReport('Unauthorized', { status: 401 }),
    rule: 'status:dependency:4xx',
    status: 500,
  },
  {
    error: "the same with 429 and a `retryAfter` in seconds: the upstream's rate limit",
    make: () => dependencysReport('Too Many Requests', { status: 429, retryAfter: 7 }),
    rule: 'status:dependency:429',
    status: 503,
    retryable: true,
    headers: ['retry-after'],
  },
  {
    error:
      'the same with a 2xx (`statusCode: 200`): the upstream answered, and the answer could not be used (a login page where JSON was due)',
    make: () =>
      dependencysReport('Responded with an error with status code 200: <!DOCTYPE html>', { statusCode: 200 }),
    rule: 'status:dependency:2xx',
    status: 502,
    retryable: true,
  },
  {
    error:
      "the same with a 409 that says an idempotency key was reused: a conflict (409), as Stripe's `idempotency_error` is",
    make: () => dependencysReport('Idempotency key already used with a different payload', { status: 409 }),
    rule: 'status:dependency:idempotency',
    status: 409,
  },
  {
    error:
      'the same with a 409 that says a transaction lost to a concurrent one ("write-write conflict"): contention (503)',
    make: () => dependencysReport('write-write conflict; conflicting key: 42', { status: 409 }),
    rule: 'status:dependency:contention',
    status: 503,
    retryable: true,
  },
])

/**
 * An SDK's error for an upstream's answer, with the stack such an error has: made in the SDK's
 * package after an awaited call, the application's frames only past the task queue.
 */
function dependencysReport(message: string, props: Record<string, unknown>): Error {
  const error = Object.assign(new Error(message), props)
  error.name = 'VendorError'
  error.stack = [
    `VendorError: ${message}`,
    '    at VendorClient.request (/srv/app/node_modules/vendor-sdk/dist/index.js:120:11)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async loadAccount (/srv/app/src/accounts.js:8:3)',
  ].join('\n')
  return error
}

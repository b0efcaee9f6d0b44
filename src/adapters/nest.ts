/**
 * The NestJS adapter of http-triage: one exception filter for both of Nest's HTTP platforms.
 * @module http-triage/nest
 */

import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common'
// Nest finds filters by the metadata its decorator writes: the one run-time import of a framework.
import { Catch } from '@nestjs/common'
import { get } from '../internal/safe.js'
import type { ResponderOptions } from '../respond.js'
import * as express from './express.js'
import * as fastify from './fastify.js'
import { noRoute } from './no-route.js'

/** Options of the Nest filter: those of every adapter (format, log, classify, request ids …). */
export type NestOptions = ResponderOptions

/**
 * A NestJS exception filter that catches everything and answers with http-triage's safe body, on
 * `@nestjs/platform-express` and `@nestjs/platform-fastify` alike: `HttpException`s keep their
 * status, `ValidationPipe` failures are 422 with their messages, anything else is classified.
 *
 * @example
 * import { HttpTriageFilter } from 'http-triage/nest'
 * const app = await NestFactory.create(AppModule)
 * app.useGlobalFilters(new HttpTriageFilter({ log: console }))
 */
export class HttpTriageFilter implements ExceptionFilter {
  readonly #express: ReturnType<typeof express.errorHandler>
  readonly #fastify: ReturnType<typeof fastify.errorHandler>

  constructor(options: NestOptions = {}) {
    // Both are built (and their options checked) here, at setup; the request says which serves.
    this.#express = express.errorHandler(options)
    this.#fastify = fastify.errorHandler(options)
  }

  /** Answers `exception` on the HTTP response of `host`; other contexts (RPC, WebSockets) get it back. */
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') throw exception
    const http = host.switchToHttp()
    const request = http.getRequest<Record<string, unknown>>()
    const response = http.getResponse<Record<string, unknown>>()
    const error = routeNotFound(exception, request) ?? exception
    // A Fastify reply wraps the raw response (`reply.raw`); an Express response is the raw one.
    if (typeof response.code === 'function' && typeof response.raw === 'object') {
      return this.#fastify(error, request as never, response as never)
    }
    return this.#express(error, request as never, response as never, (unsent) => {
      // Headers already sent: nothing safe can be added, so the connection ends, as Express's does.
      if (unsent !== undefined) (request.socket as { destroy?(): void } | undefined)?.destroy?.()
    })
  }
}
Catch()(HttpTriageFilter)

/**
 * Nest answers a request no route matched with `NotFoundException('Cannot GET /path')`, whose
 * message repeats the path: the same 404 every adapter gives instead.
 */
function routeNotFound(exception: unknown, request: Record<string, unknown>): unknown {
  if (get(exception, 'status') !== 404) return undefined
  const method = typeof request.method === 'string' ? request.method : 'GET'
  const url = typeof request.url === 'string' ? request.url : '/'
  if (get(exception, 'message') !== `Cannot ${method} ${url}`) return undefined
  return noRoute(method, url.split('?', 1)[0])
}

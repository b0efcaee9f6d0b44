import 'reflect-metadata'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Body, Controller, Get, Module, Post, Res } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express'
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify'
import { HttpTriageFilter } from '../../src/adapters/nest.js'
import type { ResponderOptions } from '../../src/respond.js'
import { type Actions, BODY_LIMIT } from './routes.js'

/** A response under way, on either platform: Express's response, or Fastify's reply (`raw`). */
interface Raw {
  raw?: Raw
  writeHead(status: number, headers: Record<string, string>): unknown
  write(chunk: string): unknown
}

/** Applies a method decorator the way `@Get('x')` would, without decorator syntax. */
function route(target: object, name: string, decorator: MethodDecorator): void {
  decorator(target, name, Object.getOwnPropertyDescriptor(target, name) as PropertyDescriptor)
}

/** The conformance routes as a Nest controller, with decorators applied as functions. */
function appModule(actions: Actions): new () => unknown {
  class Routes {
    ok() {
      return { ok: true }
    }
    httpErrors() {
      return actions.httpErrors()
    }
    validate(body: unknown) {
      return { ok: true, value: actions.validate(body) }
    }
    json(body: unknown) {
      return { ok: true, value: body }
    }
    upstreamRefused() {
      return actions.upstreamRefused()
    }
    upstreamTimeout() {
      return actions.upstreamTimeout()
    }
    plain() {
      return actions.plain()
    }
    string() {
      throw 'a thrown string'
    }
    null() {
      return Promise.reject(null)
    }
    afterHeaders(response: Raw) {
      const raw = response.raw ?? response
      raw.writeHead(200, { 'content-type': 'text/plain' })
      raw.write('partial')
      throw new Error('failed mid-response')
    }
  }
  const proto = Routes.prototype
  Controller()(Routes)
  route(proto, 'ok', Get('ok'))
  route(proto, 'httpErrors', Get('http-errors'))
  route(proto, 'validate', Post('validate'))
  Body()(proto, 'validate', 0)
  route(proto, 'json', Post('json'))
  Body()(proto, 'json', 0)
  route(proto, 'upstreamRefused', Get('upstream-refused'))
  route(proto, 'upstreamTimeout', Get('upstream-timeout'))
  route(proto, 'plain', Get('plain'))
  route(proto, 'string', Get('string'))
  route(proto, 'null', Get('null'))
  route(proto, 'afterHeaders', Get('after-headers'))
  Res()(proto, 'afterHeaders', 0)
  class AppModule {}
  Module({ controllers: [Routes] })(AppModule)
  return AppModule
}

/** A Nest app on `platform`, with the filter registered globally, listening on 127.0.0.1. */
export async function startNest(
  platform: 'express' | 'fastify',
  actions: Actions,
  options: ResponderOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const module = appModule(actions)
  const app =
    platform === 'express'
      ? await NestFactory.create<NestExpressApplication>(module, new ExpressAdapter(), {
          logger: false,
          bodyParser: false,
        })
      : await NestFactory.create<NestFastifyApplication>(
          module,
          new FastifyAdapter({ bodyLimit: BODY_LIMIT }),
          { logger: false },
        )
  if (platform === 'express') (app as NestExpressApplication).useBodyParser('json', { limit: BODY_LIMIT })
  app.useGlobalFilters(new HttpTriageFilter(options))
  await app.listen(0, '127.0.0.1')
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      ;(app.getHttpServer() as Server).closeAllConnections?.()
      await app.close()
    },
  }
}

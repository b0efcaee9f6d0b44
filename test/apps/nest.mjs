// NestJS on `platform` ('express' or 'fastify') with http-triage/nest's `HttpTriageFilter` as the
// global filter. The routes become one controller, with Nest's decorators applied as functions;
// bodies are parsed by the platform (Express: useBodyParser('json'); Fastify: its own parser).
import 'reflect-metadata'
import { Body, Controller, Get, Module, Post, Res } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import { FastifyAdapter } from '@nestjs/platform-fastify'
import { BODY_LIMIT } from './routes.mjs'

/** The routes as a Nest module: a controller with one method per route. */
function appModule(routes) {
  class Routes {}
  const proto = Routes.prototype
  const define = (name, fn, decorator) => {
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true })
    decorator(proto, name, Object.getOwnPropertyDescriptor(proto, name))
  }
  for (const [index, { method, path, run }] of routes.entries()) {
    const name = `route${index}`
    define(
      name,
      async (body) => ({ ok: true, value: await run(body) }),
      (method === 'POST' ? Post : Get)(path),
    )
    if (method === 'POST') Body()(proto, name, 0)
  }
  define(
    'afterHeaders',
    (response) => {
      const raw = response.raw ?? response // Express's response, or Fastify's reply
      raw.writeHead(200, { 'content-type': 'text/plain' })
      raw.write('partial')
      throw new Error('failed mid-response')
    },
    Get('after-headers'),
  )
  Res()(proto, 'afterHeaders', 0)
  Controller()(Routes)
  class AppModule {}
  Module({ controllers: [Routes] })(AppModule)
  return AppModule
}

export async function create({ adapter, routes, options, platform = 'express', bodyLimit = BODY_LIMIT }) {
  const module = appModule(routes)
  const app =
    platform === 'express'
      ? await NestFactory.create(module, new ExpressAdapter(), { logger: false, bodyParser: false })
      : await NestFactory.create(module, new FastifyAdapter({ bodyLimit }), { logger: false })
  if (platform === 'express') app.useBodyParser('json', { limit: bodyLimit })
  app.useGlobalFilters(new adapter.HttpTriageFilter(options))
  return {
    app,
    async start() {
      await app.listen(0, '127.0.0.1')
      const server = app.getHttpServer()
      return {
        url: `http://127.0.0.1:${server.address().port}`,
        close: async () => {
          server.closeAllConnections?.()
          await app.close()
        },
      }
    },
  }
}

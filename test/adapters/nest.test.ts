import 'reflect-metadata'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpException,
  Module,
  Post,
  ValidationPipe,
} from '@nestjs/common'
import { APP_FILTER, NestFactory } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import { FastifyAdapter } from '@nestjs/platform-fastify'
import { IsEmail, Min } from 'class-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpTriageFilter } from '../../src/adapters/nest.js'

class Signup {
  email = ''
  age = 0
}
IsEmail()(Signup.prototype, 'email')
Min(18)(Signup.prototype, 'age')

class Accounts {
  signup(body: Signup) {
    return { ok: true, body }
  }
  project() {
    throw new ForbiddenException('No access to this project.')
  }
  teapot() {
    throw new HttpException({ message: 'short and stout', error: 'teapot' }, 418)
  }
}
Controller()(Accounts)
const proto = Accounts.prototype
const method = (name: keyof Accounts, decorator: MethodDecorator) =>
  decorator(proto, name, Object.getOwnPropertyDescriptor(proto, name) as PropertyDescriptor)
method('signup', Post('signup'))
Body(new ValidationPipe())(proto, 'signup', 0)
// What TypeScript's emitDecoratorMetadata writes, so that ValidationPipe knows the body's class.
Reflect.defineMetadata('design:paramtypes', [Signup], proto, 'signup')
method('project', Get('projects/9'))
method('teapot', Get('teapot'))

/** The filter registered as Nest's docs show it, through the APP_FILTER provider. */
class AppModule {}
Module({ controllers: [Accounts], providers: [{ provide: APP_FILTER, useClass: HttpTriageFilter }] })(
  AppModule,
)

const platforms = { express: () => new ExpressAdapter(), fastify: () => new FastifyAdapter() }
const apps: Record<string, { url: string; close(): Promise<void> }> = {}

beforeAll(async () => {
  for (const [name, adapter] of Object.entries(platforms)) {
    const app = await NestFactory.create(AppModule, adapter(), { logger: false })
    await app.listen(0, '127.0.0.1')
    const server = app.getHttpServer() as Server
    apps[name] = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => app.close(),
    }
  }
})

afterAll(async () => {
  await Promise.all(Object.values(apps).map((app) => app.close()))
})

describe.each(Object.keys(platforms))('NestJS on %s, the filter as APP_FILTER', (platform) => {
  const call = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${apps[platform]?.url}${path}`, init)
    return { response, body: (await response.json()) as Record<string, unknown> }
  }

  it('answers a ValidationPipe failure with 422 and its messages', async () => {
    const { response, body } = await call('/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-email', age: 12 }),
    })
    expect(response.status).toBe(422)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        { path: '', message: 'email must be an email', code: 'invalid' },
        { path: '', message: 'age must not be less than 18', code: 'invalid' },
      ],
    })
    expect(JSON.stringify(body)).not.toContain('not-an-email')
  })

  it("reads an HttpException's status back, with its message", async () => {
    const { response, body } = await call('/projects/9')
    expect(response.status).toBe(403)
    expect(body).toMatchObject({ code: 'FORBIDDEN', detail: 'No access to this project.' })
    const teapot = await call('/teapot')
    expect(teapot.response.status).toBe(418)
  })

  it('answers a route Nest does not know with the same 404 as every adapter', async () => {
    const { response, body } = await call('/missing?x=1')
    expect(response.status).toBe(404)
    expect(body.detail).toBe('No route for GET /missing')
  })
})

describe('HttpTriageFilter', () => {
  it('gives an exception of another context (RPC, WebSockets) back to Nest', () => {
    const filter = new HttpTriageFilter()
    const exception = new Error('rpc failure')
    const host = { getType: () => 'rpc' } as never
    expect(() => filter.catch(exception, host)).toThrow(exception)
  })

  it('checks its options at setup', () => {
    expect(() => new HttpTriageFilter({ fromat: 'json' } as never)).toThrow(/fromat/)
  })
})

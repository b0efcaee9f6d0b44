import 'reflect-metadata'
import { type ArgumentsHost, Catch, Controller, type ExceptionFilter, Get, Module } from '@nestjs/common'
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core'
import { ThrottlerGuard, ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler'
import type { Collect, HeldOutCase } from '../case.js'

const library = '@nestjs/throttler'

@Controller()
class ItemsController {
  @Get('items')
  list() {
    return []
  }
}

/** Keeps what reached Nest's exception layer, and answers 500 so nothing else is rendered. */
@Catch()
class Keep implements ExceptionFilter {
  readonly caught: unknown[] = []
  catch(exception: unknown, host: ArgumentsHost) {
    this.caught.push(exception)
    host.switchToHttp().getResponse().status(500).end()
  }
}

/** A NestJS 11 app (Express) on 127.0.0.1 whose global ThrottlerGuard uses `options`; GETs /items `n` times. */
async function caughtAfter(options: ThrottlerModuleOptions, n: number): Promise<unknown[]> {
  const keep = new Keep()
  @Module({
    imports: [ThrottlerModule.forRoot(options)],
    controllers: [ItemsController],
    providers: [
      { provide: APP_GUARD, useClass: ThrottlerGuard },
      { provide: APP_FILTER, useValue: keep },
    ],
  })
  class AppModule {}
  const app = await NestFactory.create(AppModule, { logger: false })
  await app.listen(0, '127.0.0.1')
  try {
    const url = `${await app.getUrl()}/items`.replace('[::1]', '127.0.0.1')
    for (let i = 0; i < n; i++) await (await fetch(url)).arrayBuffer()
  } finally {
    await app.close()
  }
  return keep.caught
}

// Our own API's rate limit (the global ThrottlerGuard) turning a client away, and a broken storage
// in our throttler config. The guard sets Retry-After on the response itself; the exception it throws
// carries no wait, so no header is expected from the error.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const [overLimit] = await caughtAfter([{ ttl: 60_000, limit: 2 }], 3)
  cases.push({
    library,
    what: 'third GET /items within a minute against limit 2: ThrottlerException (HttpException 429) "ThrottlerException: Too Many Requests"',
    why: 'our rate limiter rejecting the client, 429',
    expect: { status: 429 },
    error: overLimit,
  })
  const [named] = await caughtAfter(
    {
      throttlers: [
        { name: 'burst', ttl: 1_000, limit: 1, blockDuration: 30_000 },
        { name: 'hourly', ttl: 3_600_000, limit: 100 },
      ],
      errorMessage: (_context, detail) => `Too many requests; retry in ${detail.timeToBlockExpire}s`,
    },
    2,
  )
  cases.push({
    library,
    what: 'second GET /items within a second against a named "burst" throttler with a custom errorMessage: ThrottlerException "Too many requests; retry in 30s"',
    why: 'our rate limiter rejecting the client, 429 (the wait is only in the message text)',
    expect: { status: 429 },
    error: named,
  })
  const [broken] = await caughtAfter(
    {
      throttlers: [{ ttl: 60_000, limit: 10 }],
      storage: {} as NonNullable<Extract<ThrottlerModuleOptions, { storage?: unknown }>['storage']>,
    },
    1,
  )
  cases.push({
    library,
    what: 'GET /items with a throttler storage wired to an object lacking increment(): TypeError "this.storageService.increment is not a function"',
    why: 'our misconfiguration, 500',
    expect: { status: 500 },
    error: broken,
  })
  return cases
}

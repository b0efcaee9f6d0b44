import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { HttpTriageFilter } from 'http-triage/nest'

@Controller('orders')
class OrdersController {
  @Get(':id')
  find(@Param('id') id: string) {
    if (id !== '1') throw new NotFoundException('No such order.')
    return { id, total: 42 }
  }
}

@Module({ controllers: [OrdersController] })
class AppModule {}

const app = await NestFactory.create(AppModule) // or: NestFactory.create(AppModule, new FastifyAdapter())
app.useGlobalFilters(new HttpTriageFilter({ log: console })) // one filter for errors and 404s
await app.listen(3000)

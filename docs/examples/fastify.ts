import Fastify from 'fastify'
import { notFound } from 'http-triage'
import { httpTriage } from 'http-triage/fastify'

const orders = new Map([['1', { id: '1', total: 42 }]])

export const app = Fastify({ logger: true })
await app.register(httpTriage) // the error and not-found handlers, for the whole app

app.get<{ Params: { id: string } }>('/orders/:id', async (request) => {
  const order = orders.get(request.params.id)
  if (!order) throw notFound('No such order.')
  return order
})

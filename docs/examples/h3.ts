import { getRouterParam, H3 } from 'h3'
import { notFound } from 'http-triage'
import { onError } from 'http-triage/h3'
import { z } from 'zod'

const orders = new Map([['1', { id: '1', total: 42 }]])
const Order = z.object({ total: z.number().positive() })

export const app: H3 = new H3({
  silent: true, // h3 would print every unhandled error; http-triage reports them (its `log` option)
  onError: onError(), // every error, and the 404 of a path no route matches
})

app.get('/orders/:id', (event) => {
  const order = orders.get(getRouterParam(event, 'id') ?? '')
  if (!order) throw notFound('No such order.')
  return order
})

app.post('/orders', async (event) => {
  const order = Order.parse(await event.req.json()) // malformed JSON → 400; invalid → 422 with the issues
  event.res.status = 201
  return order
})

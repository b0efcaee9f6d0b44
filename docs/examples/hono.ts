import { Hono } from 'hono'
import { notFound } from 'http-triage'
import { catchThrown, errorHandler, notFoundHandler } from 'http-triage/hono'

const orders = new Map([['1', { id: '1', total: 42 }]])

const app = new Hono()
app.use(catchThrown()) // first: thrown strings and nulls get the same body as errors

app.get('/orders/:id', (c) => {
  const order = orders.get(c.req.param('id'))
  if (!order) throw notFound('No such order.')
  return c.json(order)
})

app.onError(errorHandler())
app.notFound(notFoundHandler())
export default app

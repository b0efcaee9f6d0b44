import { notFound } from 'http-triage'
import { errorHandler } from 'http-triage/koa'
import Koa from 'koa'

const orders = new Map([['1', { id: '1', total: 42 }]])

export const app = new Koa()
app.use(errorHandler({ log: console })) // first: it answers what the rest throws, and Koa's 404

app.use(async (ctx) => {
  const id = /^\/orders\/([^/]+)$/.exec(ctx.path)?.[1]
  if (id === undefined) return // no body: the 404 of a request nothing answered
  const order = orders.get(id)
  if (!order) throw notFound('No such order.') // or: ctx.throw(404, 'No such order.')
  ctx.body = order
})

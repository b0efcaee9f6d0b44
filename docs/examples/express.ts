import express from 'express'
import { notFound } from 'http-triage'
import { errorHandler, notFoundHandler } from 'http-triage/express'

const orders = new Map([['1', { id: '1', total: 42 }]])

export const app = express()
app.use(express.json())

app.get('/orders/:id', async (req, res) => {
  const order = orders.get(req.params.id)
  if (!order) throw notFound('No such order.')
  res.json(order)
})

app.use(notFoundHandler()) // after your routes
app.use(errorHandler({ log: console })) // last

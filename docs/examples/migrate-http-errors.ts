import express from 'express'
import createError from 'http-errors'
import { notFound } from 'http-triage'
import { errorHandler, notFoundHandler } from 'http-triage/express'

export const app = express()

// Existing code keeps working: http-triage reads `status`, `expose` and `headers`.
app.get('/widgets/:id', () => {
  throw createError(404, 'No such widget')
})

// New code can use http-triage's helpers, which also take a public code.
app.get('/orders/:id', () => {
  throw notFound('No such order.', { code: 'ORDER_NOT_FOUND' })
})

app.use(notFoundHandler())
app.use(errorHandler())

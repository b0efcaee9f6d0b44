import express from 'express'
import { type ExpressOptions, errorHandler, notFoundHandler } from 'http-triage/express'

// One options object: 404s are logged and shaped as every other error.
const triage: ExpressOptions = { log: console }

export const app = express()
app.get('/orders/:id', (req, res) => {
  res.json({ id: req.params.id })
})
app.use(notFoundHandler(triage))
app.use(errorHandler(triage))

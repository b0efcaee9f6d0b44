import Boom from '@hapi/boom'
import express from 'express'
import { errorHandler } from 'http-triage/express'

export const app = express()
// Keep throwing Boom errors: http-triage reads `isBoom`, `output.statusCode` and `output.headers`.
app.get('/users', () => {
  throw Boom.conflict('Email already registered')
})
app.use(errorHandler()) // replaces the hand-written handler

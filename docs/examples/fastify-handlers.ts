import Fastify from 'fastify'
import { errorHandler, notFoundHandler } from 'http-triage/fastify'

export const app = Fastify({
  logger: true,
  genReqId: () => crypto.randomUUID(), // your own ids are reused in the body and the header
})
app.setErrorHandler(errorHandler({ typeBase: 'https://api.example.com/problems/' }))
app.setNotFoundHandler(notFoundHandler())

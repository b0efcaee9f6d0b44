import Fastify from 'fastify'
import { httpTriage } from 'http-triage/fastify'

export const app = Fastify({ logger: true })
await app.register(httpTriage, {
  // Fastify answers schema failures with 400; http-triage with 422. Keep 400 for existing clients:
  classify: { overrides: { 'validation:fastify': 400 } },
})

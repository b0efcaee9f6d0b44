import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import * as forExpress from 'http-triage/express'
import { httpTriage } from 'http-triage/fastify'
import * as forHono from 'http-triage/hono'
import { openTelemetry } from 'http-triage/otel'

// Express: the same options for 404s and errors.
const triage = { log: console, report: openTelemetry() }
export const expressApp = express()
expressApp.use(forExpress.notFoundHandler(triage))
expressApp.use(forExpress.errorHandler(triage))

// Fastify: the plugin's options.
export const fastifyApp = Fastify({ logger: true })
await fastifyApp.register(httpTriage, { report: openTelemetry() })

// Hono: catchThrown() first, as for any Hono app.
export const honoApp = new Hono()
honoApp.use(forHono.catchThrown())
honoApp.onError(forHono.errorHandler(triage))
honoApp.notFound(forHono.notFoundHandler(triage))

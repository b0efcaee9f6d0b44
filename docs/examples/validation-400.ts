import { errorHandler } from 'http-triage/express'

// Every schema failure (zod, joi, Fastify's schema …) is a 400 in this API; the body is unchanged.
export const onError = errorHandler({ classify: { overrides: { VALIDATION_FAILED: 400 } } })

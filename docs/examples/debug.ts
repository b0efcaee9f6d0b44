import { errorHandler } from 'http-triage/express'

// Adds "debug": { name, message, stack, causes } to every body. Never in production.
export const onError = errorHandler({ debug: process.env.NODE_ENV === 'development' })

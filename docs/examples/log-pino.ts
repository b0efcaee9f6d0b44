import { errorHandler } from 'http-triage/express'
import pino from 'pino'

const logger = pino()
export const onError = errorHandler({ log: logger }) // pino serializes `err`; no configuration needed

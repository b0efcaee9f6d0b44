import { REDACTED_KEYS } from 'http-triage'
import { type ExpressOptions, errorHandler } from 'http-triage/express'
import pino from 'pino'

// The defaults redact authorization, cookies, passwords, secrets, tokens, API keys and signatures,
// wherever they sit in the error; add the names your own services use.
export const triage: ExpressOptions = { log: pino(), redact: [...REDACTED_KEYS, 'x-session-id'] }

export const onError = errorHandler(triage)

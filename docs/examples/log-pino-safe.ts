import type { Classification } from 'http-triage'
import { errorHandler } from 'http-triage/express'
import pino from 'pino'

// HTTP client errors (axios, got …) carry the request they made, headers included: keep them out of the logs.
const CLIENT_INTERNALS = ['config', 'request', 'response', 'options', 'timings']

export const serializers = {
  err: (error: Error) => {
    const out = pino.stdSerializers.err(error)
    for (const key of CLIENT_INTERNALS) delete out[key]
    return out
  },
  // `cause` is the value that decided: the error itself, or one of its causes. `err` has it already.
  classification: ({ cause: _cause, ...rest }: Classification) => rest,
}

export const onError = errorHandler({ log: pino({ serializers }) })

import type { Formatter } from 'http-triage'
import { errorHandler } from 'http-triage/fetch'

// The classification never holds a 5xx's internals, so whatever you build from it is safe.
const envelope: Formatter = (classification, context) => ({
  ok: false,
  error: {
    code: classification.code,
    message: context.message,
    requestId: context.requestId,
    ...(classification.details ? { fields: classification.details } : {}),
  },
})

export const onError = errorHandler({ format: envelope }) // Content-Type: application/json

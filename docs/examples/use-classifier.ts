import { createClassifier } from 'http-triage'
import { errorHandler } from 'http-triage/express'

// A classifier made once can serve several handlers, or be called directly in a job or a test.
export const classify = createClassifier({
  rules: [(error) => (error instanceof RangeError ? { status: 400 } : undefined)],
  overrides: { VALIDATION_FAILED: 400 },
})
export const onError = errorHandler({ classify })

import { errorHandler } from 'http-triage/express'

// { "error": "Not Found", "code": "NOT_FOUND", "message": "No such order.", "status": 404, "request_id": "…", "retryable": false }
export const onError = errorHandler({ format: 'json' })

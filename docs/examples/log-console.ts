import { errorHandler } from 'http-triage/express'

export const onError = errorHandler({
  log: console, // 5xx → console.error, 4xx → console.warn
  clientErrorLevel: 'silent', // don't log 4xx at all
})

import { errorHandler } from 'http-triage/fetch'

export const onError = errorHandler({
  requestIdHeader: 'x-correlation-id', // read the id from this header (false: never trust incoming ids)
  generateRequestId: () => crypto.randomUUID(), // instead of ULIDs
})

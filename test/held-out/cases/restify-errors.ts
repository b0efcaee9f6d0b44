import { createRequire } from 'node:module'
import type { Collect } from '../case.js'

// restify-errors ships no types (and @types/restify-errors is for v4): the constructors we use.
type RestifyError = new (message?: string) => Error
const errors = createRequire(import.meta.url)('restify-errors') as Record<
  'NotFoundError' | 'InvalidContentError' | 'TooManyRequestsError',
  RestifyError
>

// Errors a restify handler passes to next(); they carry statusCode and a body.code.
export const collect: Collect = async () => {
  const handle = (fail: () => Error): unknown => {
    try {
      throw fail()
    } catch (error) {
      return error
    }
  }
  return [
    {
      library: 'restify-errors',
      what: 'a handler raised NotFoundError (statusCode 404)',
      why: 'an error that carries its status',
      expect: { status: 404 },
      error: handle(() => new errors.NotFoundError('user 42 not found')),
    },
    {
      library: 'restify-errors',
      what: 'a handler raised InvalidContentError for an unparsable body (statusCode 400)',
      why: 'an error that carries its status',
      expect: { status: 400 },
      error: handle(() => new errors.InvalidContentError('Invalid JSON: Unexpected end')),
    },
    {
      library: 'restify-errors',
      what: 'a handler raised TooManyRequestsError (statusCode 429)',
      why: 'an error that carries its status',
      expect: { status: 429 },
      error: handle(() => new errors.TooManyRequestsError('slow down')),
    },
  ]
}

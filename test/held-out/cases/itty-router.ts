import { StatusError } from 'itty-router'
import type { Collect } from '../case.js'

// itty-router's StatusError, thrown from a route handler.
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
      library: 'itty-router',
      what: 'a route threw StatusError(404)',
      why: 'an error that carries its status',
      expect: { status: 404 },
      error: handle(() => new StatusError(404, 'Widget not found')),
    },
    {
      library: 'itty-router',
      what: 'a route threw StatusError(409)',
      why: 'an error that carries its status',
      expect: { status: 409 },
      error: handle(() => new StatusError(409, 'Widget name taken')),
    },
  ]
}

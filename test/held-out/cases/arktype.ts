import { type } from 'arktype'
import type { Collect } from '../case.js'

export const collect: Collect = async () => {
  const signup = type({ email: 'string.email', age: 'number.integer >= 0' })
  let asserted: unknown
  try {
    signup.assert({ email: 'not-an-email', age: -1 })
  } catch (error) {
    asserted = error
  }
  const query = type({ page: 'string.integer.parse', 'sort?': "'asc' | 'desc'" })
  const returned = query({ page: 'two', sort: 'up' })
  let thrown: unknown
  try {
    if (returned instanceof type.errors) returned.throw()
  } catch (error) {
    thrown = error
  }
  return [
    {
      library: 'arktype',
      what: 'signup body fails type.assert (bad email, negative age): TraversalError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: asserted,
    },
    {
      library: 'arktype',
      what: 'query string fails a parsing morph and a union; ArkErrors.throw()',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: thrown,
    },
  ]
}

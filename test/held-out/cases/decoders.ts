import { array, email, number, object, optional, positiveInteger, string } from 'decoders'
import type { Collect } from '../case.js'

const library = 'decoders'

/** What `verify` throws for `blob`. */
function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

export const collect: Collect = async () => {
  const signup = object({
    email: email,
    name: string,
    age: optional(positiveInteger),
    tags: optional(array(string)),
  })
  const point = object({ lat: number, lng: number })
  return [
    {
      library,
      what: 'verify() of a request body whose email is not an email: Error whose message is the annotated input',
      why: 'schema validation of client input: 422',
      expect: { status: 422 },
      error: thrownBy(() => signup.verify({ email: 'not-an-email', name: 'Ada' })),
    },
    {
      library,
      what: 'verify() of a request body missing a required field and with a negative age',
      why: 'schema validation of client input: 422',
      expect: { status: 422 },
      error: thrownBy(() => signup.verify({ email: 'ada@example.com', age: -3 })),
    },
    {
      library,
      what: 'verify() of a nested array item of the wrong type',
      why: 'schema validation of client input: 422',
      expect: { status: 422 },
      error: thrownBy(() => signup.verify({ email: 'ada@example.com', name: 'Ada', tags: ['a', 7] })),
    },
    {
      library,
      what: 'verify() of a query whose coordinates are strings',
      why: 'schema validation of client input: 422',
      expect: { status: 422 },
      error: thrownBy(() => point.verify({ lat: '52.1', lng: 4 })),
    },
  ]
}

// @ts-expect-error: the package's "exports" give its ESM entry no types, so it is untyped here
import Schema, { array, number, string } from 'computed-types'
import type { Collect } from '../case.js'

/** What a validator throws for `input`. */
function failure(validate: (input: unknown) => unknown, input: unknown): unknown {
  try {
    validate(input)
  } catch (error) {
    return error
  }
  throw new Error('expected the input to be rejected')
}

export const collect: Collect = async () => {
  const signup = Schema({
    name: string.trim().min(2),
    age: number.gte(13).integer(),
    tags: array.of(string).max(3),
  })
  const order = Schema({ sku: string.regexp(/^[A-Z]{3}-\d{4}$/), quantity: number.gte(1) })
  return [
    {
      library: 'computed-types',
      what: 'schema call on a signup body with a one-letter name and age 9: ValidationError with errors[]',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(signup, { name: 'a', age: 9, tags: ['new'] }),
    },
    {
      library: 'computed-types',
      what: 'schema call on a signup body whose tags is a string: "Expecting value to be an array"',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(signup, { name: 'Ada', age: 36, tags: 'admin' }),
    },
    {
      library: 'computed-types',
      what: 'schema call on an order with a malformed sku and a missing quantity',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(order, { sku: 'abc' }),
    },
  ]
}

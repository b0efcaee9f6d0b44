import { type Schema, Validator } from 'jsonschema'
import type { Collect } from '../case.js'

export const collect: Collect = async () => {
  const failure = (run: () => unknown): unknown => {
    try {
      run()
    } catch (error) {
      return error
    }
    throw new Error('expected the input to be rejected')
  }
  const validator = new Validator()
  const order: Schema = {
    type: 'object',
    required: ['email', 'quantity'],
    additionalProperties: false,
    properties: {
      email: { type: 'string', format: 'email' },
      quantity: { type: 'integer', minimum: 1 },
    },
  }
  const body = { email: 'ada', quantity: 0, coupon: 'FREE' }
  return [
    {
      library: 'jsonschema',
      what: 'order body with an unknown property, throwError: ValidationError (no Error) named additionalProperties',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => validator.validate(body, order, { throwError: true })),
    },
    {
      library: 'jsonschema',
      what: 'order body without the required email, throwFirst: ValidatorResultError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => validator.validate({ quantity: 2 }, order, { throwFirst: true })),
    },
    {
      library: 'jsonschema',
      what: 'order body with three faults, throwAll: ValidatorResultError named Validation Error',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => validator.validate(body, order, { throwAll: true })),
    },
    {
      library: 'jsonschema',
      what: 'validation against a schema whose $ref was never added: SchemaError no such schema',
      why: 'a programmer error in our own schema: 500',
      expect: { status: 500 },
      error: failure(() => validator.validate(body, { $ref: 'urn:schemas:order' }, { throwError: true })),
    },
  ]
}

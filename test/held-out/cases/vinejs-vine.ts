import vine from '@vinejs/vine'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

export const collect: Collect = async () => {
  const validator = vine.compile(
    vine.object({ email: vine.string().email(), age: vine.number().min(18), terms: vine.accepted() }),
  )
  return [
    {
      library: '@vinejs/vine',
      what: 'validator.validate of a signup form with a bad email, age 3 and no terms: E_VALIDATION_ERROR',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: await rejectionOf(() => validator.validate({ email: 'x', age: 3 })),
    },
  ]
}

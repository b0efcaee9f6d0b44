import { Number as RNumber, Object as RObject, String as RString } from 'runtypes'
import type { Collect } from '../case.js'

export const collect: Collect = async () => {
  const order = RObject({ id: RNumber.withConstraint((n) => n > 0 || 'must be positive'), email: RString })
  let checked: unknown
  try {
    order.check({ id: -1 })
  } catch (error) {
    checked = error
  }
  return [
    {
      library: 'runtypes',
      what: 'Runtype.check of an order with a negative id and no email: ValidationError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: checked,
    },
  ]
}

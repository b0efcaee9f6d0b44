import { array, createCheckers, iface, lit, opt, union } from 'ts-interface-checker'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'ts-interface-checker'

// What `ts-interface-builder` generates from `interface Order { … }`, written out by hand.
const { Order } = createCheckers({
  Order: iface([], {
    email: 'string',
    qty: 'number',
    shipping: union(lit('standard'), lit('express')),
    tags: opt(array('string')),
  }),
})

/** What `run` throws; throws if it passes. */
function failure(run: () => void): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a validation failure')
}

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = [
    {
      library,
      what: 'Order.check on a body whose email is a number and qty is missing (VError, name "Error", path "value.email", a two-line message)',
      why: 'schema validation: 422 (the name is the common "Error")',
      expect: { status: 422 },
      error: failure(() => Order!.check({ email: 1, shipping: 'standard' })),
    },
    {
      library,
      what: 'Order.check on a body whose shipping is not one of the literals (VError "value.shipping is none of …")',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: failure(() => Order!.check({ email: 'a@example.com', qty: 1, shipping: 'drone' })),
    },
    {
      library,
      what: 'Order.strictCheck on a body with an extra property (VError "value.admin is extraneous")',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: failure(() =>
        Order!.strictCheck({ email: 'a@example.com', qty: 1, shipping: 'express', admin: true }),
      ),
    },
    {
      library,
      what: 'Order.getProp("tags").check on a tags array with a number in it (VError "value.tags[1] is not a string")',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: failure(() => Order!.getProp('tags').check(['gift', 7])),
    },
  ]
  return cases
}

import * as st from 'simple-runtypes'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'simple-runtypes'

/** What a runtype throws for an invalid value (a runtype is a function that throws). */
function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

export const collect: Collect = async () => {
  const signup = st.record({
    email: st.string({ match: /^[^@\s]+@[^@\s]+$/ }),
    age: st.integer({ min: 13 }),
    plan: st.union(st.literal('free'), st.literal('pro')),
  })
  const order = st.record({
    items: st.array(st.record({ sku: st.string({ minLength: 1 }), quantity: st.integer({ min: 1 }) })),
  })
  const cases: HeldOutCase[] = [
    {
      library,
      what: 'a request body whose email does not match (RuntypeError, reason, path, value)',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: thrownBy(() => signup({ email: 'not-an-email', age: 30, plan: 'free' })),
    },
    {
      library,
      what: 'a request body with a value outside a union of literals (RuntypeError from st.union)',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: thrownBy(() => signup({ email: 'ada@example.com', age: 30, plan: 'enterprise' })),
    },
    {
      library,
      what: 'a nested array item with quantity 0 (RuntypeError, path ["quantity", 1, "items"], innermost first)',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: thrownBy(() =>
        order({
          items: [
            { sku: 'a', quantity: 1 },
            { sku: 'b', quantity: 0 },
          ],
        }),
      ),
    },
  ]
  return cases
}

import * as t from 'typanion'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'typanion'

/** What a synchronous call throws; throws if it returns. */
function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// The body schema of a POST /signup handler.
const isSignup = t.isObject({
  email: t.cascade(t.isString(), [t.matchesRegExp(/^[^@\s]+@[^@\s]+$/)]),
  age: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(13, 130)]),
  plan: t.isEnum(['free', 'pro'] as const),
  tags: t.isOptional(t.isArray(t.isString())),
})

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = [
    {
      library,
      what: 'assertWithErrors of a signup body with a bad email, an age of 9 and an unknown plan (TypeAssertionError, name "Error", the issues only in the message)',
      why: "schema validation of our client's body: 422",
      expect: { status: 422 },
      error: thrownBy(() => t.assertWithErrors({ email: 'not-an-email', age: 9, plan: 'gold' }, isSignup)),
    },
    {
      library,
      what: 'assertWithErrors of a signup body with an extraneous property and a tags item that is a number',
      why: "schema validation of our client's body: 422",
      expect: { status: 422 },
      error: thrownBy(() =>
        t.assertWithErrors(
          { email: 'ada@example.com', age: 36, plan: 'pro', tags: ['a', 2], admin: true },
          isSignup,
        ),
      ),
    },
    {
      library,
      what: 'assert (no error collection) of a body that is an array: a bare TypeAssertionError "Type mismatch"',
      why: "schema validation of our client's body: 422",
      expect: { status: 422 },
      error: thrownBy(() => t.assert([1, 2, 3], isSignup)),
    },
  ]
  return cases
}

import * as S from 'sury'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'sury'

// S.object with s.field: the S.schema({ … }) shorthand trips a circular-type error under TypeScript 6.
const order = S.object((s) => ({
  email: s.field('email', S.string),
  qty: s.field('qty', S.int32),
  shipping: s.field('shipping', S.union(['standard', 'express'])),
}))

/** What S.parseOrThrow throws for `input`; throws if it parses. */
function failure(input: unknown): unknown {
  try {
    S.parseOrThrow(input, order)
  } catch (error) {
    return error
  }
  throw new Error('expected a validation failure')
}

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = [
    {
      library,
      what: 'a request body whose qty is 1.5 (SuryError "Failed at qty: Expected int32, received 1.5", code invalid_input, path ["qty"])',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: failure({ email: 'a@example.com', qty: 1.5, shipping: 'standard' }),
    },
    {
      library,
      what: 'a request body without email (SuryError, path ["email"], received undefined)',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: failure({ qty: 1, shipping: 'standard' }),
    },
    {
      library,
      what: "a request body whose shipping is none of the union's literals (SuryError with unionErrors)",
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: failure({ email: 'a@example.com', qty: 1, shipping: 'drone' }),
    },
    {
      library,
      what: 'a request body that is a string, not an object (SuryError at the root, path [])',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: failure('qty=1'),
    },
  ]
  return cases
}

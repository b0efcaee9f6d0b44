import { s } from '@sapphire/shapeshift'
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
  const signup = s.object({
    email: s.string().email(),
    password: s.string().lengthGreaterThanOrEqual(8),
    age: s.number().int().greaterThanOrEqual(13).optional(),
  })
  const listQuery = s.object({ sort: s.enum(['asc', 'desc']), limit: s.number().int().lessThanOrEqual(100) })
  const payment = s.union([
    s.object({ method: s.literal('card'), token: s.string() }),
    s.object({ method: s.literal('iban'), iban: s.string().lengthEqual(22) }),
  ])
  return [
    {
      library: '@sapphire/shapeshift',
      what: 'signup body with a bad email, a short password and a fractional age: CombinedPropertyError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => signup.parse({ email: 'ada@', password: 'short', age: 9.5 })),
    },
    {
      library: '@sapphire/shapeshift',
      what: 'signup body without the required email: CombinedPropertyError of a MissingPropertyError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => signup.parse({ password: 'long enough' })),
    },
    {
      library: '@sapphire/shapeshift',
      what: 'a JSON body that is a string where an object is expected: ValidationError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => signup.parse('ada@example.com')),
    },
    {
      library: '@sapphire/shapeshift',
      what: 'a list query with sort=sideways and limit=500: CombinedPropertyError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => listQuery.parse({ sort: 'sideways', limit: 500 })),
    },
    {
      library: '@sapphire/shapeshift',
      what: 'a payment body that matches no branch of a union: CombinedError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: failure(() => payment.parse({ method: 'cash' })),
    },
  ]
}

import { compile, ensure, v } from 'suretype'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'suretype'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

export const collect: Collect = async () => {
  const contact = v.object({
    email: v.string().format('email').required(),
    age: v.number().integer().gte(0),
  })
  const ensureTag = compile(v.object({ tag: v.string().matches('^[a-z-]+$').required() }), { ensure: true })
  const cases: HeldOutCase[] = [
    {
      library,
      what: 'ensure() on a body with a bad email and a negative age (ValidationError, name Error, errors[] ajv-like, explanation in the message)',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: thrownBy(() => ensure(contact, { email: 'x', age: -1 })),
    },
    {
      library,
      what: 'a compiled { ensure: true } validator on a body without its required field (ValidationError)',
      why: 'schema validation: 422',
      expect: { status: 422 },
      error: thrownBy(() => ensureTag({ label: 'x' })),
    },
  ]
  return cases
}

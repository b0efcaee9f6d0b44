import v8nModule from 'v8n'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'v8n'

// v8n's types declare an ES default export, but its CommonJS build exports the function itself.
const v8n = v8nModule as unknown as typeof v8nModule.default

// A signup body as a handler receives it (already parsed JSON), checked with v8n.
const signup = v8n().schema({
  email: v8n()
    .string()
    .pattern(/^[^@\s]+@[^@\s]+$/),
  age: v8n().number().integer().between(13, 130),
  tags: v8n().array().every.string(),
})

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  cases.push({
    library,
    what: 'check() of a request body against a schema (ValidationError with name "Error" and an empty message, rule "schema", cause: an array of nested ValidationErrors for email and age)',
    why: 'schema validation of the request body: 422',
    expect: { status: 422 },
    error: await rejectionOf(() => signup.check({ email: 'not-an-email', age: 7.5, tags: ['a'] })),
  })
  cases.push({
    library,
    what: 'check() of a query value, ?limit=500 against between(1, 100) (ValidationError, rule "between", cause null)',
    why: 'schema validation of the request query: 422',
    expect: { status: 422 },
    error: await rejectionOf(() => v8n().number().between(1, 100).check(500)),
  })
  // An async rule: the username must not be taken (a lookup that awaits before it decides).
  const taken = new Set(['alice'])
  const available = () => async (value: string) => {
    await new Promise((resolve) => setTimeout(resolve, 5))
    return !taken.has(value)
  }
  v8n.extend({ available })
  cases.push({
    library,
    what: 'testAsync() with an async rule that resolves false (rejects with ValidationError, rule "available")',
    why: 'schema validation of the request body: 422',
    expect: { status: 422 },
    error: await rejectionOf(() =>
      (v8n().string().minLength(3) as unknown as { available(): ReturnType<typeof v8n> })
        .available()
        .testAsync('alice'),
    ),
  })
  return cases
}

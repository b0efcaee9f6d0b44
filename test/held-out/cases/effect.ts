import { Effect, Schema } from 'effect'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

export const collect: Collect = async () => {
  const person = Schema.Struct({ name: Schema.String, age: Schema.Number.check(Schema.isGreaterThan(0)) })
  let sync: unknown
  try {
    Schema.decodeUnknownSync(person)({ name: 1, age: -1 })
  } catch (error) {
    sync = error
  }
  const program = Effect.gen(function* () {
    const input = yield* Schema.decodeUnknownEffect(person)({ age: 'forty' })
    return input.name
  })
  const slow = Effect.sleep('2 seconds').pipe(Effect.timeout('20 millis'))
  return [
    {
      library: 'effect',
      what: 'Schema.decodeUnknownSync of a body with wrong types: SchemaError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: sync,
    },
    {
      library: 'effect',
      what: 'Effect.runPromise of a program whose Schema decode of the input fails: SchemaError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: await rejectionOf(() => Effect.runPromise(program)),
    },
    {
      library: 'effect',
      what: 'Effect.timeout(20 ms) around a slow step: Cause TimeoutError',
      why: 'dependency too slow: a timeout combinator fired (like p-timeout)',
      expect: { status: 504, retryable: true },
      error: await rejectionOf(() => Effect.runPromise(slow)),
    },
  ]
}

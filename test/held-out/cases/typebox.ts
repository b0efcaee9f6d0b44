import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { Collect } from '../case.js'

export const collect: Collect = async () => {
  const body = Type.Object({ id: Type.String({ format: 'uuid' }), quantity: Type.Integer({ minimum: 1 }) })
  let parsed: unknown
  try {
    Value.Parse(body, { quantity: 0 })
  } catch (error) {
    parsed = error
  }
  const port = Type.Transform(Type.String({ pattern: '^[0-9]+$' }))
    .Decode((s) => Number(s))
    .Encode((n) => String(n))
  let decoded: unknown
  try {
    Value.Decode(port, 8080)
  } catch (error) {
    decoded = error
  }
  return [
    {
      library: '@sinclair/typebox',
      what: 'Value.Parse of a body missing a property and with quantity 0: AssertError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: parsed,
    },
    {
      library: '@sinclair/typebox',
      what: 'Value.Decode of a number where a numeric string is expected: TransformDecodeCheckError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: decoded,
    },
  ]
}

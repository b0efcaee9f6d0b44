import * as v from '@badrap/valita'
import type { Collect } from '../case.js'

export const collect: Collect = async () => {
  const item = v.object({ id: v.string(), price: v.number() })
  let parsed: unknown
  try {
    item.parse({ id: 1 })
  } catch (error) {
    parsed = error
  }
  return [
    {
      library: '@badrap/valita',
      what: 'type.parse of an item with a numeric id and no price: ValitaError',
      why: 'schema validation of client input',
      expect: { status: 422 },
      error: parsed,
    },
  ]
}

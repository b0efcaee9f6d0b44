import { create, insert, search } from '@orama/orama'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = '@orama/orama'

export const collect: Collect = async () => {
  // An in-process full-text search index of products, filled from our own catalogue.
  const db = create({
    schema: { id: 'string', title: 'string', price: 'number', tags: 'string[]' } as const,
  })
  await insert(db, { id: 'sku-1', title: 'Blue mug', price: 12, tags: ['kitchen'] })
  const cases: HeldOutCase[] = [
    {
      library,
      what: 'insert of a document whose id is already indexed (Error with code DOCUMENT_ALREADY_EXISTS)',
      why: 'conflicts: unique violation in a store, 409',
      expect: { status: 409 },
      error: await rejectionOf(() => insert(db, { id: 'sku-1', title: 'Red mug', price: 14, tags: [] })),
    },
    {
      library,
      what: 'insert of a document whose price is a string, against a number schema (Error with code SCHEMA_VALIDATION_FAILURE)',
      why: 'schema validation / check violation of a store: the data was well-formed but not acceptable, 422',
      expect: { status: 422 },
      error: await rejectionOf(() =>
        insert(db, { id: 'sku-2', title: 'Green mug', price: '12.50' as unknown as number, tags: [] }),
      ),
    },
    {
      library,
      what: 'search with a where filter on a property the schema does not have (Error with code UNKNOWN_FILTER_PROPERTY)',
      why: 'everything else: our code asked the index a bad question, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => search(db, { term: 'mug', where: { colour: 'blue' } as never })),
    },
  ]
  return cases
}

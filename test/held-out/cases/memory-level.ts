import { MemoryLevel } from 'memory-level'
import type { Collect, HeldOutCase } from '../case.js'
import { rejectionOf } from '../case.js'

const library = 'memory-level'
const why = 'our own bug or misconfiguration of an embedded store → everything else'

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const db = new MemoryLevel<string, string>()
  await db.open()
  try {
    await db.put('session:abc', 'not json {')
    cases.push({
      library,
      what: 'db.get with valueEncoding json of a value an older release stored as plain text: LEVEL_DECODE_ERROR',
      why,
      expect: { status: 500 },
      error: await rejectionOf(() => db.get('session:abc', { valueEncoding: 'json' })),
    })
    cases.push({
      library,
      what: 'db.get with a valueEncoding our code names but nobody registered: LEVEL_ENCODING_NOT_FOUND',
      why,
      expect: { status: 500 },
      error: await rejectionOf(() => db.get('session:abc', { valueEncoding: 'msgpack' })),
    })
    cases.push({
      library,
      what: 'db.put with the key our handler built from an undefined id: LEVEL_INVALID_KEY',
      why: 'our code passed undefined (the input was not validated first) → 500',
      expect: { status: 500 },
      error: await rejectionOf(() => db.put(undefined as unknown as string, '{}')),
    })
    const batch = db.batch().put('cart:1', '[]')
    await batch.write()
    cases.push({
      library,
      what: 'chained batch written twice by our code: LEVEL_BATCH_NOT_OPEN',
      why,
      expect: { status: 500 },
      error: await rejectionOf(() => batch.put('cart:2', '[]').write()),
    })
    const closing = new MemoryLevel<string, string>()
    await closing.open()
    await closing.close()
    cases.push({
      library,
      what: 'db.get on a store our shutdown hook already closed: LEVEL_DATABASE_NOT_OPEN',
      why,
      expect: { status: 500 },
      error: await rejectionOf(() => closing.get('session:abc')),
    })
    return cases
  } finally {
    await db.close()
  }
}

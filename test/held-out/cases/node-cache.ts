import NodeCache from 'node-cache'
import type { Collect, HeldOutCase } from '../case.js'
import { caseAdder } from './support/http-matrix.js'

const library = 'node-cache'

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// An in-process node-cache in front of our handlers. Its errors carry `name` and `errorcode`
// (ECACHEFULL, EKEYTYPE …), no `code`. Every one is our own code or configuration at fault.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = caseAdder(library, cases)
  const cache = new NodeCache({ maxKeys: 2, checkperiod: 0, stdTTL: 60 })
  try {
    cache.set('user:1', { id: 1 })
    cache.set('user:2', { id: 2 })
    add(
      'set of a third key in a cache created with maxKeys 2',
      'our configuration (in-process cache sized too small): 500',
      { status: 500 },
      thrown(() => cache.set('user:3', { id: 3 })),
    )
    add(
      'mset of two entries into the full cache',
      'our configuration (in-process cache sized too small): 500',
      { status: 500 },
      thrown(() =>
        cache.mset([
          { key: 'a', val: 1 },
          { key: 'b', val: 2 },
        ]),
      ),
    )
    // `?id[a]=1` parsed by qs: the key our handler passed on is an object.
    const id: unknown = { a: '1' }
    add(
      'get with a key taken unchecked from a parsed query string (an object)',
      'our own bug (unvalidated key reached the cache): 500',
      { status: 500 },
      thrown(() => cache.get(id as string)),
    )
    add(
      'mget given one key string instead of an array',
      'our own bug: 500',
      { status: 500 },
      thrown(() => cache.mget('user:1' as unknown as string[])),
    )
    const open = new NodeCache({ checkperiod: 0 })
    add(
      'mset with a ttl read from config as the string "60"',
      'our configuration: 500',
      { status: 500 },
      thrown(() => open.mset([{ key: 'a', val: 1, ttl: '60' as unknown as number }])),
    )
    open.close()
  } finally {
    cache.close()
  }
  return cases
}

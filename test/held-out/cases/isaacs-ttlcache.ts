import { TTLCache } from '@isaacs/ttlcache'
import type { HeldOutCase } from '../case.js'

const library = '@isaacs/ttlcache'

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

/** A response cache in the server, built from its config: what it throws for our own mistakes. */
export async function collect(): Promise<HeldOutCase[]> {
  const config = { ttl: Number.parseInt('-30000', 10), max: Number('') }
  const cache = new TTLCache<string, string>({ ttl: 60_000, max: 1000 })
  const dispose = 'evict'
  try {
    return [
      {
        library,
        what: 'new TTLCache with ttl -30000 from our config: TypeError "ttl must be positive integer or Infinity if set"',
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error: thrownBy(() => new TTLCache({ ttl: config.ttl })),
      },
      {
        library,
        what: 'new TTLCache with max 0 (an unset env var read as Number("")): TypeError "max must be positive integer or Infinity"',
        why: 'our misconfiguration: 500',
        expect: { status: 500 },
        error: thrownBy(() => new TTLCache({ max: config.max, ttl: 1000 })),
      },
      {
        library,
        what: 'new TTLCache with dispose set to a string (our bug): TypeError "dispose must be function if set"',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: thrownBy(() => new TTLCache({ ttl: 1000, dispose: dispose as unknown as () => void })),
      },
      {
        library,
        what: 'cache.set with ttl 1.5 seconds computed by our code (not an integer of ms): TypeError "ttl must be positive integer or Infinity"',
        why: 'our bug: 500',
        expect: { status: 500 },
        error: thrownBy(() => cache.set('page:/home', '<html>', { ttl: 90 / 60 })),
      },
    ]
  } finally {
    cache.clear()
  }
}

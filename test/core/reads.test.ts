import createError from 'http-errors'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { classify } from '../../src/index.js'

/** A Proxy over `target` that counts every trap by kind and key, and optionally throws at one. */
function counting(target: object, throwAt?: string) {
  const counts = new Map<string, number>()
  const log: string[] = []
  const note = (trap: string, key: PropertyKey) => {
    const name = `${trap}:${String(key)}`
    counts.set(name, (counts.get(name) ?? 0) + 1)
    log.push(name)
    if (name === throwAt) throw new Error(`hostile ${name}`)
  }
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      note('get', key)
      return Reflect.get(t, key, receiver)
    },
    has(t, key) {
      note('has', key)
      return Reflect.has(t, key)
    },
    ownKeys(t) {
      note('ownKeys', '*')
      return Reflect.ownKeys(t)
    },
    getOwnPropertyDescriptor(t, key) {
      note('descriptor', key)
      return Reflect.getOwnPropertyDescriptor(t, key)
    },
    getPrototypeOf(t) {
      note('getPrototypeOf', '*')
      return Reflect.getPrototypeOf(t)
    },
  })
  return { proxy, counts, log }
}

const zodError = z.object({ email: z.email() }).safeParse({ email: 'nope' }).error as z.ZodError

const values: Record<string, () => object> = {
  'a plain Error': () => new Error('x'),
  'a TypeError': () => new TypeError('x is not a function'),
  'an http-errors 404': () => createError(404, 'no such order'),
  'fetch failed ← ECONNREFUSED': () =>
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
        code: 'ECONNREFUSED',
        errno: -111,
      }),
    }),
  'a zod failure': () => zodError,
  'a pg 23505': () =>
    Object.assign(new Error('duplicate key'), { code: '23505', severity: 'ERROR', routine: 'x' }),
  'an SDK error with an upstream 401': () =>
    Object.assign(new Error('401 bad key'), {
      status: 401,
      headers: { date: 'Tue, 01 Dec 2026 00:00:00 GMT' },
    }),
  'a wrapper with a cause': () => new Error('load failed', { cause: new Error('inner') }),
}

describe('one read per property', () => {
  for (const [label, make] of Object.entries(values)) {
    it(`reads no property of ${label} more than once per classification`, () => {
      const { proxy, counts } = counting(make())
      const expected = classify(make())
      const got = classify(proxy)
      expect(got.status).toBe(expected.status)
      const repeated = [...counts].filter(([, n]) => n > 1)
      expect(repeated).toEqual([])
    })
  }

  it('reads a value no more after the first read that throws', () => {
    for (const at of ['ownKeys:*', 'get:name', 'get:code', 'get:status', 'get:cause']) {
      const { proxy, log } = counting(new Error('x', { cause: new Error('y') }), at)
      expect(classify(proxy).status).toBe(500)
      expect(log.indexOf(at), at).toBeGreaterThanOrEqual(0)
      expect(log.slice(log.indexOf(at) + 1), `after ${at}`).toEqual([])
    }
  })

  it('costs a Proxy whose every trap throws one trap', () => {
    let traps = 0
    const hostile = new Proxy(
      {},
      {
        get: () => {
          traps++
          throw new Error('get')
        },
        ownKeys: () => {
          traps++
          throw new Error('ownKeys')
        },
        has: () => {
          traps++
          throw new Error('has')
        },
        getOwnPropertyDescriptor: () => {
          traps++
          throw new Error('descriptor')
        },
        getPrototypeOf: () => {
          traps++
          throw new Error('getPrototypeOf')
        },
      },
    )
    expect(classify(hostile)).toMatchObject({ status: 500, rule: 'fallback' })
    expect(traps).toBe(1)
  })
})

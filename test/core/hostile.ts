/** Thrown values built to break a classifier: shared by the totality and reliability tests. */
export function hostileValues(): Record<string, () => unknown> {
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error('get trap')
      },
      has() {
        throw new Error('has trap')
      },
      ownKeys() {
        throw new Error('ownKeys trap')
      },
      getPrototypeOf() {
        throw new Error('getPrototypeOf trap')
      },
      getOwnPropertyDescriptor() {
        throw new Error('descriptor trap')
      },
    },
  )
  const revocable = Proxy.revocable({}, {})
  revocable.revoke()
  const getters = Object.create(null)
  for (const key of [
    'status',
    'statusCode',
    'message',
    'cause',
    'name',
    'code',
    'constructor',
    'errors',
    'stack',
  ]) {
    Object.defineProperty(getters, key, {
      enumerable: true,
      get() {
        throw new Error(`getter ${key}`)
      },
    })
  }
  const cyclic = new Error('a') as Error & { cause?: unknown }
  const other = new Error('b', { cause: cyclic })
  cyclic.cause = other
  let deep: unknown = new Error('bottom')
  for (let i = 0; i < 10_000; i++) deep = new Error(`level ${i}`, { cause: deep })
  const frozen = Object.freeze(Object.assign(new Error('frozen'), { status: 404 }))
  const nullProto = Object.assign(Object.create(null), { status: 409, message: 'no prototype' })
  const lying = new Proxy(new Error('lies'), {
    get(target, key) {
      if (key === 'status') return { valueOf: () => 404 }
      return Reflect.get(target, key)
    },
  })
  const toPrimitive = {
    [Symbol.toPrimitive]: () => {
      throw new Error('toPrimitive')
    },
    toJSON: () => {
      throw new Error('toJSON')
    },
  }
  const aggregate = new AggregateError([throwing, revocable.proxy, null], '')
  return {
    null: () => null,
    undefined: () => undefined,
    string: () => 'a thrown string',
    empty: () => '',
    number: () => 42,
    nan: () => Number.NaN,
    symbol: () => Symbol('thrown'),
    bigint: () => 10n ** 30n,
    boolean: () => false,
    function: () => () => 1,
    array: () => [1, 'two', null],
    frozen: () => frozen,
    'null prototype': () => nullProto,
    'getters that throw': () => getters,
    'proxy whose traps throw': () => throwing,
    'revoked proxy': () => revocable.proxy,
    'lying proxy': () => lying,
    'cyclic cause chain': () => cyclic,
    'cause chain 10,000 deep': () => deep,
    'toJSON and toPrimitive that throw': () => toPrimitive,
    'aggregate of hostile values': () => aggregate,
    'message of 1 MB': () => new Error('x'.repeat(1 << 20)),
    '__proto__ key': () => JSON.parse('{"__proto__":{"status":404},"constructor":{"name":"HttpError"}}'),
  }
}

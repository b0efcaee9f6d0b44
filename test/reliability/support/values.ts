import vm from 'node:vm'
import fc from 'fast-check'
import { hostileValues } from '../../core/hostile.js'

/**
 * Every hand-made hostile value: the shared list of test/core/hostile.ts plus the ones a
 * reliability suite adds (errors with throwing getters, Proxies on errors, values from another
 * realm, forged framework errors, hostile headers and issue lists).
 */
export function allHostileValues(): Record<string, () => unknown> {
  return { ...hostileValues(), ...moreHostileValues() }
}

/** Names and values, built once: tests pick them by index, never through fast-check. */
export function hostileList(): { names: string[]; values: unknown[] } {
  const entries = Object.entries(allHostileValues())
  return { names: entries.map(([name]) => name), values: entries.map(([, make]) => make()) }
}

function throwingGetters(target: object, keys: readonly string[]): object {
  for (const key of keys) {
    Object.defineProperty(target, key, {
      configurable: true,
      enumerable: true,
      get() {
        throw new Error(`getter ${key}`)
      },
    })
  }
  return target
}

/** A Proxy whose every trap throws, around `target`. */
function allTrapsThrow(target: object): object {
  const handler: ProxyHandler<object> = {}
  for (const trap of [
    'apply',
    'construct',
    'defineProperty',
    'deleteProperty',
    'get',
    'getOwnPropertyDescriptor',
    'getPrototypeOf',
    'has',
    'isExtensible',
    'ownKeys',
    'preventExtensions',
    'set',
    'setPrototypeOf',
  ] as const) {
    handler[trap] = () => {
      throw new Error(`${trap} trap`)
    }
  }
  return new Proxy(target, handler)
}

function moreHostileValues(): Record<string, () => unknown> {
  // `stack` first: V8 formats the stack (reading `name`) when its own accessor is replaced.
  const errorWithGetters = throwingGetters(new Error('getters on an Error'), [
    'stack',
    'status',
    'statusCode',
    'message',
    'cause',
    'name',
    'constructor',
    'code',
    'errors',
    'headers',
    'expose',
    'issues',
    'details',
    'response',
    'res',
    'getResponse',
    'isBoom',
    'output',
  ])
  const revocable = Proxy.revocable(new Error('revoked'), {})
  revocable.revoke()
  // A getter that makes a new error each time: a chain with no cycle and no end.
  const endless: { cause?: unknown } = {}
  Object.defineProperty(endless, 'cause', {
    get: () =>
      Object.assign(new Error('endless'), {
        get cause() {
          return endless
        },
      }),
  })
  const fresh = (): object => ({
    get cause() {
      return fresh()
    },
    message: 'ever deeper',
  })
  const wideAggregate = new AggregateError(
    Array.from({ length: 100_000 }, (_, i) => ({ message: `member ${i}`, code: `E${i}` })),
    'wide',
  )
  const longPath = Array.from({ length: 1000 }, () => 'deep')
  const longMessage = 'm'.repeat(10_000)
  const manyIssues = Object.assign(new Error('too many issues'), {
    name: 'ZodError',
    issues: Array.from({ length: 100_000 }, () => ({ code: 'custom', path: longPath, message: longMessage })),
  })
  const hostileIssues = Object.assign(new Error('hostile issues'), {
    name: 'ZodError',
    issues: [allTrapsThrow({}), null, 42, throwingGetters({}, ['path', 'message', 'code', 'input'])],
  })
  const lyingArray = new Proxy([1, 2, 3], {
    get(target, key) {
      if (key === 'length') return 2 ** 32 - 1
      return Reflect.get(target, key)
    },
  })
  const realm = (code: string) => () => vm.runInNewContext(code)
  return {
    'Error whose getters throw (status, message, cause, name, constructor …)': () => errorWithGetters,
    'Proxy of an Error whose every trap throws': () => allTrapsThrow(new Error('proxied')),
    'Proxy of a function whose every trap throws': () => allTrapsThrow(() => {}),
    'revoked Proxy of an Error': () => revocable.proxy,
    'cause Proxy whose every trap throws': () => new Error('outer', { cause: allTrapsThrow({}) }),
    'status that is a throwing toPrimitive object': () =>
      Object.assign(new Error('status object'), {
        status: {
          [Symbol.toPrimitive]() {
            throw new Error('toPrimitive')
          },
        },
      }),
    'cause getter that returns a new error each time': () => endless,
    'cause chain without end (a fresh object per read)': fresh,
    'AggregateError of 100,000 members': () => wideAggregate,
    'validation error with 100,000 issues of 10 kB': () => manyIssues,
    'validation error with hostile issues': () => hostileIssues,
    'errors array whose length lies': () => Object.assign(new Error('lying errors'), { errors: lyingArray }),
    'headers that inject CRLF, cookies and a Proxy': () =>
      Object.assign(new Error('bad headers'), {
        status: 401,
        headers: {
          'www-authenticate': 'Bearer\r\nSet-Cookie: a=b',
          'set-cookie': 'session=stolen',
          location: 'https://evil.example',
          'retry-after': '\u0000',
          allow: allTrapsThrow({}),
        },
      }),
    'headers that are a Proxy whose traps throw': () =>
      Object.assign(new Error('proxy headers'), { status: 429, headers: allTrapsThrow({}) }),
    'retryAfter of Infinity, NaN and -1': () =>
      Object.assign(new Error('retry'), {
        status: 503,
        retryAfter: Number.POSITIVE_INFINITY,
        headers: { 'retry-after': '-1' },
      }),
    'Boom lookalike with a hostile output': () => ({ isBoom: true, output: allTrapsThrow({}) }),
    'forged Hono HTTPException whose getResponse throws': () =>
      Object.assign(new Error('forged'), {
        status: 500,
        res: { status: 500, headers: {} },
        getResponse() {
          throw new Error('getResponse')
        },
      }),
    'message that is a Proxy, code that is an object': () =>
      Object.assign(Object.create(Error.prototype), { message: allTrapsThrow({}), code: { toString: null } }),
    'object whose toString and valueOf throw': () => ({
      toString() {
        throw new Error('toString')
      },
      valueOf() {
        throw new Error('valueOf')
      },
    }),
    'Symbol.toStringTag getter that throws': () =>
      Object.defineProperty(new Error('tag'), Symbol.toStringTag, {
        get() {
          throw new Error('toStringTag')
        },
      }),
    'a Promise that rejects': () => {
      const promise = Promise.reject(new Error('rejected promise'))
      promise.catch(() => {})
      return promise
    },
    'a Response object with status 200': () => new Response('not an error', { status: 200 }),
    'lone surrogates and controls in a 4xx message': () =>
      Object.assign(new Error('\ud800\u0000\u001b[31m\u202e\r\nX-Injected: 1'), { status: 400 }),
    'realm: Error': realm(`new Error('from another realm')`),
    'realm: TypeError with an ECONNREFUSED cause': realm(
      `const e = new TypeError('fetch failed'); e.cause = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }); e`,
    ),
    'realm: error with status 404': realm(`Object.assign(new Error('realm 404'), { status: 404 })`),
    'realm: AggregateError': realm(`new AggregateError([new Error('a'), null, 'x'], 'realm aggregate')`),
    'realm: Proxy whose traps throw': realm(
      `new Proxy({}, { get() { throw new Error('g') }, getPrototypeOf() { throw new Error('p') }, ownKeys() { throw new Error('k') }, has() { throw new Error('h') } })`,
    ),
    'realm: cyclic cause chain': realm(
      `const a = new Error('a'); const b = new Error('b', { cause: a }); a.cause = b; a`,
    ),
    'realm: null-prototype object with getters that throw': realm(
      `const o = Object.create(null); for (const k of ['status','message','cause','name','constructor','code']) Object.defineProperty(o, k, { get() { throw new Error(k) } }); o`,
    ),
  }
}

/** Keys that rules read, so that generated objects look like errors often enough to reach them. */
const INTERESTING_KEYS = [
  'status',
  'statusCode',
  'message',
  'name',
  'code',
  'cause',
  'errors',
  'expose',
  'headers',
  'issues',
  'details',
  'response',
  'isBoom',
  'output',
  'errno',
  'syscall',
  'retryAfter',
  'constructor',
  '__proto__',
  'toJSON',
  'valueOf',
  'toString',
  'then',
  'res',
  'original',
  'driverError',
  'meta',
  'type',
  'validation',
  'isJoi',
  'inner',
] as const

const key = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.constantFrom(...INTERESTING_KEYS) },
)

/** `fc.anything()` with every kind of value switched on, and keys that rules read. */
export const anything = fc.anything({
  key,
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
})

const CODES = [
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNRESET',
  'ENOENT',
  'EACCES',
  '23505',
  '22P02',
  '40001',
  'P2002',
  'P2025',
  'ER_DUP_ENTRY',
  'UND_ERR_SOCKET',
  'FST_ERR_VALIDATION',
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'constructor',
  '__proto__',
]

const ERROR_CLASSES = [Error, TypeError, RangeError, SyntaxError, EvalError, URIError]

const small = fc.anything({
  key,
  maxDepth: 1,
  withBigInt: true,
  withNullPrototype: true,
  withBoxedValues: true,
})

/** Errors that look like the ecosystem's: a real Error of some class, with generated properties. */
export const errorish = fc
  .record({
    Class: fc.constantFrom(...ERROR_CLASSES),
    message: fc.string(),
    name: fc.option(
      fc.constantFrom(
        'ZodError',
        'ValidationError',
        'AbortError',
        'TimeoutError',
        'HttpError',
        'PrismaClientKnownRequestError',
        'MongoServerError',
        'AxiosError',
      ),
      { nil: undefined },
    ),
    status: fc.option(fc.oneof(fc.integer({ min: -1, max: 1000 }), small), { nil: undefined }),
    code: fc.option(fc.oneof(fc.constantFrom(...CODES), small), { nil: undefined }),
    props: fc.dictionary(key, small, { maxKeys: 4 }),
    cause: fc.option(small, { nil: undefined }),
  })
  .map(({ Class, message, name, status, code, props, cause }) => {
    const error = new Class(message, cause === undefined ? undefined : { cause }) as Error &
      Record<string, unknown>
    if (name !== undefined) error.name = name
    if (status !== undefined) error.status = status
    if (code !== undefined) error.code = code
    // Own properties through defineProperty: Object.assign would run the `__proto__` setter.
    for (const [k, v] of Object.entries(props)) {
      Object.defineProperty(error, k, { value: v, enumerable: true, configurable: true, writable: true })
    }
    return error
  })

export type ThrownSample =
  | { readonly kind: 'anything'; readonly any: unknown }
  | { readonly kind: 'errorish'; readonly error: Error }
  | { readonly kind: 'hostile'; readonly index: number }

/** Any thrown value: generated (`anything`, `errorish`) or a hand-made hostile one, picked by index. */
export function thrownValues(hostile: readonly unknown[]): fc.Arbitrary<ThrownSample> {
  // fast-check inspects and prints what it generates: hostile values stay out of it, as an index.
  return fc.oneof(
    anything.map((any): ThrownSample => ({ kind: 'anything', any })),
    errorish.map((error): ThrownSample => ({ kind: 'errorish', error })),
    fc.nat(hostile.length - 1).map((index): ThrownSample => ({ kind: 'hostile', index })),
  )
}

/** The value a sample of `thrownValues` stands for. */
export function pick(hostile: readonly unknown[], sample: ThrownSample): unknown {
  return sample.kind === 'hostile'
    ? hostile[sample.index]
    : sample.kind === 'errorish'
      ? sample.error
      : sample.any
}

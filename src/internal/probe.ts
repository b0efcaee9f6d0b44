/** The up-front facts whose presence the index reads as one mask (`Probe.present`). */
export const PRESENT_FACTS = ['response', 'request', 'cause', 'status', 'statusCode', 'code'] as const
export type PresentFact = (typeof PRESENT_FACTS)[number]

/**
 * Answers kept beyond the up-front facts: a list of keys, each followed by its answer, made on a
 * value's first such question (a short list scans faster than a `Map` is made and hashed).
 */
type Kept = unknown[]

/** Where `key`'s answer sits in `kept`, or -1. */
function keptAt(kept: Kept | undefined, key: PropertyKey): number {
  if (kept === undefined) return -1
  for (let i = 0; i < kept.length; i += 2) if (kept[i] === key) return i + 1
  return -1
}

/**
 * One guarded view of a thrown value, shared by every rule during one classification. Each
 * property is read at most once: the answer is kept, so ten rules asking for `code` cost one read,
 * and a getter with side effects or a counting Proxy sees one access. The first read that throws
 * (a throwing getter, a Proxy trap, a revoked Proxy) makes the value opaque: every later read
 * answers `undefined` without touching it, so a hostile value costs one trap, not seventy.
 *
 * The facts every classification needs (`name`, `constructor`, `code`, `message`,
 * `status`, `statusCode`, `response` and `request`, which clients often hide, and the `cause` and
 * `errors` the walk follows) are
 * read up front, in one guarded pass (a status may be inherited: http-errors keeps it on the
 * prototype); anything else a rule asks for is read on demand and kept.
 */
export class Probe {
  /** The value itself, for verdicts (`cause`) and user rules; rules read it through the probe. */
  readonly value: unknown
  /** Whether the value can carry properties (an object or a function). */
  readonly isObject: boolean
  /**
   * Which of `PRESENT_FACTS` the value has (not `undefined`), bit `i` for `PRESENT_FACTS[i]`: the
   * index asks this once instead of six reads.
   */
  readonly present: number
  #ownKeys: readonly string[] | undefined
  #hiddenKeys: readonly string[] | undefined
  #opaque = false
  #name: unknown
  #ctor: unknown
  #code: unknown
  #message: unknown
  #status: unknown
  #statusCode: unknown
  #cause: unknown
  #errors: unknown
  #response: unknown
  #request: unknown
  // A rule asks for a handful of other keys; a value that nothing asks more of (a wrapper in a
  // chain) makes no list.
  #reads: Kept | undefined
  #has: Kept | undefined
  #hasOwn: Kept | undefined
  #children: Kept | undefined
  #isArray: boolean | undefined
  #constructorName: string | undefined | null = null
  #words = -1

  constructor(value: unknown) {
    this.value = value
    this.isObject = (typeof value === 'object' && value !== null) || typeof value === 'function'
    if (!this.isObject) {
      this.present = 0
      // A thrown string is its own message (`throw 'connect ECONNREFUSED 10.0.0.5:5432'`).
      if (typeof value === 'string') this.#message = value
      return
    }
    const object = value as Record<PropertyKey, unknown>
    try {
      this.#name = object.name
      this.#ctor = object.constructor
      this.#code = object.code
      this.#message = object.message
      this.#status = object.status
      this.#statusCode = object.statusCode
      this.#cause = object.cause
      this.#errors = object.errors
      this.#response = object.response
      this.#request = object.request
    } catch {
      this.#opaque = true
    }
    this.present =
      (this.#response === undefined ? 0 : 1) |
      (this.#request === undefined ? 0 : 2) |
      (this.#cause === undefined ? 0 : 4) |
      (this.#status === undefined ? 0 : 8) |
      (this.#statusCode === undefined ? 0 : 16) |
      (this.#code === undefined ? 0 : 32)
  }

  /**
   * Whether `value` is a probe. A private-brand check, not `instanceof`: that would call a Proxy's
   * `getPrototypeOf` trap, which may throw.
   */
  static is(value: unknown): value is Probe {
    return typeof value === 'object' && value !== null && #opaque in value
  }

  /**
   * The value's own enumerable string keys, where libraries put their markers (`isBoom`,
   * `$metadata` …), listed on first use (a nested value such as `headers` is never listed unless
   * a rule asks). Not `Reflect.ownKeys`: on an `Error` that costs thirty times as much, and the
   * few markers that are hidden (`cause`, `errors`) are asked for with `hasOwn`.
   */
  get ownKeys(): readonly string[] {
    if (this.#ownKeys !== undefined) return this.#ownKeys
    this.#ownKeys = NONE
    if (!this.isObject || this.#opaque) return NONE
    try {
      this.#ownKeys = Object.keys(this.value as object)
    } catch {
      this.#opaque = true
    }
    return this.#ownKeys
  }

  /**
   * The value's own string keys that are not enumerable (besides `stack` and `message`), such as
   * a class's issues kept hidden (`Object.defineProperty(this, 'arkErrors', { value })`), listed
   * on first use. Costlier than `ownKeys`: only readers of an error nothing else recognised ask.
   */
  get hiddenKeys(): readonly string[] {
    if (this.#hiddenKeys !== undefined) return this.#hiddenKeys
    this.#hiddenKeys = NONE
    if (!this.isObject || this.#opaque) return NONE
    const shown = this.ownKeys
    try {
      this.#hiddenKeys = Object.getOwnPropertyNames(this.value as object).filter(
        (key) => key !== 'stack' && key !== 'message' && !shown.includes(key),
      )
    } catch {
      this.#opaque = true
    }
    return this.#hiddenKeys
  }

  /** Whether a read of this value has thrown: it is read no more. */
  get opaque(): boolean {
    return this.#opaque
  }

  /** Whether `key` is an own property of the value (enumerable or not), asked once. */
  hasOwn(key: PropertyKey): boolean {
    if (!this.isObject || this.#opaque) return false
    const at = keptAt(this.#hasOwn, key)
    if (at !== -1) return (this.#hasOwn as Kept)[at] as boolean
    let found = false
    try {
      found = Object.hasOwn(this.value as object, key)
    } catch {
      this.#opaque = true
      return false
    }
    if (this.#hasOwn === undefined) this.#hasOwn = []
    this.#hasOwn.push(key, found)
    return found
  }

  /** `value[key]`, read once; `undefined` for a primitive, a read that throws, or an opaque value. */
  get(key: PropertyKey): unknown {
    switch (key) {
      case 'name':
        return this.#name
      case 'constructor':
        return this.#ctor
      case 'code':
        return this.#code
      case 'message':
        return this.#message
      case 'status':
        return this.#status
      case 'statusCode':
        return this.#statusCode
      case 'cause':
        return this.#cause
      case 'errors':
        return this.#errors
      case 'response':
        return this.#response
      case 'request':
        return this.#request
    }
    if (!this.isObject || this.#opaque) return undefined
    const at = keptAt(this.#reads, key)
    if (at !== -1) return (this.#reads as Kept)[at]
    let read: unknown
    try {
      read = (this.value as Record<PropertyKey, unknown>)[key]
    } catch {
      this.#opaque = true
      return undefined
    }
    if (this.#reads === undefined) this.#reads = []
    this.#reads.push(key, read)
    return read
  }

  /** `key in value` (own or inherited), asked once. */
  has(key: PropertyKey): boolean {
    if (!this.isObject || this.#opaque) return false
    const at = keptAt(this.#has, key)
    if (at !== -1) return (this.#has as Kept)[at] as boolean
    let found = false
    try {
      found = key in (this.value as object)
    } catch {
      this.#opaque = true
      return false
    }
    if (this.#has === undefined) this.#has = []
    this.#has.push(key, found)
    return found
  }

  /** The probe of `value[key]`, made once, so nested reads are kept too (`response.status`). */
  at(key: PropertyKey): Probe {
    const at = keptAt(this.#children, key)
    if (at !== -1) return (this.#children as Kept)[at] as Probe
    const child = new Probe(this.get(key))
    if (this.#children === undefined) this.#children = []
    this.#children.push(key, child)
    return child
  }

  /** Whether the value is an array (a revoked Proxy throws from `Array.isArray`). */
  get isArray(): boolean {
    if (this.#isArray !== undefined) return this.#isArray
    if (!this.isObject || this.#opaque) return false
    try {
      this.#isArray = Array.isArray(this.value)
    } catch {
      this.#opaque = true
      this.#isArray = false
    }
    return this.#isArray
  }

  /** `name`, if a string. */
  get name(): string | undefined {
    return typeof this.#name === 'string' ? this.#name : undefined
  }

  /**
   * `message`, if a string; a thrown string itself; or, for a value with no `message` at all, a
   * `Message` (a body an SDK rejected with as it came, in the PascalCase of .NET-style APIs:
   * `{ Message: 'Rate limit exceeded', Type: 'other' }`).
   */
  get message(): string | undefined {
    if (typeof this.#message === 'string') return this.#message
    if (this.#message !== undefined || !this.isObject) return undefined
    const message = this.get('Message')
    return typeof message === 'string' ? message : undefined
  }

  /**
   * The kinds of words in the message's first characters, as `scan` finds them, found once (see
   * `messageWordsOf` in `internal/message-words.ts`, the one scan; the engine imports none).
   */
  words(scan: (message: string) => number): number {
    if (this.#words === -1) {
      const message = this.message
      this.#words = message === undefined ? 0 : scan(message)
    }
    return this.#words
  }

  /** `code` as a string (a finite numeric code as its decimal text). */
  get code(): string | undefined {
    const code = this.#code
    if (typeof code === 'string') return code
    if (typeof code === 'number' && Number.isFinite(code)) return String(code)
    return undefined
  }

  /** `constructor.name`, if a string. */
  get constructorName(): string | undefined {
    if (this.#constructorName !== null) return this.#constructorName
    const ctor = this.#ctor
    // The most common constructors are known without reading their `name` (a native accessor).
    if (ctor === Error || ctor === TypeError) {
      this.#constructorName = ctor === Error ? 'Error' : 'TypeError'
      return this.#constructorName
    }
    let name: unknown
    try {
      name = typeof ctor === 'function' ? ctor.name : undefined
    } catch {
      name = undefined // a constructor that is itself a hostile Proxy
    }
    this.#constructorName = typeof name === 'string' ? name : undefined
    return this.#constructorName
  }
}

const NONE: readonly string[] = Object.freeze([])

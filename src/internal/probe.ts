import { messageWords } from './message-words.js'

/** The up-front facts whose presence the index reads as one mask (`Probe.present`). */
export const PRESENT_FACTS = ['response', 'request', 'cause', 'status', 'statusCode', 'code'] as const
export type PresentFact = (typeof PRESENT_FACTS)[number]

/** Reads beyond the up-front facts, kept as parallel lists (made on a value's first such read). */
interface Memo {
  keys: PropertyKey[]
  reads: unknown[]
  hasKeys: PropertyKey[]
  has: boolean[]
  hasOwnKeys: PropertyKey[]
  hasOwn: boolean[]
  childKeys: PropertyKey[]
  children: Probe[]
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
  // A rule asks for a handful of other keys: short lists scan faster than a Map is made and hashed,
  // and a value that nothing asks more of (a wrapper in a chain) makes none.
  #memo: Memo | undefined
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

  #memoOf(): Memo {
    this.#memo ??= {
      keys: [],
      reads: [],
      hasKeys: [],
      has: [],
      hasOwnKeys: [],
      hasOwn: [],
      childKeys: [],
      children: [],
    }
    return this.#memo
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

  /** Whether a read of this value has thrown: it is read no more. */
  get opaque(): boolean {
    return this.#opaque
  }

  /** Whether `key` is an own property of the value (enumerable or not), asked once. */
  hasOwn(key: PropertyKey): boolean {
    if (!this.isObject || this.#opaque) return false
    const memo = this.#memoOf()
    const at = memo.hasOwnKeys.indexOf(key)
    if (at !== -1) return memo.hasOwn[at] as boolean
    let found = false
    try {
      found = Object.hasOwn(this.value as object, key)
    } catch {
      this.#opaque = true
      return false
    }
    memo.hasOwnKeys.push(key)
    memo.hasOwn.push(found)
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
    const memo = this.#memoOf()
    const at = memo.keys.indexOf(key)
    if (at !== -1) return memo.reads[at]
    let read: unknown
    try {
      read = (this.value as Record<PropertyKey, unknown>)[key]
    } catch {
      this.#opaque = true
      return undefined
    }
    memo.keys.push(key)
    memo.reads.push(read)
    return read
  }

  /** `key in value` (own or inherited), asked once. */
  has(key: PropertyKey): boolean {
    if (!this.isObject || this.#opaque) return false
    const memo = this.#memoOf()
    const at = memo.hasKeys.indexOf(key)
    if (at !== -1) return memo.has[at] as boolean
    let found = false
    try {
      found = key in (this.value as object)
    } catch {
      this.#opaque = true
      return false
    }
    memo.hasKeys.push(key)
    memo.has.push(found)
    return found
  }

  /** The probe of `value[key]`, made once, so nested reads are kept too (`response.status`). */
  at(key: PropertyKey): Probe {
    const memo = this.#memoOf()
    const at = memo.childKeys.indexOf(key)
    if (at !== -1) return memo.children[at] as Probe
    const child = new Probe(this.get(key))
    memo.childKeys.push(key)
    memo.children.push(child)
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

  /** The kinds of words in the message's first characters (`internal/message-words.ts`), found once. */
  get words(): number {
    if (this.#words === -1) {
      const message = this.message
      this.#words = message === undefined ? 0 : messageWords(message)
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

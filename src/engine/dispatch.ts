import type { Family } from '../internal/family.js'
import type { Probe } from '../internal/probe.js'

/** At most this many families: a value's candidates are one 31-bit mask. */
const MAX_FAMILIES = 31
/** Messages longer than any exact-message trigger are not looked up. */
const MAX_MESSAGE_KEY = 128
/** Codes longer than this are nobody's code. */
const MAX_CODE = 64
/** At most this many own keys are looked up (a thrown object may have millions). */
const MAX_KEYS = 64

/**
 * The index of the families' triggers, built once per classifier. For a value it answers the
 * families its facts name (by `name`, constructor name, `code`, `message` and own keys), as a bit
 * mask in the families' order, so only those run.
 */
export interface Dispatch {
  readonly families: readonly Family[]
  /** The families that unwrap carriers (`unwrapProbe`), as a mask: the walk asks only them. */
  readonly unwrappers: number
  /** The candidates of a value that can carry properties: bit `i` is `families[i]`. */
  candidates(value: Probe): number
}

/** Prefixes bucketed by their first character, so a string is compared with few of them. */
class PrefixIndex {
  readonly #buckets = new Map<string, { prefixes: string[]; bits: number[] }>()

  add(prefix: string, bit: number): void {
    const first = prefix.charAt(0)
    let bucket = this.#buckets.get(first)
    if (bucket === undefined) {
      bucket = { prefixes: [], bits: [] }
      this.#buckets.set(first, bucket)
    }
    bucket.prefixes.push(prefix)
    bucket.bits.push(bit)
  }

  match(text: string): number {
    const bucket = this.#buckets.get(text.charAt(0))
    if (bucket === undefined) return 0
    let mask = 0
    for (let i = 0; i < bucket.prefixes.length; i++) {
      if (text.startsWith(bucket.prefixes[i] as string)) mask |= bucket.bits[i] as number
    }
    return mask
  }
}

export function buildDispatch(families: readonly Family[]): Dispatch {
  if (families.length > MAX_FAMILIES) {
    throw new RangeError(`http-triage: at most ${MAX_FAMILIES} rule families can be indexed`)
  }
  const byName = new Map<string, number>()
  const byCode = new Map<string, number>()
  const byKey = new Map<string, number>()
  const byMessage = new Map<string, number>()
  const namePrefixes = new PrefixIndex()
  const codePrefixes = new PrefixIndex()
  const messagePrefixes = new PrefixIndex()
  const codePatterns: RegExp[] = []
  const codePatternBits: number[] = []
  let always = 0
  let arrays = 0
  const present = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, bit: number) => map.set(key, (map.get(key) ?? 0) | bit)

  families.forEach((family, index) => {
    const bit = 1 << index
    const t = family.triggers
    if (t.always) always |= bit
    if (t.arrays) arrays |= bit
    for (const key of t.present ?? []) add(present, key, bit)
    for (const name of t.names ?? []) add(byName, name, bit)
    for (const code of t.codes ?? []) add(byCode, code, bit)
    for (const key of t.keys ?? []) add(byKey, key, bit)
    for (const message of t.messages ?? []) add(byMessage, message, bit)
    for (const prefix of t.namePrefixes ?? []) namePrefixes.add(prefix, bit)
    for (const prefix of t.codePrefixes ?? []) codePrefixes.add(prefix, bit)
    for (const prefix of t.messagePrefixes ?? []) messagePrefixes.add(prefix, bit)
    for (const pattern of t.codePatterns ?? []) {
      codePatterns.push(pattern)
      codePatternBits.push(bit)
    }
  })

  const presentKeys = [...present.keys()]
  const presentBits = [...present.values()]

  const byNameOrPrefix = (name: string | undefined): number =>
    name === undefined || name === '' ? 0 : (byName.get(name) ?? 0) | namePrefixes.match(name)

  let unwrappers = 0
  families.forEach((family, index) => {
    if (family.unwrapProbe !== undefined) unwrappers |= 1 << index
  })

  return {
    families,
    unwrappers,
    candidates(value) {
      const name = value.name
      let mask = always | byNameOrPrefix(name)
      const ctor = value.constructorName
      if (ctor !== name) mask |= byNameOrPrefix(ctor)
      const code = value.code
      if (code !== undefined && code !== '' && code.length <= MAX_CODE) {
        mask |= (byCode.get(code) ?? 0) | codePrefixes.match(code)
        for (let i = 0; i < codePatterns.length; i++) {
          if ((codePatterns[i] as RegExp).test(code)) mask |= codePatternBits[i] as number
        }
      }
      const message = value.message
      if (message !== undefined && message !== '') {
        // Hashing a string costs its length: a 1 MB message is not looked up whole.
        if (message.length <= MAX_MESSAGE_KEY) mask |= byMessage.get(message) ?? 0
        mask |= messagePrefixes.match(message)
      }
      const keys = value.ownKeys
      for (let i = 0; i < keys.length && i < MAX_KEYS; i++) mask |= byKey.get(keys[i] as string) ?? 0
      if (arrays !== 0 && value.isArray) mask |= arrays
      for (let i = 0; i < presentKeys.length; i++) {
        if (value.get(presentKeys[i] as string) !== undefined) mask |= presentBits[i] as number
      }
      return mask
    },
  }
}

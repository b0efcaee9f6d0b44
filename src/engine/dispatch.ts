import type { Family } from '../internal/family.js'
import { PRESENT_FACTS, type Probe } from '../internal/probe.js'

/** At most this many families: a value's candidates are one 31-bit mask. */
const MAX_FAMILIES = 31
/** Codes (and names) longer than this are nobody's code (or name). */
const MAX_CODE = 64
/** At most this many own keys are looked up (a thrown object may have millions). */
const MAX_KEYS = 64
/** How many names and codes each keep their mask once worked out (errors use few of either). */
const MAX_REMEMBERED = 512

/**
 * The index of the families' triggers, built once per classifier. For a value it answers the
 * families its facts name (by `name`, constructor name, `code`, `message` and own keys), as a bit
 * mask in the families' order, so only those run.
 */
export interface Dispatch {
  readonly families: readonly Family[]
  /** The families that unwrap carriers (`unwrapProbe`), as a mask: the walk asks only them. */
  readonly unwrappers: number
  /** The families with late readers (`readLate`), as a mask. */
  readonly lates: number
  /** The families whose late reader reads every value (`lateAlways`), as a mask. */
  readonly lateAlways: number
  /** The candidates of a value that can carry properties: bit `i` is `families[i]`. */
  candidates(value: Probe): number
}

/**
 * Prefixes (and whole texts) bucketed by their first code unit, so a string is compared with few
 * of them and never hashed: a message is new text every time, and hashing it costs its length.
 * Each entry keeps its second code unit (and length, for whole texts), compared before the text.
 */
class PrefixIndex {
  readonly #buckets: (
    | { prefixes: string[]; seconds: number[]; exact: number[]; bits: number[] }
    | undefined
  )[] = []

  /** Adds a prefix, or with `exact` a whole text. */
  add(prefix: string, bit: number, exact = false): void {
    const first = prefix.charCodeAt(0) & 127
    let bucket = this.#buckets[first]
    if (bucket === undefined) {
      bucket = { prefixes: [], seconds: [], exact: [], bits: [] }
      this.#buckets[first] = bucket
    }
    bucket.prefixes.push(prefix)
    // A one-character prefix has no second unit to compare (-1: any).
    bucket.seconds.push(prefix.length > 1 ? prefix.charCodeAt(1) : -1)
    bucket.exact.push(exact ? prefix.length : -1)
    bucket.bits.push(bit)
  }

  match(text: string): number {
    const bucket = this.#buckets[text.charCodeAt(0) & 127]
    if (bucket === undefined) return 0
    const second = text.charCodeAt(1)
    let mask = 0
    for (let i = 0; i < bucket.prefixes.length; i++) {
      const wanted = bucket.seconds[i] as number
      if (wanted !== -1 && wanted !== second) continue
      const length = bucket.exact[i] as number
      if (length !== -1 && text.length !== length) continue
      if (text.startsWith(bucket.prefixes[i] as string)) mask |= bucket.bits[i] as number
    }
    return mask
  }
}

/**
 * A filter of the trigger keys by length and first character: most own keys of an error
 * (`detail`, `hint`, `line` …) are no trigger, and one byte tells them apart from the keys worth a
 * map lookup.
 */
class KeyFilter {
  readonly #seen = new Uint8Array(64 * 128)

  add(key: string): void {
    this.#seen[KeyFilter.#slot(key)] = 1
  }

  mayHold(key: string): boolean {
    return this.#seen[KeyFilter.#slot(key)] === 1
  }

  static #slot(key: string): number {
    return ((key.length & 63) << 7) | (key.charCodeAt(0) & 127)
  }
}

export function buildDispatch(families: readonly Family[]): Dispatch {
  if (families.length > MAX_FAMILIES) {
    throw new RangeError(`http-triage: at most ${MAX_FAMILIES} rule families can be indexed`)
  }
  const byName = new Map<string, number>()
  const byCode = new Map<string, number>()
  const byKey = new Map<string, number>()
  const keyFilter = new KeyFilter()
  const namePrefixes = new PrefixIndex()
  const codePrefixes = new PrefixIndex()
  const messages = new PrefixIndex()
  const codePatterns: RegExp[] = []
  const codePatternBits: number[] = []
  let always = 0
  let arrays = 0
  let unwrappers = 0
  let lates = 0
  let lateAlways = 0
  const keySuffixes: string[] = []
  const keySuffixBits: number[] = []
  // The last characters of the key suffixes: a key that ends otherwise is looked up no further.
  const suffixEnds = new Uint8Array(128)
  const nameTests: ((name: string) => boolean)[] = []
  const nameTestBits: number[] = []
  const present = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, bit: number) => map.set(key, (map.get(key) ?? 0) | bit)

  families.forEach((family, index) => {
    const bit = 1 << index
    const t = family.triggers
    if (t.always) always |= bit
    if (t.arrays) arrays |= bit
    if (family.unwrapProbe !== undefined) unwrappers |= bit
    if (family.readLate !== undefined) lates |= bit
    if (t.lateAlways && family.readLate !== undefined) lateAlways |= bit
    if (t.nameTest) {
      nameTests.push(t.nameTest)
      nameTestBits.push(bit)
    }
    for (const key of t.present ?? []) add(present, key, bit)
    for (const name of t.names ?? []) add(byName, name, bit)
    for (const code of t.codes ?? []) add(byCode, code, bit)
    for (const key of t.keys ?? []) {
      add(byKey, key, bit)
      keyFilter.add(key)
    }
    for (const suffix of t.keySuffixes ?? []) {
      keySuffixes.push(suffix)
      keySuffixBits.push(bit)
      suffixEnds[suffix.charCodeAt(suffix.length - 1) & 127] = 1
    }
    for (const message of t.messages ?? []) messages.add(message, bit, true)
    for (const prefix of t.namePrefixes ?? []) namePrefixes.add(prefix, bit)
    for (const prefix of t.codePrefixes ?? []) codePrefixes.add(prefix, bit)
    for (const prefix of t.messagePrefixes ?? []) messages.add(prefix, bit)
    for (const pattern of t.codePatterns ?? []) {
      codePatterns.push(pattern)
      codePatternBits.push(bit)
    }
  })

  // The families each present fact names, by the fact's bit in `Probe.present`.
  const presentBits = PRESENT_FACTS.map((fact) => present.get(fact) ?? 0)

  // A name's and a code's mask, worked out once (exact, prefixes, patterns), then looked up.
  const nameMasks = new Map<string, number>()
  const codeMasks = new Map<string, number>()
  const remember = (masks: Map<string, number>, key: string, mask: number): number => {
    if (masks.size < MAX_REMEMBERED) masks.set(key, mask)
    return mask
  }
  // The last name asked for: a cause chain repeats one (`Error`, `Error`, …).
  let lastName = ''
  let lastNameMask = 0
  const testName = (name: string): number => {
    let mask = namePrefixes.match(name)
    for (let i = 0; i < nameTests.length; i++) {
      if ((nameTests[i] as (name: string) => boolean)(name)) mask |= nameTestBits[i] as number
    }
    return mask
  }
  const maskOfName = (name: string | undefined): number => {
    if (name === undefined || name === '') return 0
    if (name === lastName) return lastNameMask
    // Hashing a string costs its length: a name longer than any trigger is matched by prefix only.
    if (name.length > MAX_CODE) return testName(name)
    let mask = nameMasks.get(name)
    if (mask === undefined) mask = remember(nameMasks, name, (byName.get(name) ?? 0) | testName(name))
    lastName = name
    lastNameMask = mask
    return mask
  }
  const suffixMasks = new Map<string, number>()
  const maskOfSuffix = (key: string): number => {
    const known = suffixMasks.get(key)
    if (known !== undefined) return known
    let mask = 0
    for (let i = 0; i < keySuffixes.length; i++) {
      if (key.endsWith(keySuffixes[i] as string)) mask |= keySuffixBits[i] as number
    }
    return remember(suffixMasks, key, mask)
  }
  const maskOfCode = (code: string): number => {
    const known = codeMasks.get(code)
    if (known !== undefined) return known
    let mask = (byCode.get(code) ?? 0) | codePrefixes.match(code)
    for (let i = 0; i < codePatterns.length; i++) {
      if ((codePatterns[i] as RegExp).test(code)) mask |= codePatternBits[i] as number
    }
    return remember(codeMasks, code, mask)
  }

  return {
    families,
    unwrappers,
    lates,
    lateAlways,
    candidates(value) {
      const name = value.name
      let mask = always | maskOfName(name)
      const ctor = value.constructorName
      if (ctor !== name) mask |= maskOfName(ctor)
      const code = value.code
      if (code !== undefined && code !== '' && code.length <= MAX_CODE) mask |= maskOfCode(code)
      const message = value.message
      if (message !== undefined && message !== '') mask |= messages.match(message)
      const keys = value.ownKeys
      for (let i = 0; i < keys.length && i < MAX_KEYS; i++) {
        const key = keys[i] as string
        if (keyFilter.mayHold(key)) mask |= byKey.get(key) ?? 0
        if (suffixEnds[key.charCodeAt(key.length - 1) & 127] === 1) mask |= maskOfSuffix(key)
      }
      if (arrays !== 0 && value.isArray) mask |= arrays
      for (let facts = value.present; facts !== 0; facts &= facts - 1) {
        mask |= presentBits[31 - Math.clz32(facts & -facts)] as number
      }
      return mask
    },
  }
}

import type { Family } from '../internal/family.js'
import type { Probe } from '../internal/probe.js'

/** At most this many families: a value's candidates are one 31-bit mask. */
const MAX_FAMILIES = 31
/** Messages longer than any exact-message trigger are not looked up. */
const MAX_MESSAGE_KEY = 128

/**
 * The index of the families' triggers, built once per classifier. For a value it answers the
 * families its facts name (by `name`, constructor name, `code` and own keys), as a bit mask in
 * the families' order, so only those run.
 */
export interface Dispatch {
  readonly families: readonly Family[]
  /** The candidates of a value that can carry properties: bit `i` is `families[i]`. */
  candidates(value: Probe): number
}

export function buildDispatch(families: readonly Family[]): Dispatch {
  if (families.length > MAX_FAMILIES) {
    throw new RangeError(`http-triage: at most ${MAX_FAMILIES} rule families can be indexed`)
  }
  const byName = new Map<string, number>()
  const byCode = new Map<string, number>()
  const byKey = new Map<PropertyKey, number>()
  const byMessage = new Map<string, number>()
  const messagePrefixes: [string, number][] = []
  const namePrefixes: [string, number][] = []
  const codePrefixes: [string, number][] = []
  const codePatterns: [RegExp, number][] = []
  let always = 0
  const add = <K>(map: Map<K, number>, key: K, bit: number) => map.set(key, (map.get(key) ?? 0) | bit)

  families.forEach((family, index) => {
    const bit = 1 << index
    const t = family.triggers
    if (t.always) always |= bit
    for (const name of t.names ?? []) add(byName, name, bit)
    for (const code of t.codes ?? []) add(byCode, code, bit)
    for (const key of t.keys ?? []) add(byKey, key, bit)
    for (const message of t.messages ?? []) add(byMessage, message, bit)
    for (const prefix of t.messagePrefixes ?? []) messagePrefixes.push([prefix, bit])
    for (const prefix of t.namePrefixes ?? []) namePrefixes.push([prefix, bit])
    for (const prefix of t.codePrefixes ?? []) codePrefixes.push([prefix, bit])
    for (const pattern of t.codePatterns ?? []) codePatterns.push([pattern, bit])
  })

  const byNameOrPrefix = (name: string | undefined): number => {
    if (name === undefined) return 0
    let mask = byName.get(name) ?? 0
    for (const [prefix, bit] of namePrefixes) if (name.startsWith(prefix)) mask |= bit
    return mask
  }

  return {
    families,
    candidates(value) {
      let mask = always | byNameOrPrefix(value.name)
      const ctor = value.constructorName
      if (ctor !== value.name) mask |= byNameOrPrefix(ctor)
      const code = value.code
      if (code !== undefined && code.length <= 64) {
        mask |= byCode.get(code) ?? 0
        for (const [prefix, bit] of codePrefixes) if (code.startsWith(prefix)) mask |= bit
        for (const [pattern, bit] of codePatterns) if (pattern.test(code)) mask |= bit
      }
      const message = value.message
      if (message !== undefined && message.length > 0) {
        // Hashing a string costs its length: a 1 MB message is not looked up whole.
        if (message.length <= MAX_MESSAGE_KEY) mask |= byMessage.get(message) ?? 0
        for (const [prefix, bit] of messagePrefixes) if (message.startsWith(prefix)) mask |= bit
      }
      const keys = value.ownKeys
      for (let i = 0; i < keys.length && i < 64; i++) mask |= byKey.get(keys[i] as PropertyKey) ?? 0
      return mask
    },
  }
}

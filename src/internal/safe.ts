import { Probe } from './probe.js'

/**
 * Guarded reads of foreign values. Thrown values can be anything: getters that throw, Proxies
 * whose traps throw or lie, revoked Proxies, objects without a prototype. Every read of a foreign
 * property in the library goes through these helpers, so a hostile value reads as `undefined`.
 * Given a `Probe` instead of a value, they read through it: once per property, and not at all
 * once the value has thrown.
 */

/** Whether `value` can carry properties (an object or a function). */
export function isObjectLike(value: unknown): value is object {
  if (Probe.is(value)) return value.isObject
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

/** Reads `value[key]`, or `undefined` if `value` is not an object or the read throws. */
export function get(value: unknown, key: PropertyKey): unknown {
  // A primitive is answered before the probe's brand check, and the brand is checked once.
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' ? read(value, key) : undefined
  }
  return Probe.is(value) ? value.get(key) : read(value, key)
}

/** `value[key]` of a value that can carry properties and is not a probe, guarded. */
function read(value: object, key: PropertyKey): unknown {
  try {
    return (value as Record<PropertyKey, unknown>)[key]
  } catch {
    return undefined
  }
}

/** Reads a nested path, e.g. `getPath(err, 'response', 'status')`. */
export function getPath(value: unknown, ...keys: PropertyKey[]): unknown {
  let current = value
  if (Probe.is(current)) {
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i] as PropertyKey
      // Nothing to read into: no probe is made for a missing hop.
      if (!isObjectLike((current as Probe).get(key))) return undefined
      current = (current as Probe).at(key)
    }
    return (current as Probe).get(keys[keys.length - 1] as PropertyKey)
  }
  for (const key of keys) {
    current = get(current, key)
    if (current === undefined) return undefined
  }
  return current
}

/** Reads a property that must be a string. */
export function getString(value: unknown, key: PropertyKey): string | undefined {
  const v = get(value, key)
  return typeof v === 'string' ? v : undefined
}

/** Reads a property that must be a finite number. */
export function getNumber(value: unknown, key: PropertyKey): number | undefined {
  const v = get(value, key)
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

/** Reads a property that must be a boolean. */
export function getBoolean(value: unknown, key: PropertyKey): boolean | undefined {
  const v = get(value, key)
  return typeof v === 'boolean' ? v : undefined
}

/** Reads a property that must be an array; returns a copy of at most `limit` items. */
export function getArray(value: unknown, key: PropertyKey, limit = 100): unknown[] | undefined {
  const v = get(value, key)
  return toArray(v, limit)
}

/** Copies an array (at most `limit` items) with guarded reads, or `undefined` if it is not one. */
export function toArray(value: unknown, limit = 100): unknown[] | undefined {
  if (Probe.is(value)) {
    if (!value.isArray) return undefined
    const length = getNumber(value, 'length') ?? 0
    const out: unknown[] = []
    for (let i = 0; i < length && i < limit; i++) out.push(value.get(i))
    return out
  }
  let isArray = false
  try {
    isArray = Array.isArray(value)
  } catch {
    return undefined // a revoked Proxy throws from Array.isArray
  }
  if (!isArray) return undefined
  // An array (or a Proxy of one) that is not a probe: read directly, each read guarded.
  const array = value as object
  const length = read(array, 'length')
  const out: unknown[] = []
  if (typeof length !== 'number') return out
  for (let i = 0; i < length && i < limit; i++) out.push(read(array, i))
  return out
}

/** The `name` of an error, or of its constructor, without trusting either. */
export function nameOf(value: unknown): string | undefined {
  if (Probe.is(value)) return value.name
  return getString(value, 'name')
}

/** The `constructor.name` of a value, guarded. */
export function constructorName(value: unknown): string | undefined {
  if (Probe.is(value)) return value.constructorName
  return getString(get(value, 'constructor'), 'name')
}

/** The `message` of an error, if it is a string. */
export function messageOf(value: unknown): string | undefined {
  return getString(value, 'message')
}

/** The `code` of an error as a string (numeric codes are returned as their decimal text). */
export function codeOf(value: unknown): string | undefined {
  if (Probe.is(value)) return value.code
  const code = get(value, 'code')
  if (typeof code === 'string') return code
  if (typeof code === 'number' && Number.isFinite(code)) return String(code)
  return undefined
}

/** An integer HTTP status in 400–599, or `undefined`. Strings such as '404' are not statuses. */
export function asErrorStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599
    ? value
    : undefined
}

/** Whether `value` is a function, guarded. */
export function getFunction(value: unknown, key: PropertyKey): Function | undefined {
  const v = get(value, key)
  return typeof v === 'function' ? v : undefined
}

/** Whether `key` is in `value` (own or inherited), guarded against Proxies that throw. */
export function has(value: unknown, key: PropertyKey): boolean {
  if (Probe.is(value)) return value.has(key)
  if (!isObjectLike(value)) return false
  try {
    return key in value
  } catch {
    return false
  }
}

/** Looks `key` up in a table of own entries only (a code such as `constructor` finds nothing). */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  // Hashing a key costs its length: a 1 MB message must not cost 1 MB per table. No key is this long.
  return key !== undefined && key.length <= MAX_KEY_LENGTH && Object.hasOwn(table, key)
    ? table[key]
    : undefined
}

/** The longest key of any lookup table (messages such as pg's "timeout exceeded when trying to connect"). */
export const MAX_KEY_LENGTH = 128

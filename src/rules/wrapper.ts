import { family } from '../internal/family.js'
import { isErrorKey } from '../internal/name-words.js'
import { isObjectLike, toArray } from '../internal/safe.js'

/** Where wrappers keep the error they wrap, besides `cause` and `errors`. */
const CARRIERS = [
  'originalError',
  'innerError',
  'chainedError',
  'nativeError',
  'lastError',
  '__cause__',
] as const
/**
 * Where clients keep the error they wrapped under a name that may also hold data (a raw body, the
 * call's context): it is followed only when it is an error.
 */
const ERROR_CARRIERS = ['raw', 'rawError', 'error', 'context', 'source', 'exception'] as const
/** At most this many values of an `innerErrors` map (host → error) or a `failures` list are followed. */
const MAX_INNER = 8
/** The carriers read above by name, not again by their last word. */
const LISTED = [...CARRIERS, ...ERROR_CARRIERS] as const
/** At most this many own keys are looked at for such a carrier. */
const MAX_KEYS = 32

/**
 * Errors that exist to carry another, under names other than `cause`: located errors and token
 * libraries (`originalError`), message-bus clients (`chainedError`), retry helpers that give up
 * (`lastError`), SDKs that keep it as `__cause__`, clients that keep the error they wrapped as
 * `raw`, `error`, `context`, `source` or `exception`, or under any key named `…Error` (`sourceError`), drivers that keep one error per host
 * (`innerErrors`), bulk operations that keep the error of each item that failed (`failures`,
 * when errors). It decides nothing itself; the walk looks inside, so the wrapped error's meaning
 * decides (a resolver's timeout is 504, a refused host 503).
 */
export const wrapperRule = family({
  name: 'wrapper',
  // A located error keeps `originalError` non-enumerable; its enumerable `locations` and `extensions` mark it.
  triggers: {
    keys: [...CARRIERS, ...ERROR_CARRIERS, 'innerErrors', 'failures', 'locations', 'extensions'],
    keySuffixes: ['Error'],
  },
  read: () => undefined,
  unwrap(value) {
    const out: unknown[] = []
    for (const key of CARRIERS) {
      const inner = value.get(key)
      if (isObjectLike(inner)) out.push(inner)
    }
    for (const key of ERROR_CARRIERS) {
      const inner = value.get(key)
      if (isError(inner)) out.push(inner)
    }
    // Any other own key whose last word says it holds an error (`sourceError`, `underlyingError`),
    // when it holds one.
    const keys = value.ownKeys
    for (let i = 0; i < keys.length && i < MAX_KEYS; i++) {
      const key = keys[i] as string
      if (!isErrorKey(key) || (LISTED as readonly string[]).includes(key)) continue
      const inner = value.get(key)
      if (isError(inner)) out.push(inner)
    }
    const failures = value.at('failures')
    if (failures.isArray) {
      const items = toArray(failures, MAX_INNER)
      if (items) for (const item of items) if (isError(item)) out.push(item)
    }
    const map = value.get('innerErrors')
    if (isObjectLike(map) && !Array.isArray(map)) {
      let keys: string[] = []
      try {
        keys = Object.keys(map).slice(0, MAX_INNER)
      } catch {
        keys = []
      }
      for (const key of keys) {
        let inner: unknown
        try {
          inner = (map as Record<string, unknown>)[key]
        } catch {
          inner = undefined
        }
        if (isObjectLike(inner)) out.push(inner)
      }
    }
    return out.length > 0 ? out : undefined
  },
})

/** Whether a value is an `Error` (a Proxy whose prototype cannot be read is not). */
function isError(value: unknown): boolean {
  try {
    return value instanceof Error
  } catch {
    return false
  }
}

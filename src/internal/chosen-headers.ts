import type { Probe } from './probe.js'

/** Where a status carrier keeps a header of its answer as a property of its own. */
const HEADER_KEYS = [
  ['wwwAuthenticate', 'www-authenticate'],
  ['allow', 'allow'],
  ['retryAfter', 'retry-after'],
] as const

/**
 * The headers of the answer a status carrier chose (an app's error, not a client's report of an
 * upstream's): the ones it keeps as properties (`wwwAuthenticate`, `allow` as a list of methods,
 * `retryAfter` in seconds), or else its `headers`. Each is parsed by its header's grammar later,
 * and dropped if it does not parse. The `status` and `carrier` families share it.
 */
export function chosenHeaders(value: Probe): unknown {
  const keys = value.ownKeys
  let held: Record<string, string> | undefined
  for (const [key, header] of HEADER_KEYS) {
    if (!keys.includes(key)) continue
    const raw = value.get(key)
    const text = Array.isArray(raw) ? raw.filter((item) => typeof item === 'string').join(', ') : raw
    if (typeof text === 'string' || (typeof text === 'number' && text > 0 && text <= 3600)) {
      held ??= {}
      held[header] = String(text)
    }
  }
  return held ?? value.get('headers')
}

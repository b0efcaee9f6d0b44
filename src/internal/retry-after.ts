import { get, getString, isObjectLike } from './safe.js'

/** The longest delay accepted from an error or an upstream, one day: anything longer is a bug. */
const MAX_RETRY_AFTER = 86_400

/** Normalises a number of seconds: a non-negative whole number, capped at a day. */
export function toRetryAfterSeconds(seconds: unknown): number | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined
  return Math.min(MAX_RETRY_AFTER, Math.ceil(seconds))
}

/**
 * Parses a `Retry-After` value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, which becomes
 * the seconds from `now`.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value === 'number') return toRetryAfterSeconds(value)
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return toRetryAfterSeconds(Number(text))
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return toRetryAfterSeconds(Math.max(0, (date - now) / 1000))
}

/**
 * Reads one header from a headers value of any common shape: a `Headers`, axios' `AxiosHeaders`,
 * a plain object with any case of names, or a Node `IncomingHttpHeaders`.
 */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (!isObjectLike(headers)) return undefined
  const getter = get(headers, 'get')
  if (typeof getter === 'function') {
    try {
      const value: unknown = getter.call(headers, name)
      if (typeof value === 'string') return value
      if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
    } catch {
      // fall through to the property reads
    }
  }
  const direct = get(headers, name) ?? get(headers, name.toLowerCase())
  if (typeof direct === 'string') return direct
  if (typeof direct === 'number') return String(direct)
  if (Array.isArray(direct) && typeof direct[0] === 'string') return direct[0]
  // Names in another case, e.g. { 'Retry-After': '5' }
  let keys: string[] = []
  try {
    keys = Object.keys(headers)
  } catch {
    return undefined
  }
  const lower = name.toLowerCase()
  for (const key of keys) {
    if (key.toLowerCase() === lower) return getString(headers, key)
  }
  return undefined
}

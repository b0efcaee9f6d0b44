import { getString, isObjectLike } from './safe.js'
import { sanitizeText } from './text.js'

/**
 * The response headers an error may ask for. Anything else an error carries (`Set-Cookie`,
 * `Location`, `Content-Type` …) is never copied to a response.
 */
export const ERROR_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-encoding',
  'accept-patch',
  'accept-post',
  'accept-ranges',
  'allow',
  'content-range',
  'proxy-authenticate',
  'retry-after',
  'www-authenticate',
])

// RFC 9110 §5.5: field values are visible ASCII, space and tab; nothing else is ever written.
const SAFE_HEADER_VALUE = /^[\t\x20-\x7e]{1,1024}$/

/** Whether a string may be written as a header value as it is. */
export function isSafeHeaderValue(value: string): boolean {
  return SAFE_HEADER_VALUE.test(value)
}

/**
 * Copies the allowlisted headers of an error's `headers` (a plain object or `Headers`), keeping
 * only safe values. `only` narrows the allowlist further (a 5xx keeps only `retry-after`).
 */
export function pickErrorHeaders(headers: unknown, only?: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isObjectLike(headers)) return out
  let entries: [string, unknown][] = []
  try {
    if (
      typeof (headers as Headers).forEach === 'function' &&
      typeof (headers as Headers).get === 'function'
    ) {
      ;(headers as Headers).forEach((value, key) => {
        entries.push([key, value])
      })
    } else {
      entries = Object.keys(headers).map((key) => [key, getString(headers, key)])
    }
  } catch {
    return out
  }
  for (const [key, value] of entries.slice(0, 64)) {
    const name = key.toLowerCase()
    if (!ERROR_HEADERS.has(name) || (only && !only.has(name))) continue
    if (typeof value === 'string' && isSafeHeaderValue(value)) out[name] = value
    else if (typeof value === 'string') {
      const cleaned = sanitizeText(value, 1024)
      if (cleaned && isSafeHeaderValue(cleaned)) out[name] = cleaned
    }
  }
  return out
}

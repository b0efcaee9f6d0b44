import { get } from './safe.js'

/** How many members of a list value (`['Bearer', 'Basic']`) are read. */
const MAX_LIST = 8

/**
 * Reads headers of a headers value of any common shape, by name, in a fixed number of reads
 * (never by iterating it, which a hostile value can make endless): a `Headers`, a `Map`, axios'
 * `AxiosHeaders` or gRPC `Metadata` through their `get()` (the name in lower case, then as it is
 * usually spelt, `Retry-After`), or a plain object (Node's `IncomingHttpHeaders`, http-errors' and
 * Boom's `headers`) by its own property under those two spellings. A list value is joined with
 * commas; a number stays a number. A read that throws reads as nothing.
 */
export function headerReader(headers: unknown): (name: string) => string | number | undefined {
  if ((typeof headers !== 'object' && typeof headers !== 'function') || headers === null) return nothing
  const getter = get(headers, 'get')
  if (typeof getter === 'function') {
    return (name) => {
      const lower = name.toLowerCase()
      const spelt = spelling(lower)
      try {
        return (
          headerText(getter.call(headers, lower)) ??
          (spelt === lower ? undefined : headerText(getter.call(headers, spelt)))
        )
      } catch {
        return undefined
      }
    }
  }
  return (name) => {
    const lower = name.toLowerCase()
    const spelt = spelling(lower)
    return headerText(get(headers, lower)) ?? (spelt === lower ? undefined : headerText(get(headers, spelt)))
  }
}

/** One header of a headers value: see `headerReader`. */
export function readHeader(headers: unknown, name: string): string | number | undefined {
  return headerReader(headers)(name)
}

const nothing = (): undefined => undefined

/** How a header name is usually spelt: `Retry-After`, `WWW-Authenticate`, `X-Request-Id`. */
function spelling(lower: string): string {
  if (lower === 'www-authenticate') return 'WWW-Authenticate'
  return lower.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())
}

function headerText(value: unknown): string | number | undefined {
  if (typeof value === 'string' || typeof value === 'number') return value
  if (!Array.isArray(value)) return undefined
  const parts: string[] = []
  try {
    for (let i = 0; i < value.length && i < MAX_LIST; i++) {
      const part: unknown = value[i]
      if (typeof part === 'string') parts.push(part)
    }
  } catch {
    return undefined
  }
  return parts.length > 0 ? parts.join(', ') : undefined
}

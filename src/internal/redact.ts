/**
 * Redacted copies of thrown values for the log. An HTTP client's error carries the request it made:
 * axios' and got's `config` with the `Authorization` header, the raw request head (`_header`),
 * cookies, API keys, URLs with credentials; a structured logger serializes all of it. A copy is made
 * only along the paths that need it: a value with nothing to redact is the value itself, and the
 * thrown value is never changed. The copy is bounded (depth, properties, values, string length), so
 * what reaches the log is too.
 */

/** The key fragments redacted by default: a key whose lower-case form contains one is secret. */
export const REDACTED_KEYS: readonly string[] = Object.freeze([
  'authorization',
  'cookie',
  'password',
  'passwd',
  'secret',
  'token',
  'api-key',
  'api_key',
  'apikey',
  'credential',
  'private-key',
  'private_key',
  'privatekey',
  'signature',
])

/** What replaces a secret. */
export const REDACTED = '[REDACTED]'
const TRUNCATED = '[Truncated]'
const CIRCULAR = '[Circular]'

const MAX_DEPTH = 8
const MAX_VALUES = 500
const MAX_KEYS = 100
const MAX_STRING = 65_536

/** Makes redacted copies; one call of the function shares copies between the values it is given. */
export type Redactor = () => (value: unknown) => unknown

/**
 * A redactor for keys that contain any of `fragments` (lower case). Also redacted: values of
 * header lines with such a name in a raw head (`Authorization: Bearer …`), the password of a URL's
 * user info, and URL query parameters with such a name.
 */
export function createRedactor(fragments: readonly string[] = REDACTED_KEYS): Redactor {
  const parts = fragments.map((f) => f.toLowerCase())
  // Keys repeat from error to error: each is judged once (a bounded cache).
  const judged = new Map<string, boolean>()
  const isSecret = (key: string): boolean => {
    const known = judged.get(key)
    if (known !== undefined) return known
    const lower = key.toLowerCase()
    const secret = parts.some((part) => lower.includes(part))
    if (judged.size < 4096 && key.length <= 64) judged.set(key, secret)
    return secret
  }
  const alternatives = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  // One cheap look first: a string that names no fragment has no secret header line or parameter.
  const named = new RegExp(alternatives, 'i')
  const headerLine = new RegExp(`^([\\w-]*(?:${alternatives})[\\w-]*[ \\t]*:)[^\\r\\n]*`, 'gim')
  const queryParam = new RegExp(`([?&;][^=&#\\s]*(?:${alternatives})[^=&#\\s]*=)[^&#\\s]*`, 'gi')
  const redactText = (text: string): string => {
    let out = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…${TRUNCATED}` : text
    if (out.length < 8) return out
    const names = named.test(out)
    if (names && out.includes(':') && /[\r\n]/.test(out)) out = out.replace(headerLine, `$1 ${REDACTED}`)
    if (out.includes('://') && out.includes('@'))
      out = out.replace(/(\b[a-z][\w+.-]*:\/\/[^\s/:@]*:)[^\s/@]*@/gi, `$1${REDACTED}@`)
    // A query string, in a URL, a request path or a raw request line.
    if (names && out.includes('=') && (out.includes('?') || out.includes('&')))
      out = out.replace(queryParam, `$1${REDACTED}`)
    return out
  }

  return () => {
    const copies = new Map<object, unknown>()
    const inProgress = new Set<object>()
    let values = 0

    const visit = (value: unknown, depth: number): unknown => {
      if (typeof value === 'string') return redactText(value)
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value
      if (typeof value === 'function') return value
      if (copies.has(value)) return copies.get(value)
      if (inProgress.has(value)) return CIRCULAR
      if (depth > MAX_DEPTH || ++values > MAX_VALUES) return TRUNCATED
      inProgress.add(value)
      let out: unknown
      try {
        out = copyOf(value, depth)
      } catch {
        out = TRUNCATED // a value that cannot be read cannot be shown either
      }
      inProgress.delete(value)
      copies.set(value, out)
      return out
    }

    const copyOf = (value: object, depth: number): unknown => {
      if (ArrayBuffer.isView(value)) return value
      if (Array.isArray(value)) return copyArray(value, depth)
      const error = isErrorLike(value)
      const { keys, more } = enumerableKeys(value)
      // Hidden on native errors, yet a logger prints them: the message, stack, cause and members.
      const hidden = error ? ERROR_KEYS.filter((key) => !keys.includes(key) && Object.hasOwn(value, key)) : []
      let changed = more
      const entries: [string, unknown, boolean][] = []
      let message: { readonly from: string; readonly to: string } | undefined
      // A stack is its message and frames: only the message can hold a secret. It is read last, and
      // only if a copy is made (V8 formats a stack on its first read: about a microsecond an error,
      // for a copy nobody may make). A value whose only secret would sit in a stack that is no
      // string is not copied for it.
      let stackAt = -1
      for (const key of [...hidden, ...keys]) {
        if (key === 'stack' && error && !isSecret(key)) {
          stackAt = entries.length
          entries.push([key, undefined, !hidden.includes(key)])
          continue
        }
        const original = (value as Record<string, unknown>)[key]
        let copy: unknown
        if (isSecret(key) && original !== undefined && original !== null) copy = REDACTED
        else copy = visit(original, depth + 1)
        if (key === 'message' && typeof original === 'string' && copy !== original)
          message = { from: original, to: String(copy) }
        if (copy !== original) changed = true
        entries.push([key, copy, !hidden.includes(key)])
      }
      if (!changed) return value
      if (stackAt !== -1) {
        const stack = (value as Record<string, unknown>).stack
        ;(entries[stackAt] as [string, unknown, boolean])[1] =
          typeof stack !== 'string'
            ? visit(stack, depth + 1)
            : message && stack.includes(message.from)
              ? stack.replace(message.from, message.to)
              : stack
      }
      // An error keeps its prototype (its class, for the logger's `type`); anything else is plain.
      const copy: Record<string, unknown> = error ? Object.create(Object.getPrototypeOf(value)) : {}
      for (const [key, item, enumerable] of entries) {
        Object.defineProperty(copy, key, { value: item, enumerable, writable: true, configurable: true })
      }
      return copy
    }

    const copyArray = (array: readonly unknown[], depth: number): unknown => {
      let changed = array.length > MAX_KEYS
      const out: unknown[] = []
      for (let i = 0; i < array.length && i < MAX_KEYS; i++) {
        const original = array[i]
        // Node's raw headers: a secret header's name, then its value.
        const previous = out[i - 1]
        const copy =
          typeof previous === 'string' && typeof original === 'string' && i % 2 === 1 && isSecret(previous)
            ? REDACTED
            : visit(original, depth + 1)
        if (copy !== original) changed = true
        out.push(copy)
      }
      return changed ? out : array
    }

    return (value) => visit(value, 0)
  }
}

// What a logger prints of an error even where its own properties hide them.
const ERROR_KEYS = ['name', 'message', 'stack', 'cause', 'errors']

/**
 * The first `MAX_KEYS` own enumerable string keys, and whether there are more. A `for…in` that
 * stops at the cap: on a Proxy it runs a trap per key it reaches, not per key the value has (as
 * `Object.keys` would), and on other objects it is the cheapest bounded listing.
 */
function enumerableKeys(value: object): { keys: string[]; more: boolean } {
  const keys: string[] = []
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    if (keys.length === MAX_KEYS) return { keys, more: true }
    keys.push(key)
  }
  return { keys, more: false }
}

function isErrorLike(value: object): boolean {
  return (
    value instanceof Error || (typeof (value as { stack?: unknown }).stack === 'string' && 'message' in value)
  )
}

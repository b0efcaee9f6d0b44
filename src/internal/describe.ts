/**
 * A value as a setup error shows it: strings quoted and cut short, numbers, booleans, `null` and
 * `undefined` as they print, anything else by its type (never its contents).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value)
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`
}

import type { CatalogEntry, Verdict } from '../types.js'

/**
 * Catalog entries from a rule's lookup table: one row per key, with the verdict the rule gives for
 * it, named as the rule names it (`node-system:ECONNREFUSED`).
 */
export function catalogFromTable(
  table: Readonly<Record<string, Verdict>>,
  describe: (key: string) => string,
  rule: (key: string) => string,
): CatalogEntry[] {
  return Object.keys(table).map((key) => ({
    error: describe(key),
    verdict: { ...table[key], rule: rule(key) },
  }))
}

/**
 * A rule's table with each verdict named as the rule names it (`node-system:ECONNREFUSED`), built
 * once: a match then returns a ready verdict instead of allocating one per thrown value.
 */
export function nameVerdicts(
  table: Readonly<Record<string, Verdict>>,
  rule: (key: string) => string,
): Readonly<Record<string, Verdict>> {
  const named: Record<string, Verdict> = {}
  for (const key of Object.keys(table)) named[key] = Object.freeze({ ...table[key], rule: rule(key) })
  return named
}

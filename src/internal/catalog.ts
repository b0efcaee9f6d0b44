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

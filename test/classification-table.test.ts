import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ES module without types, shared with `npm run docs:table`
import { renderClassificationTable } from '../scripts/classification-table.mjs'
import { createClassifier, DEFAULT_RULES } from '../src/index.js'

describe('docs/classification.md', () => {
  it('is what the rules say today (run `npm run docs:table` after changing a rule)', () => {
    const committed = readFileSync(new URL('../docs/classification.md', import.meta.url), 'utf8')
    expect(committed).toBe(renderClassificationTable(DEFAULT_RULES, createClassifier))
  })

  it('has catalog entries for every built-in rule family', () => {
    for (const rule of DEFAULT_RULES) expect(rule.catalog?.length ?? 0, rule.name).toBeGreaterThan(0)
  })
})

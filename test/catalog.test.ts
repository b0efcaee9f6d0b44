import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Classification, classify, createClassifier, DEFAULT_RULES } from '../src/index.js'
import type { Example, FamilyCatalog } from './catalog/example.js'
import { renderClassificationTable } from './support/classification-table.js'

const DIR = new URL('./catalog/', import.meta.url)
const files = readdirSync(DIR).filter((file) => file.endsWith('.ts') && file !== 'example.ts')
const modules: { default: FamilyCatalog }[] = await Promise.all(
  files.map((file) => import(new URL(file, DIR).href)),
)
const catalogs = new Map(modules.map(({ default: c }) => [c.family, c]))
const families = [...new Set(DEFAULT_RULES.map((rule) => rule.name))]
const TABLE = new URL('../docs/classification.md', import.meta.url)

const runs = new Map<Example, { value: unknown; classification: Classification }>()

beforeAll(async () => {
  for (const family of families) {
    for (const example of catalogs.get(family)?.examples ?? []) {
      const value = await example.make()
      runs.set(example, { value, classification: classify(value) })
    }
  }
}, 60_000)

afterAll(async () => {
  for (const c of catalogs.values()) await c.close?.()
})

describe('the catalog', () => {
  it('has examples for every built-in family, and no others', () => {
    for (const family of families)
      expect(catalogs.get(family)?.examples.length ?? 0, family).toBeGreaterThan(0)
    for (const family of catalogs.keys()) expect(families, family).toContain(family)
  })

  for (const family of families.filter((name) => catalogs.has(name))) {
    describe(family, () => {
      for (const example of catalogs.get(family)?.examples ?? []) {
        it(`${example.error} → ${example.status} ${example.rule}`, () => {
          const { value, classification: c } = runs.get(example) as {
            value: unknown
            classification: Classification
          }
          expect({ rule: c.rule, status: c.status }).toEqual({ rule: example.rule, status: example.status })
          if (example.retryable !== undefined) expect(c.retryable).toBe(example.retryable)
          for (const name of example.headers ?? []) expect(Object.keys(c.headers)).toContain(name)
          // A family names its results `family:…`, and every name the docs show is an override key.
          if (catalogs.get(family)?.unwrapsOnly) expect(c.cause).not.toBe(value)
          else
            expect(example.rule === family || example.rule.startsWith(`${family}:`), example.rule).toBe(true)
          const overridden = createClassifier({ overrides: { [example.rule]: 418 } })
          expect(overridden(value).status).toBe(418)
        })
      }
    })
  }
})

describe('docs/classification.md', () => {
  it('is rendered from the catalog’s runs (`npm run docs:table` rewrites it)', () => {
    const rendered = renderClassificationTable(
      families.map((family) => ({
        family,
        rows: (catalogs.get(family)?.examples ?? []).map((example) => ({
          error: example.error,
          classification: runs.get(example)?.classification as Classification,
        })),
      })),
    )
    if (process.env.UPDATE_CLASSIFICATION_TABLE === '1') writeFileSync(TABLE, rendered)
    expect(readFileSync(TABLE, 'utf8')).toBe(rendered)
  })
})

import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Imports point one way (docs/customising.md, "How the classifier is built"): types and codes at
// the bottom; guarded reads and shared verdicts (`internal/`); the rule families, which import no
// other family; the engine (`engine/`: walk, index), which imports no rule; then the classifier,
// the serializer, the responder and the adapters.

const src = new URL('../src/', import.meta.url)

function files(dir: string): string[] {
  return readdirSync(new URL(dir, src), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(`${dir}${entry.name}/`)
      : entry.name.endsWith('.ts')
        ? [`${dir}${entry.name}`]
        : [],
  )
}

/** The files of `src/` a file imports, as paths relative to `src/`. */
function importsOf(file: string): string[] {
  const text = readFileSync(new URL(file, src), 'utf8')
  const base = new URL(file, src)
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) =>
    new URL((match[1] as string).replace(/\.js$/, '.ts'), base).pathname.slice(src.pathname.length),
  )
}

const BOTTOM = new Set(['types.ts', 'codes.ts', 'http-error.ts'])
const isInternal = (path: string) => path.startsWith('internal/')
const isFamily = (path: string) => path.startsWith('rules/') && path !== 'rules/index.ts'

describe('layers', () => {
  const all = files('')

  it('finds the layers', () => {
    expect(all.filter(isFamily).length).toBeGreaterThan(15)
    expect(all.filter(isInternal).length).toBeGreaterThan(5)
    expect(all.filter((f) => f.startsWith('engine/')).length).toBeGreaterThan(1)
  })

  it('internal/ imports only types, codes and internal/', () => {
    for (const file of all.filter(isInternal)) {
      const up = importsOf(file).filter((path) => !isInternal(path) && !BOTTOM.has(path))
      expect(up, file).toEqual([])
    }
  })

  it('a rule family imports no other family, no engine and nothing above', () => {
    for (const file of all.filter(isFamily)) {
      const up = importsOf(file).filter((path) => !isInternal(path) && !BOTTOM.has(path))
      expect(up, file).toEqual([])
    }
  })

  it('the engine imports no rule', () => {
    for (const file of all.filter((f) => f.startsWith('engine/'))) {
      const up = importsOf(file).filter(
        (path) => !isInternal(path) && !BOTTOM.has(path) && !path.startsWith('engine/'),
      )
      expect(up, file).toEqual([])
    }
  })

  it('only classify.ts (and index.ts, which exports DEFAULT_RULES) binds the rule families', () => {
    const binders = all.filter(
      (file) => !file.startsWith('rules/') && importsOf(file).some((path) => path.startsWith('rules/')),
    )
    expect(binders.sort()).toEqual(['classify.ts', 'index.ts'])
  })

  it('the client shares with the server side only the small pure modules it needs', () => {
    const client = all.filter((file) => file === 'client.ts' || file.startsWith('client/'))
    expect(client.length).toBeGreaterThan(3)
    const shared = new Set(
      client.flatMap(importsOf).filter((path) => path !== 'client.ts' && !path.startsWith('client/')),
    )
    expect([...shared].sort()).toEqual(['internal/network-fault.ts', 'internal/system-codes.ts', 'types.ts'])
    for (const file of [...shared].filter(isInternal)) {
      const below = importsOf(file).filter((path) => path !== 'internal/verdicts.ts' && path !== 'types.ts')
      expect(below, file).toEqual([])
    }
    const intoClient = all.filter(
      (file) => !client.includes(file) && importsOf(file).some((path) => path.startsWith('client')),
    )
    expect(intoClient).toEqual([])
  })

  it('the core below the adapters imports no adapter', () => {
    for (const file of all.filter((f) => !f.startsWith('adapters/'))) {
      expect(
        importsOf(file).filter((path) => path.startsWith('adapters/')),
        file,
      ).toEqual([])
    }
  })
})

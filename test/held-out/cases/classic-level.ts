import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'classic-level'

// classic-level: LevelDB as an embedded key-value store (prebuilt N-API binding shipped in the
// package). Errors are abstract-level's `ModuleError`s (module-error): a plain Error with a string
// `code` (LEVEL_*) and, where LevelDB or a codec failed underneath, a `cause`.
export const collect: Collect = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'heldout-r-level-'))
  const cases: HeldOutCase[] = []
  const db = new ClassicLevel<string, unknown>(join(dir, 'main'), { valueEncoding: 'json' })
  await db.open()
  try {
    const second = new ClassicLevel(join(dir, 'main'))
    cases.push({
      library,
      what: 'open() of a store whose LOCK another instance holds: Error "Database failed to open", code LEVEL_DATABASE_NOT_OPEN, cause code LEVEL_LOCKED ("IO error: lock …/LOCK: already held by process")',
      why: 'dependency unavailable: the store is locked by another holder, 503 retryable',
      expect: { status: 503, retryable: true },
      error: await rejectionOf(() => second.open()),
    })
    cases.push({
      library,
      what: 'put() with a null key (our code lost the id): Error "Key cannot be null or undefined", code LEVEL_INVALID_KEY',
      why: 'everything else: our own bug',
      expect: { status: 500 },
      error: await rejectionOf(() => db.put(null as unknown as string, { total: 1 })),
    })
    cases.push({
      library,
      what: 'put() with an undefined value: Error "Value cannot be null or undefined", code LEVEL_INVALID_VALUE',
      why: 'everything else: our own bug',
      expect: { status: 500 },
      error: await rejectionOf(() => db.put('cart:1', undefined)),
    })
    await db.put('cart:2', 'not json', { valueEncoding: 'utf8' })
    cases.push({
      library,
      what: 'get() with the json encoding of a value stored as utf8 text: Error "Could not decode value", code LEVEL_DECODE_ERROR, cause SyntaxError',
      why: 'everything else: our own data was written with another encoding, 500',
      expect: { status: 500 },
      error: await rejectionOf(() => db.get('cart:2')),
    })
    const missing = new ClassicLevel(join(dir, 'not-created', 'deeper'), { createIfMissing: false })
    cases.push({
      library,
      what: 'open() of a path that does not exist with createIfMissing false: Error "Database failed to open", code LEVEL_DATABASE_NOT_OPEN, cause code LEVEL_IO_ERROR',
      why: 'our configuration is wrong (bad store path): 500',
      expect: { status: 500 },
      error: await rejectionOf(() => missing.open()),
    })
    const existing = new ClassicLevel(join(dir, 'main-copy'))
    await existing.open()
    await existing.close()
    const exclusive = new ClassicLevel(join(dir, 'main-copy'), { errorIfExists: true })
    cases.push({
      library,
      what: 'open() with errorIfExists of a store that exists: Error "Database failed to open", code LEVEL_DATABASE_NOT_OPEN, cause "Invalid argument: …: exists (error_if_exists is true)" without a code',
      why: 'our configuration is wrong: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => exclusive.open()),
    })
  } finally {
    await db.close()
  }
  try {
    cases.push({
      library,
      what: 'get() on the store our code already closed: Error "Database is not open", code LEVEL_DATABASE_NOT_OPEN, no cause',
      why: 'everything else: our own lifecycle bug',
      expect: { status: 500 },
      error: await rejectionOf(() => db.get('cart:1')),
    })
    return cases
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

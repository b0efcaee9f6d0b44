import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Config, JsonDB } from 'node-json-db'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'node-json-db'

// node-json-db 3: an embedded JSON document store in a file of a temporary folder.
export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const add = (what: string, why: string, expect: HeldOutCase['expect'], error: unknown) =>
    cases.push({ library, what, why, expect, error })
  const dir = mkdtempSync(join(tmpdir(), 'held-out-json-db-'))
  try {
    const db = new JsonDB(new Config(join(dir, 'db.json'), true, false, '/'))
    await db.push('/users/1', { email: 'a@example.com', tags: ['admin'] })

    add(
      'GET /users/42: getData("/users/42") of a missing document: DataError id 5 "Can\'t find dataPath"',
      'find-or-throw of a missing record: not found, 404',
      { status: 404 },
      await rejectionOf(() => db.getData('/users/42')),
    )
    add(
      'GET /users/1/tags/3: getData("/users/1/tags[3]") past the end: DataError "Can\'t find index 3 in array tags"',
      'find-or-throw of a missing record: not found, 404',
      { status: 404 },
      await rejectionOf(() => db.getData('/users/1/tags[3]')),
    )
    add(
      'push() of an array onto an object with merge: DataError id 3 "Can\'t merge another type of data with an Array"',
      'our bug (wrong use of the store), 500',
      { status: 500 },
      await rejectionOf(() => db.push('/users/1', ['x'], false)),
    )
    add(
      'push("/users/1[]") appending to a path that is not an array: DataError id 11 "... is not an array."',
      'our bug (wrong use of the store), 500',
      { status: 500 },
      await rejectionOf(() => db.push('/users/1[]', 1)),
    )
    writeFileSync(join(dir, 'broken.json'), '{not json')
    const broken = new JsonDB(new Config(join(dir, 'broken.json'), true, false, '/'))
    add(
      'the database file is not JSON: DatabaseError id 1 "Can\'t Load Database" (inner SyntaxError)',
      'our broken data file / misconfiguration, 500',
      { status: 500 },
      await rejectionOf(() => broken.getData('/')),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}

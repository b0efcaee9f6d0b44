// tingodb: the embedded, MongoDB-compatible file database, in-process on a temporary directory.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tingodb from 'tingodb'
import { type HeldOutCase, rejectionOf } from '../case.js'

const library = 'tingodb'

function call<T>(run: (cb: (err: Error | null, result?: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => run((err, result) => (err ? reject(err) : resolve(result))))
}

export async function collect(): Promise<HeldOutCase[]> {
  const cases: HeldOutCase[] = []
  const dir = mkdtempSync(join(tmpdir(), 'heldout-tingodb-'))
  const Engine = tingodb()
  const db = new Engine.Db(dir, {})
  try {
    const users = db.collection('users')
    await call((cb) => users.ensureIndex({ email: 1 }, { unique: true }, cb))
    await call((cb) => users.insert({ email: 'ada@example.com', name: 'Ada' }, cb))

    cases.push({
      library,
      what: 'insert of a user whose email a unique index already holds: Error "duplicate key error index"',
      why: "unique violation on the client's data → conflict",
      expect: { status: 409 },
      error: await rejectionOf(() =>
        call((cb) => users.insert({ email: 'ada@example.com', name: 'Eve' }, cb)),
      ),
    })

    cases.push({
      library,
      what: 'insert of the client\'s JSON body, which has a key "$where": Error "key $where must not start with \'$\'"',
      why: 'a malformed value from the client reached the database → 400',
      expect: { status: 400 },
      error: await rejectionOf(() =>
        call((cb) => users.insert({ email: 'b@example.com', profile: { $where: 'sleep(1000)' } }, cb)),
      ),
    })

    cases.push({
      library,
      what: 'GET /users/:id with the client\'s id "not-an-id" turned into an ObjectID: Error "ObjectId should be ObjectId (whatever it is designed to be) not-an-id"',
      why: 'a malformed id from the client (like Mongoose CastError) → 400',
      expect: { status: 400 },
      error: await rejectionOf(() =>
        call((cb) => users.findOne({ _id: new Engine.ObjectID('not-an-id') }, cb)),
      ),
    })

    cases.push({
      library,
      what: 'our code pages with skip("10") from the query string without parsing it: Error "skip requires an integer"',
      why: 'our own bad argument (we passed the string on)',
      expect: { status: 500 },
      error: await rejectionOf(() => call<unknown[]>((cb) => users.find({}).skip('10').toArray(cb))),
    })

    cases.push({
      library,
      what: 'our code opens a collection in strict mode that was never created: Error "Collection orders does not exist. Currently in safe mode."',
      why: 'our own misconfiguration (missing collection)',
      expect: { status: 500 },
      error: await rejectionOf(() => call((cb) => db.collection('orders', { strict: true }, cb))),
    })
  } finally {
    await call((cb) => db.close(cb))
    rmSync(dir, { recursive: true, force: true })
  }
  return cases
}

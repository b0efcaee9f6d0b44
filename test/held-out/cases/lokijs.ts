import Loki from 'lokijs'
import type { Collect, HeldOutCase } from '../case.js'

const library = 'lokijs'

interface User {
  email: string
  name: string
}

/** What a synchronous call throws; throws if it returns. */
function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

export const collect: Collect = async () => {
  // An in-memory database with a unique index, as a small service keeps its users.
  const db = new Loki('users.db', { autosave: false })
  const users = db.addCollection<User>('users', { unique: ['email'], indices: ['name'] })
  users.insert({ email: 'ada@example.com', name: 'Ada' })
  const grace = users.insert({ email: 'grace@example.com', name: 'Grace' })!
  const cases: HeldOutCase[] = [
    {
      library,
      what: 'insert of a second user with the same email into a collection with unique: ["email"] ("Duplicate key for property email: …", plain Error)',
      why: 'conflicts: unique violation, 409',
      expect: { status: 409 },
      error: thrownBy(() => users.insert({ email: 'ada@example.com', name: 'Ada again' })),
    },
    {
      library,
      what: "update of a user's email to one another user has (the unique index rejects it, plain Error)",
      why: 'conflicts: unique violation, 409',
      expect: { status: 409 },
      error: thrownBy(() => users.update({ ...grace, email: 'ada@example.com' })),
    },
    {
      library,
      what: 'update of a document object that was never inserted ("Trying to update unsynced document. Please save the document first …")',
      why: 'everything else: a bug in our code, 500',
      expect: { status: 500 },
      error: thrownBy(() => users.update({ email: 'x@example.com', name: 'X' } as User & LokiObj)),
    },
  ]
  db.close()
  return cases
}

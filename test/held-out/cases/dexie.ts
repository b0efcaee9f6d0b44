import { Dexie, type EntityTable } from 'dexie'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'

const library = 'dexie'

interface User {
  id: number
  email: string
  age: number
}

function open(name: string, indexedDB: IDBFactory, version: number) {
  const db = new Dexie(name, { indexedDB, IDBKeyRange }) as InstanceType<typeof Dexie> & {
    users: EntityTable<User, 'id'>
  }
  db.version(version).stores({ users: 'id, &email, age' })
  return db
}

// Dexie 4 over fake-indexeddb (an in-memory IndexedDB engine), as a server-side store.
export const collect: Collect = async () => {
  const engine = new IDBFactory()
  const db = open('app', engine, 2)
  const cases: HeldOutCase[] = []
  try {
    await db.users.bulkAdd([
      { id: 1, email: 'ada@example.com', age: 36 },
      { id: 2, email: 'grace@example.com', age: 45 },
    ])
    cases.push({
      library,
      what: 'users.add() with a primary key that exists: ConstraintError',
      why: 'conflicts: unique violation (primary key)',
      expect: { status: 409 },
      error: await rejectionOf(() => db.users.add({ id: 1, email: 'new@example.com', age: 20 })),
    })
    cases.push({
      library,
      what: "users.add() with an email taken under the unique index '&email': ConstraintError",
      why: 'conflicts: unique violation',
      expect: { status: 409 },
      error: await rejectionOf(() => db.users.add({ id: 3, email: 'ada@example.com', age: 20 })),
    })
    cases.push({
      library,
      what: 'users.bulkAdd() of three rows, two of them duplicates: BulkError with failures',
      why: 'conflicts: unique violations in a batch',
      expect: { status: 409 },
      error: await rejectionOf(() =>
        db.users.bulkAdd([
          { id: 4, email: 'lin@example.com', age: 30 },
          { id: 1, email: 'x@example.com', age: 30 },
          { id: 5, email: 'grace@example.com', age: 30 },
        ]),
      ),
    })
    cases.push({
      library,
      what: "modify() that sets every user's email to one value: ModifyError (unique index)",
      why: 'conflicts: unique violation during a bulk update',
      expect: { status: 409 },
      error: await rejectionOf(() =>
        db.users
          .where('age')
          .above(18)
          .modify((u: User) => {
            u.email = 'same@example.com'
          }),
      ),
    })
    cases.push({
      library,
      what: 'users.put() with a primary key that is an object (client input as key): DataError',
      why: 'malformed request syntax: a malformed value reached the database (like pg class 22)',
      expect: { status: 400 },
      error: await rejectionOf(() =>
        db.users.put({ id: { $gt: 0 } as any, email: 'eve@example.com', age: 1 }),
      ),
    })
    cases.push({
      library,
      what: "a write inside db.transaction('r', …): ReadOnlyError",
      why: 'a programming error in our code: 500',
      expect: { status: 500 },
      error: await rejectionOf(() =>
        db.transaction('r', db.users, () => db.users.update(1, { age: 37 }) as Promise<unknown>),
      ),
    })
    cases.push({
      library,
      what: "db.table('orders') on a schema without that table: InvalidTableError",
      why: 'a programming error in our code: 500',
      expect: { status: 500 },
      error: await rejectionOf(async () => db.table('orders').toArray()),
    })
    return cases
  } finally {
    db.close()
  }
}

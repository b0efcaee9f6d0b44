// @ts-expect-error no types installed: @types/pouchdb-core redeclares the global Buffer
import memory from 'pouchdb-adapter-memory'
// @ts-expect-error no types installed, as above
import PouchDB from 'pouchdb-core'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

/** The part of a PouchDB database these cases use. */
interface Database {
  put(doc: { _id: string; _rev?: string; email: string }): Promise<unknown>
  get(id: string): Promise<unknown>
  remove(id: string, rev: string): Promise<unknown>
  destroy(): Promise<unknown>
}

type Pouch = { plugin(plugin: unknown): new (name: string, options: { adapter: string }) => Database }

export const collect: Collect = async () => {
  const Local = (PouchDB as Pouch).plugin(memory)
  const db = new Local('held-out-users', { adapter: 'memory' })
  try {
    await db.put({ _id: 'user:ada', email: 'ada@example.com' })
    return [
      {
        library: 'pouchdb-core',
        what: 'put of a document whose id exists, without its _rev: PouchError conflict, status 409',
        why: 'conflict: document update conflict (optimistic concurrency)',
        expect: { status: 409 },
        error: await rejectionOf(() => db.put({ _id: 'user:ada', email: 'ada@example.org' })),
      },
      {
        library: 'pouchdb-core',
        what: 'get of a document id that does not exist: PouchError not_found, status 404',
        why: 'not found: the record the client asked for does not exist',
        expect: { status: 404 },
        error: await rejectionOf(() => db.get('user:bob')),
      },
      {
        library: 'pouchdb-core',
        what: 'remove with a stale _rev: PouchError conflict, status 409',
        why: 'conflict: optimistic-concurrency revision mismatch',
        expect: { status: 409 },
        error: await rejectionOf(() => db.remove('user:ada', '1-967a00dff5e02add41819138abb3284d')),
      },
      {
        library: 'pouchdb-core',
        what: 'put of a client-chosen id that starts with an underscore: PouchError bad_request, status 400',
        why: 'an error that carries a status: that status (400)',
        expect: { status: 400 },
        error: await rejectionOf(() => db.put({ _id: '_admin', email: 'eve@example.com' })),
      },
    ]
  } finally {
    await db.destroy()
  }
}

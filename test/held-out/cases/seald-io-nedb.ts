import { createRequire } from 'node:module'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'

// The package is CommonJS (`module.exports = Datastore`) but its types declare `export default`.
const Datastore = createRequire(import.meta.url)('@seald-io/nedb') as typeof import('@seald-io/nedb').default

export const collect: Collect = async () => {
  const users = new Datastore<{ email: string }>({ inMemoryOnly: true })
  await users.ensureIndexAsync({ fieldName: 'email', unique: true })
  await users.insertAsync({ email: 'a@example.com' })
  return [
    {
      library: '@seald-io/nedb',
      what: 'insert of a duplicate email into a unique index: uniqueViolated',
      why: 'unique violation',
      expect: { status: 409 },
      error: await rejectionOf(() => users.insertAsync({ email: 'a@example.com' })),
    },
  ]
}

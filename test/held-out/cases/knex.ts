import knex from 'knex'
import type { Collect } from '../case.js'
import { rejectionOf } from '../case.js'
import { hangingServer } from './support/local.js'

export const collect: Collect = async () => {
  const server = await hangingServer()
  const silent = { warn() {}, error() {}, debug() {}, deprecate() {} }
  const db = knex({
    client: 'pg',
    connection: { host: '127.0.0.1', port: server.port, user: 'app', database: 'app' },
    acquireConnectionTimeout: 200,
    pool: { min: 0, max: 1, createTimeoutMillis: 300 },
    log: silent,
  })
  try {
    return [
      {
        library: 'knex',
        what: 'the database accepts TCP and never answers: KnexTimeoutError acquiring a connection',
        why: 'dependency too slow: pool acquire timeout',
        expect: { status: 504, retryable: true },
        error: await rejectionOf(() => db.select('*').from('users')),
      },
    ]
  } finally {
    await db.destroy()
    await server.close()
  }
}

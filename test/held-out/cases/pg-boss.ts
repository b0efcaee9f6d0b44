import PgBoss from 'pg-boss'
import { type Collect, type HeldOutCase, rejectionOf } from '../case.js'
import { closedPort, hangingServer } from './support/local.js'
import { fakePostgres, startPglite } from './support/pg-wire.js'

const library = 'pg-boss'

// pg-boss 10 (a PostgreSQL job queue, over node-postgres) against a real PostgreSQL engine:
// PGlite served on 127.0.0.1 by pglite-socket. The API server enqueues and completes jobs.
// Connection failures come from node-postgres inside pg-boss and surface from boss.start().
//
// Not collected: start() with migrate: false on an empty database. Against pglite-socket the
// connection drops during pg-boss's install check and the error escapes as an uncaught exception.
const options = (port: number, extra: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port,
  user: 'postgres',
  database: 'postgres',
  max: 1,
  supervise: false,
  schedule: false,
  ...extra,
})

async function startFailure(port: number, extra: Record<string, unknown> = {}): Promise<unknown> {
  const boss = new PgBoss(options(port, extra))
  boss.on('error', () => {})
  try {
    return await rejectionOf(() => boss.start())
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {})
  }
}

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const pg = await startPglite()
  try {
    const boss = new PgBoss(options(pg.port))
    boss.on('error', () => {})
    await boss.start()
    await boss.createQueue('emails')
    cases.push({
      library,
      what: 'send() with retryLimit -1 computed by our handler: AssertionError ERR_ASSERTION "retryLimit must be an integer >= 0"',
      why: 'our bug (bad option): 500',
      expect: { status: 500 },
      error: await rejectionOf(() => boss.send('emails', { to: 'a@example.com' }, { retryLimit: -1 })),
    })
    cases.push({
      library,
      what: 'send() given a callback instead of a payload: AssertionError "send() cannot accept a function as the payload…"',
      why: 'our bug: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => boss.send('emails', (() => {}) as unknown as object)),
    })
    cases.push({
      library,
      what: 'send() with priority 1.5: AssertionError "priority must be an integer"',
      why: 'our bug (we passed a non-integer priority): 500',
      expect: { status: 500 },
      error: await rejectionOf(() => boss.send('emails', {}, { priority: 1.5 })),
    })
    cases.push({
      library,
      what: 'POST /jobs/not-a-uuid/complete: boss.complete() with the id from the URL, node-postgres DatabaseError 22P02 invalid input syntax for type uuid',
      why: 'malformed value that reached the database (pg class 22): 400',
      expect: { status: 400 },
      error: await rejectionOf(() => boss.complete('emails', 'not-a-uuid')),
    })
    await boss.stop({ graceful: false, wait: true })
    cases.push({
      library,
      what: 'work() registered after boss.stop(): Error "Workers are disabled. pg-boss is stopped"',
      why: 'our lifecycle bug: 500',
      expect: { status: 500 },
      error: await rejectionOf(() => boss.work('emails', async () => {})),
    })
  } finally {
    await pg.close()
  }

  cases.push({
    library,
    what: 'boss.start() with the database port closed: node-postgres ECONNREFUSED',
    why: 'database unreachable: 503',
    expect: { status: 503, retryable: true },
    error: await startFailure(await closedPort()),
  })
  const hang = await hangingServer()
  cases.push({
    library,
    what: 'boss.start() against a server that never answers, connectionTimeoutMillis 200: Error "Connection terminated due to connection timeout"',
    why: 'dependency too slow: 504',
    expect: { status: 504, retryable: true },
    error: await startFailure(hang.port, { connectionTimeoutMillis: 200 }),
  })
  await hang.close()
  const full = await fakePostgres({ startup: { code: '53300', message: 'sorry, too many clients already' } })
  cases.push({
    library,
    what: 'boss.start() when the server is at max_connections: DatabaseError 53300 "sorry, too many clients already"',
    why: 'too many connections: dependency unavailable 503',
    expect: { status: 503, retryable: true },
    error: await startFailure(full.port),
  })
  await full.close()
  return cases
}

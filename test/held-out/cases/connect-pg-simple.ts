import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import connectPgSimple from 'connect-pg-simple'
import signature from 'cookie-signature'
import express from 'express'
import session from 'express-session'
import pg from 'pg'
import type { Collect, HeldOutCase } from '../case.js'
import { serveErrors } from './support/express-errors.js'
import { closedPort, closingServer, hangingServer } from './support/local.js'

const library = 'connect-pg-simple'
const secret = 'keyboard cat is not a secret'
const PgStore = connectPgSimple(session)

// Sessions in PostgreSQL (PGlite served over the wire protocol on 127.0.0.1), as express-session
// hands the store's errors to next().
async function sessionApp(pool: pg.Pool, tableName = 'user_sessions') {
  const app = express()
  app.use(
    session({
      store: new PgStore({ pool, tableName, pruneSessionInterval: false, errorLog: () => {} }),
      secret,
      resave: false,
      saveUninitialized: false,
    }),
  )
  app.get('/profile', (req, res) => {
    res.json({ user: (req.session as { user?: string }).user ?? null })
  })
  app.post('/login', (req, res, next) => {
    req.session.regenerate((err) => {
      if (err) return next(err)
      ;(req.session as { user?: string }).user = 'alice'
      req.session.save((saveErr) => {
        // Drop the half-made session, so express-session does not try to save it again at res.end().
        if (saveErr) return req.session.destroy(() => next(saveErr))
        res.json({ ok: true })
      })
    })
  })
  return serveErrors(app)
}

const withSession = (init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { cookie: `connect.sid=${encodeURIComponent(`s:${signature.sign('sid-1234', secret)}`)}` },
})

export const collect: Collect = async () => {
  const cases: HeldOutCase[] = []
  const db = await PGlite.create()
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 })
  await server.start()
  const port = Number(String(server.getServerConn()).split(':').pop())
  const hanging = await hangingServer()
  const closing = await closingServer()
  const pools: pg.Pool[] = []
  const apps: { close(): Promise<void> }[] = []
  const start = async (config: pg.PoolConfig, tableName?: string) => {
    const pool = new pg.Pool({ host: '127.0.0.1', user: 'postgres', database: 'postgres', max: 1, ...config })
    pool.on('error', () => {})
    pools.push(pool)
    const app = await sessionApp(pool, tableName)
    apps.push(app)
    return { pool, app }
  }
  try {
    await db.exec(`
      CREATE TABLE user_sessions (sid varchar PRIMARY KEY, sess json NOT NULL, expire timestamp(6) NOT NULL);
      CREATE TABLE legacy_sessions (sid varchar PRIMARY KEY, sess json NOT NULL, expire integer NOT NULL);
    `)

    const refused = await start({ port: await closedPort() })
    cases.push({
      library,
      what: "session database refuses connections: store.get passes pg's ECONNREFUSED error to next()",
      why: 'session store down: dependency unavailable, 503',
      expect: { status: 503, retryable: true },
      error: await refused.app.rejection('/profile', withSession()),
    })

    const slow = await start({ port: hanging.port, connectionTimeoutMillis: 200 })
    cases.push({
      library,
      what: 'session database accepts TCP and never answers the startup, connectionTimeoutMillis 200: Error "Connection terminated due to connection timeout"',
      why: 'session store too slow: 504',
      expect: { status: 504, retryable: true },
      error: await slow.app.rejection('/profile', withSession()),
    })

    const hangup = await start({ port: closing.port })
    cases.push({
      library,
      what: 'session database closes every connection at once: Error "Connection terminated unexpectedly"',
      why: 'session store unavailable (connection dropped before start-up): 503; a DB hang-up is not named by the policy, closest row is dependency unavailable',
      expect: { status: 503, retryable: true },
      error: await hangup.app.rejection('/profile', withSession()),
    })

    const live = await start({ port, connectionTimeoutMillis: 300 })
    const held = await live.pool.connect()
    cases.push({
      library,
      what: 'the pool (max 1) is exhausted by a long report query: Error "timeout exceeded when trying to connect"',
      why: 'pool exhausted: dependency unavailable, 503',
      expect: { status: 503, retryable: true },
      error: await live.app.rejection('/profile', withSession()),
    })
    held.release()
    // PGlite serves one connection at a time: this pool lets go before the next app connects.
    await live.pool.end()

    const noTable = await start({ port, connectionTimeoutMillis: 1000 }, 'sessions_v2')
    cases.push({
      library,
      what: 'the session table of our config was never migrated: pg DatabaseError 42P01 relation "sessions_v2" does not exist',
      why: 'our own misconfiguration (missing migration): 500',
      expect: { status: 500 },
      error: await noTable.app.rejection('/profile', withSession()),
    })
    await noTable.pool.end()

    const legacy = await start({ port, connectionTimeoutMillis: 1000 }, 'legacy_sessions')
    cases.push({
      library,
      what: 'a session read against a table whose expire column is integer (old schema): pg DatabaseError 42883 "operator does not exist: integer >= timestamp with time zone"',
      why: 'our own schema bug: 500',
      expect: { status: 500 },
      error: await legacy.app.rejection('/profile', withSession()),
    })
    cases.push({
      library,
      what: 'a fresh login saves into that table: pg DatabaseError 42804 column "expire" is of type integer but expression is of type timestamp with time zone',
      why: 'our own schema bug: 500',
      expect: { status: 500 },
      error: await legacy.app.rejection('/login', { method: 'POST' }),
    })
    return cases
  } finally {
    for (const app of apps) await app.close()
    for (const pool of pools) if (!pool.ended) await pool.end()
    await hanging.close()
    await closing.close()
    await server.stop()
    await db.close()
  }
}

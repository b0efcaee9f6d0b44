import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { rejectionOf } from '../support/caught.js'
import { type FakePostgres, fakePostgres } from '../support/fake-postgres.js'
import { catalog, type Example, errorWith } from './example.js'

// One real PostgreSQL (PGlite), opened by the first example that queries it.
const SCHEMA = `
  create table parent (id int primary key);
  create table account (
    id serial primary key,
    email text unique not null,
    age int check (age > 0),
    parent_id int references parent (id) on delete restrict
  );
  create table booking (during int4range, exclude using gist (during with &&));
  insert into parent values (1);
  insert into account (email, age, parent_id) values ('taken@example.com', 30, 1);
  insert into booking values ('[1,5)');
`
let pglite: Promise<PGlite> | undefined
function database(): Promise<PGlite> {
  pglite ??= PGlite.create().then(async (db) => {
    await db.exec(SCHEMA)
    return db
  })
  return pglite
}

/** What PGlite rejects `sql` with. */
async function failedQuery(sql: string): Promise<unknown> {
  const db = await database()
  return rejectionOf(() => db.exec(sql))
}

/**
 * A state the server raises itself: PGlite is a single session without timer signals, so a
 * deadlock, a lock wait or a statement timeout cannot happen there; RAISE gives the server's own error.
 */
function raised(state: string, text: string): Promise<unknown> {
  return failedQuery(`do $$ begin raise exception '${text}' using errcode = '${state}'; end $$`)
}

// A loopback server for the real `pg` client (test/support/fake-postgres.ts), started on first use.
let fake: Promise<FakePostgres> | undefined
const fakeServer = () => (fake ??= fakePostgres())

/** A real `pg` client of the fake server; `database` chooses the session the server gives it. */
async function client(database: string, options: pg.ClientConfig = {}): Promise<pg.Client> {
  const { port } = await fakeServer()
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'app', database, ...options })
  c.on('error', () => {})
  return c
}

/** A real `pg` pool of the fake server. */
async function pool(database: string, options: pg.PoolConfig = {}): Promise<pg.Pool> {
  const { port } = await fakeServer()
  const p = new pg.Pool({ host: '127.0.0.1', port, user: 'app', database, ...options })
  p.on('error', () => {})
  return p
}

/** What `pg` rejects `connect()` with when the server refuses the session with a FATAL `state`. */
async function refused(state: string, text: string): Promise<unknown> {
  const c = await client(`refuse ${state} ${text}`)
  return rejectionOf(() => c.connect())
}

/** What a query of `c` rejects with when the server ends the session with a FATAL `state`. */
function terminatedBy(c: pg.Client, state: string, text: string): Promise<unknown> {
  return rejectionOf(() => c.query(`terminate ${state} ${text}`))
}

/** The same, on a new session. */
async function terminated(state: string, text: string): Promise<unknown> {
  const c = await client('app')
  await c.connect()
  return terminatedBy(c, state, text)
}

/** A SQLSTATE example: `postgres:<state>`, retryable where its status is 503 or 504. */
function state(error: string, code: string, status: number, make: () => unknown): Example {
  return { error, make, rule: `postgres:${code}`, status, ...(status >= 503 ? { retryable: true } : {}) }
}

/** A node-postgres / pg-pool error that carries only its message. */
function clientError(message: string, rule: string, status: number, make: () => unknown): Example {
  return {
    error: `node-postgres / pg-pool \`Error('${message}')\``,
    make,
    rule: `postgres:${rule}`,
    status,
    ...(status >= 503 ? { retryable: true } : {}),
  }
}

/** postgres.js's connection error, copied from porsager/postgres src/errors.js `connection()`. */
function postgresJs(code: string): Example {
  return {
    error: `postgres.js connection error \`${code}\``,
    make: () =>
      errorWith(`write ${code} 127.0.0.1:5432`, { code, errno: code, address: '127.0.0.1', port: 5432 }),
    rule: `postgres:${code}`,
    status: 503,
    retryable: true,
  }
}

export default catalog(
  'postgres',
  [
    state('PostgreSQL `22012` division_by_zero', '22012', 500, () => failedQuery('select 1 / 0')),
    state('PostgreSQL `23001` restrict_violation', '23001', 409, () =>
      failedQuery('delete from parent where id = 1'),
    ),
    state('PostgreSQL `23502` not_null_violation', '23502', 422, () =>
      failedQuery('insert into account (email) values (null)'),
    ),
    state('PostgreSQL `23503` foreign_key_violation', '23503', 409, () =>
      failedQuery(`insert into account (email, parent_id) values ('child@example.com', 42)`),
    ),
    state('PostgreSQL `23505` unique_violation', '23505', 409, () =>
      failedQuery(`insert into account (email) values ('taken@example.com')`),
    ),
    state('PostgreSQL `23514` check_violation', '23514', 422, () =>
      failedQuery(`insert into account (email, age) values ('minus@example.com', -1)`),
    ),
    state('PostgreSQL `25006` read_only_sql_transaction', '25006', 503, async () => {
      const db = await database()
      return rejectionOf(() =>
        db.transaction(async (tx) => {
          await tx.exec('set transaction read only')
          await tx.exec('insert into parent values (2)')
        }),
      )
    }),
    state('PostgreSQL `28000` invalid_authorization_specification', '28000', 500, () =>
      refused('28000', 'no pg_hba.conf entry for host "127.0.0.1", user "app", database "app"'),
    ),
    state('PostgreSQL `40001` serialization_failure', '40001', 503, () =>
      raised('40001', 'could not serialize access due to concurrent update'),
    ),
    state('PostgreSQL `57014` query_canceled (statement_timeout)', '57014', 504, () =>
      raised('57014', 'canceling statement due to statement timeout'),
    ),
    state('PostgreSQL `23P01` exclusion_violation', '23P01', 409, () =>
      failedQuery(`insert into booking values ('[2,3)')`),
    ),
    state('PostgreSQL `40P01` deadlock_detected', '40P01', 503, () => raised('40P01', 'deadlock detected')),
    state('PostgreSQL `55P03` lock_not_available', '55P03', 503, () =>
      raised('55P03', 'could not obtain lock on row in relation "account"'),
    ),
    state('PostgreSQL `57P01` admin_shutdown', '57P01', 503, () =>
      terminated('57P01', 'terminating connection due to administrator command'),
    ),
    state('PostgreSQL `57P02` crash_shutdown', '57P02', 503, () =>
      terminated('57P02', 'terminating connection because of crash of another server process'),
    ),
    state('PostgreSQL `57P03` cannot_connect_now', '57P03', 503, () =>
      refused('57P03', 'the database system is starting up'),
    ),
    state('PostgreSQL `57P05` idle_session_timeout', '57P05', 503, () =>
      terminated('57P05', 'terminating connection due to idle-session timeout'),
    ),
    state('PostgreSQL `28P01` invalid_password', '28P01', 500, () =>
      refused('28P01', 'password authentication failed for user "app"'),
    ),
    state('PostgreSQL `3D000` invalid_catalog_name (no such database)', '3D000', 500, () =>
      refused('3D000', 'database "app" does not exist'),
    ),
    state(
      'PostgreSQL class `22` data_exception, e.g. `22P02` invalid_text_representation, `22001`, `22003`, `22007`, `22008`',
      '22P02',
      400,
      () => failedQuery(`select 'not-a-uuid'::uuid`),
    ),
    state('PostgreSQL other class `23` integrity_constraint_violation', '23000', 409, () =>
      raised('23000', 'integrity constraint violation'),
    ),
    state('PostgreSQL class `08` connection_exception, e.g. `08006`', '08006', 503, () =>
      refused('08006', 'connection failure'),
    ),
    state(
      'PostgreSQL class `53` insufficient_resources, e.g. `53300` too_many_connections, `53100` disk_full',
      '53300',
      503,
      () => refused('53300', 'sorry, too many clients already'),
    ),
    state(
      'PostgreSQL any other SQLSTATE, e.g. class `42` (`42P01` undefined_table), `25P02`, `0A000`, `XX000`',
      '42P01',
      500,
      () => failedQuery('select * from no_such_table'),
    ),
    clientError('Connection terminated unexpectedly', 'connection-lost', 503, async () =>
      rejectionOf(async () => (await client('drop')).connect()),
    ),
    clientError('Connection terminated', 'connection-lost', 503, async () => {
      // The app ends the client while a query is still waiting for its answer.
      const c = await client('app')
      await c.connect()
      const pending = rejectionOf(() => c.query('select pg_sleep(60)'))
      await c.end()
      return pending
    }),
    clientError(
      'Client has encountered a connection error and is not queryable',
      'connection-lost',
      503,
      async () => {
        // The server ended the session; the app queries the dead client again.
        const c = await client('app')
        await c.connect()
        const ended = new Promise((resolve) => c.once('end', resolve))
        await terminatedBy(c, '57P01', 'terminating connection due to administrator command')
        await ended
        return rejectionOf(() => c.query('select 1'))
      },
    ),
    clientError('Client was closed and is not queryable', 'connection-lost', 503, async () => {
      const c = await client('app')
      await c.connect()
      await c.end()
      return rejectionOf(() => c.query('select 1'))
    }),
    clientError('timeout expired', 'connect-timeout', 503, async () =>
      rejectionOf(async () => (await client('silent', { connectionTimeoutMillis: 20 })).connect()),
    ),
    clientError('Connection terminated due to connection timeout', 'connect-timeout', 503, async () => {
      const p = await pool('silent', { connectionTimeoutMillis: 20 })
      const error = await rejectionOf(() => p.connect())
      await p.end()
      return error
    }),
    clientError('timeout exceeded when trying to connect', 'pool-timeout', 503, async () => {
      // The pool's one connection is taken; the next caller waits in its queue and gives up.
      const p = await pool('app', { max: 1, connectionTimeoutMillis: 20 })
      const held = await p.connect()
      const error = await rejectionOf(() => p.connect())
      held.release()
      await p.end()
      return error
    }),
    clientError('Query read timeout', 'query-timeout', 504, async () => {
      const c = await client('app', { query_timeout: 20 })
      await c.connect()
      const error = await rejectionOf(() => c.query('select pg_sleep(60)'))
      await c.end()
      return error
    }),
    clientError('Cannot use a pool after calling end on the pool', 'pool-ended', 500, async () => {
      const p = await pool('app')
      await p.end()
      return rejectionOf(() => p.connect())
    }),
    postgresJs('CONNECTION_CLOSED'),
    postgresJs('CONNECTION_DESTROYED'),
    postgresJs('CONNECTION_ENDED'),
    postgresJs('CONNECT_TIMEOUT'),
  ],
  async () => {
    await (await pglite)?.close()
    await (await fake)?.close()
  },
)

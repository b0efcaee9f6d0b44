import { DB_VERDICTS, missingValueVerdict } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import { codeOf, getString, has, lookup, messageOf, nameOf } from '../internal/safe.js'
import { SQLSTATE, SQLSTATES, sqlStateVerdict } from '../internal/sqlstate.js'
import type { Verdict } from '../types.js'

const { unavailable, timeout, serverBug } = DB_VERDICTS

/**
 * The SQLSTATE of a PostgreSQL error: node-postgres' `DatabaseError` and PGlite put it in `code`
 * (brianc/node-postgres packages/pg-protocol/src/messages.ts), as postgres.js does; Bun.SQL puts
 * `ERR_POSTGRES_SERVER_ERROR` in `code` and the SQLSTATE in `errno`. A five-character code counts
 * only beside a server field (`severity`, `routine`) or if it is a state we name, so that codes
 * such as `EPIPE` or Prisma's `P2002` are never taken for one.
 */
function sqlStateOf(value: unknown): string | undefined {
  const code = getString(value, 'code')
  if (code === 'ERR_POSTGRES_SERVER_ERROR') {
    const errno = getString(value, 'errno')
    return errno !== undefined && SQLSTATE.test(errno) ? errno : undefined
  }
  if (code === undefined || !SQLSTATE.test(code) || has(value, 'clientVersion')) return undefined
  const fromServer = getString(value, 'severity') !== undefined || getString(value, 'routine') !== undefined
  return fromServer || Object.hasOwn(SQLSTATES, code) ? code : undefined
}

/**
 * node-postgres and pg-pool errors that carry no code, only a message (brianc/node-postgres
 * packages/pg/lib/client.js, packages/pg-pool/index.js): the connection was lost, could not be
 * made in time, or a query read timed out.
 */
const CLIENT_MESSAGES: Readonly<Record<string, Verdict>> = {
  'Connection terminated unexpectedly': { ...unavailable, rule: 'postgres:connection-lost' },
  'Connection terminated': { ...unavailable, rule: 'postgres:connection-lost' },
  'Client has encountered a connection error and is not queryable': {
    ...unavailable,
    rule: 'postgres:connection-lost',
  },
  'Client was closed and is not queryable': { ...unavailable, rule: 'postgres:connection-lost' },
  'timeout expired': { ...unavailable, rule: 'postgres:connect-timeout' },
  'Connection terminated due to connection timeout': { ...unavailable, rule: 'postgres:connect-timeout' },
  'timeout exceeded when trying to connect': { ...unavailable, rule: 'postgres:pool-timeout' },
  'Query read timeout': { ...timeout, rule: 'postgres:query-timeout' },
  'Cannot use a pool after calling end on the pool': { ...serverBug, rule: 'postgres:pool-ended' },
}

/** postgres.js connection errors: `code` and `errno` both name the failure (porsager/postgres src/errors.js). */
const POSTGRES_JS_CODES: Readonly<Record<string, Verdict>> = {
  CONNECTION_CLOSED: unavailable,
  CONNECTION_DESTROYED: unavailable,
  CONNECTION_ENDED: unavailable,
  CONNECT_TIMEOUT: unavailable,
}

/**
 * PostgreSQL errors by SQLSTATE, from node-postgres, PGlite, postgres.js and Bun.SQL, and the
 * client-side connection failures of node-postgres and postgres.js: `postgres:23505` etc.
 * Unique, foreign-key and exclusion violations are 409; not-null and check violations 422;
 * malformed values (class 22) 400; contention, failover and exhaustion 503; statement timeout 504;
 * our credentials and schema bugs 500.
 */
export const postgresRule = family({
  name: 'postgres',
  triggers: {
    codePatterns: [SQLSTATE],
    messages: Object.keys(CLIENT_MESSAGES),
    codes: Object.keys(POSTGRES_JS_CODES),
    keys: ['severity', 'routine', 'sqlState'],
  },
  read(value) {
    const state = sqlStateOf(value)
    if (state !== undefined) {
      if (state !== '23502') return sqlStateVerdict(state)
      return { ...missingValueVerdict(getString(value, 'column')), rule: 'postgres:23502' }
    }
    const code = codeOf(value)
    if (code === undefined) {
      if (nameOf(value) !== 'Error') return undefined
      return lookup(CLIENT_MESSAGES, messageOf(value))
    }
    const known = lookup(POSTGRES_JS_CODES, code)
    if (known && getString(value, 'errno') === code) return { ...known, rule: `postgres:${code}` }
    return undefined
  },
})

import { catalogFromTable } from '../internal/catalog.js'
import { DB_VERDICTS, missingValueVerdict } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import { codeOf, getString, has, lookup, messageOf, nameOf } from '../internal/safe.js'
import { SQLSTATE, SQLSTATES, sqlStateVerdict } from '../internal/sqlstate.js'
import type { CatalogEntry, Verdict } from '../types.js'

const { unavailable, timeout, serverBug } = DB_VERDICTS

/** The condition names of the states above (PostgreSQL manual, Appendix A), for the catalog. */
const SQLSTATE_NAMES: Readonly<Record<string, string>> = {
  '23505': 'unique_violation',
  '23503': 'foreign_key_violation',
  '23001': 'restrict_violation',
  '23P01': 'exclusion_violation',
  '23502': 'not_null_violation',
  '23514': 'check_violation',
  '22012': 'division_by_zero',
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '55P03': 'lock_not_available',
  '57014': 'query_canceled (statement_timeout)',
  '57P01': 'admin_shutdown',
  '57P02': 'crash_shutdown',
  '57P03': 'cannot_connect_now',
  '57P05': 'idle_session_timeout',
  '25006': 'read_only_sql_transaction',
  '28000': 'invalid_authorization_specification',
  '28P01': 'invalid_password',
  '3D000': 'invalid_catalog_name (no such database)',
}

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
  catalog: postgresCatalog(),
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

function postgresCatalog(): CatalogEntry[] {
  const byClass: readonly (readonly [string, string])[] = [
    [
      '22P02',
      'class `22` data_exception, e.g. `22P02` invalid_text_representation, `22001`, `22003`, `22007`, `22008`',
    ],
    ['23000', 'other class `23` integrity_constraint_violation'],
    ['08006', 'class `08` connection_exception, e.g. `08006`'],
    ['53300', 'class `53` insufficient_resources, e.g. `53300` too_many_connections, `53100` disk_full'],
    ['42P01', 'any other SQLSTATE, e.g. class `42` (`42P01` undefined_table), `25P02`, `0A000`, `XX000`'],
  ]
  return [
    ...catalogFromTable(
      SQLSTATES,
      (state) => `PostgreSQL \`${state}\` ${SQLSTATE_NAMES[state] ?? ''}`,
      (state) => `postgres:${state}`,
    ),
    ...byClass.map(([state, error]) => ({ error: `PostgreSQL ${error}`, verdict: sqlStateVerdict(state) })),
    ...Object.entries(CLIENT_MESSAGES).map(([message, verdict]) => ({
      error: `node-postgres / pg-pool \`Error('${message}')\``,
      verdict,
    })),
    ...catalogFromTable(
      POSTGRES_JS_CODES,
      (code) => `postgres.js connection error \`${code}\``,
      (code) => `postgres:${code}`,
    ),
  ]
}

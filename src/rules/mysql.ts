import { DB_VERDICTS, missingValueVerdict } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import { codeOf, get, getBoolean, getNumber, getString, lookup, messageOf, nameOf } from '../internal/safe.js'
import type { CatalogEntry, Verdict } from '../types.js'

const { unique, foreignKey, notNull, check, malformed, contention, unavailable, timeout, serverBug } =
  DB_VERDICTS

/**
 * MySQL and MariaDB server errors with an answer of their own, by symbolic code and errno
 * (sidorares/node-mysql2 lib/constants/errors.js; the mariadb connector uses the same names).
 * Our credentials (1045, 1044), a missing database (1049) and schema or query bugs (1146, 1054,
 * 1064) fall through to 500.
 */
const SERVER_ERRORS: Readonly<Record<string, readonly [errno: number, verdict: Verdict]>> = {
  ER_DUP_ENTRY: [1062, unique],
  ER_DUP_ENTRY_WITH_KEY_NAME: [1586, unique],
  ER_DUP_KEY: [1022, unique],
  ER_NO_REFERENCED_ROW_2: [1452, foreignKey],
  ER_ROW_IS_REFERENCED_2: [1451, foreignKey],
  ER_NO_REFERENCED_ROW: [1216, foreignKey],
  ER_ROW_IS_REFERENCED: [1217, foreignKey],
  ER_BAD_NULL_ERROR: [1048, notNull],
  ER_NO_DEFAULT_FOR_FIELD: [1364, notNull],
  ER_CHECK_CONSTRAINT_VIOLATED: [3819, check],
  ER_DATA_TOO_LONG: [1406, malformed],
  ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: [1366, malformed],
  ER_TRUNCATED_WRONG_VALUE: [1292, malformed],
  ER_WARN_DATA_OUT_OF_RANGE: [1264, malformed],
  ER_INVALID_JSON_TEXT: [3140, malformed],
  ER_DIVISION_BY_ZERO: [1365, serverBug],
  ER_LOCK_DEADLOCK: [1213, contention],
  ER_LOCK_WAIT_TIMEOUT: [1205, contention],
  ER_LOCK_NOWAIT: [3572, contention],
  ER_CON_COUNT_ERROR: [1040, unavailable],
  ER_TOO_MANY_USER_CONNECTIONS: [1203, unavailable],
  // --read-only / super_read_only: the server is a replica now, as during a failover.
  ER_OPTION_PREVENTS_STATEMENT: [1290, unavailable],
  ER_QUERY_INTERRUPTED: [1317, unavailable],
  ER_SERVER_SHUTDOWN: [1053, unavailable],
  ER_SERVER_OFFLINE_MODE: [3032, unavailable],
  ER_CLIENT_INTERACTION_TIMEOUT: [4031, unavailable],
  ER_QUERY_TIMEOUT: [3024, timeout],
  ER_ACCESS_DENIED_ERROR: [1045, serverBug],
  ER_DBACCESS_DENIED_ERROR: [1044, serverBug],
  ER_BAD_DB_ERROR: [1049, serverBug],
}

const NAME_OF_ERRNO: ReadonlyMap<number, string> = new Map(
  Object.entries(SERVER_ERRORS).map(([name, [errno]]) => [errno, name]),
)

/**
 * Client-side codes of mysql2 and mysql (sidorares/node-mysql2 lib/base/connection.js): the
 * connection was lost (503) or a query got no answer within its `timeout` (504).
 */
const PROTOCOL_CODES: Readonly<Record<string, Verdict>> = {
  PROTOCOL_CONNECTION_LOST: unavailable,
  PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR: unavailable,
  PROTOCOL_ENQUEUE_AFTER_QUIT: unavailable,
  PROTOCOL_SEQUENCE_TIMEOUT: timeout,
}

/** mysql2 errors with a message only (lib/base/connection.js, lib/base/pool.js). */
const CLIENT_MESSAGES: Readonly<Record<string, Verdict>> = {
  "Can't add new command when connection is in closed state": {
    ...unavailable,
    rule: 'mysql:connection-closed',
  },
  'Queue limit reached.': { ...unavailable, rule: 'mysql:queue-limit' },
  'Pool is closed.': { ...serverBug, rule: 'mysql:pool-closed' },
}

const SQLSTATE = /^[0-9A-Z]{5}$/

/**
 * MySQL and MariaDB errors from mysql2, mysql, the mariadb connector and Bun.SQL: server errors by
 * code (`ER_DUP_ENTRY`) or errno beside a `sqlState`, and client-side `PROTOCOL_*` codes:
 * `mysql:ER_DUP_ENTRY` etc. Duplicates and foreign-key violations are 409; missing values and
 * check violations 422; malformed values 400; deadlocks, lock waits, too many connections and a
 * read-only server 503; query timeouts 504; our credentials and schema bugs 500.
 */
export const mysqlRule = family({
  name: 'mysql',
  triggers: {
    codePrefixes: ['ER_', 'PROTOCOL_'],
    codes: ['ETIMEDOUT'],
    keys: ['sqlState', 'errno'],
    messages: Object.keys(CLIENT_MESSAGES),
  },
  catalog: mysqlCatalog(),
  read(value) {
    const code = codeOf(value)
    const errno = getNumber(value, 'errno')
    const sqlState = getString(value, 'sqlState')
    const fromServer = errno !== undefined || (sqlState !== undefined && SQLSTATE.test(sqlState))
    if (code !== undefined && /^ER_[A-Z0-9_]+$/.test(code) && fromServer)
      return serverVerdict(value, code, errno)
    if (errno !== undefined && sqlState !== undefined && SQLSTATE.test(sqlState)) {
      return serverVerdict(value, NAME_OF_ERRNO.get(errno), errno)
    }
    // PROTOCOL_* codes come with `fatal` (connection-level) or `errorno` (lib/commands/query.js).
    if (
      code?.startsWith('PROTOCOL_') &&
      (getBoolean(value, 'fatal') !== undefined || get(value, 'errorno') === code)
    ) {
      return { ...(lookup(PROTOCOL_CODES, code) ?? serverBug), rule: `mysql:${code}` }
    }
    // mysql2's own connect timeout: `errorno` (sic) and `fatal`, no errno (lib/base/connection.js).
    if (
      code === 'ETIMEDOUT' &&
      get(value, 'errorno') === 'ETIMEDOUT' &&
      getBoolean(value, 'fatal') === true
    ) {
      return { ...unavailable, rule: 'mysql:connect-timeout' }
    }
    if (code === undefined && nameOf(value) === 'Error') return lookup(CLIENT_MESSAGES, messageOf(value))
    return undefined
  },
})

/** The answer for a MySQL errno alone, e.g. from Prisma's adapter (`originalCode: '1213'`). */
export function mysqlErrnoVerdict(errno: number): Verdict {
  return serverVerdict(undefined, undefined, errno)
}

/** The verdict of a server error, by its symbolic code, else by its errno. */
function serverVerdict(value: unknown, code: string | undefined, errno: number | undefined): Verdict {
  const name = lookup(SERVER_ERRORS, code)
    ? code
    : ((errno === undefined ? undefined : NAME_OF_ERRNO.get(errno)) ?? code)
  const verdict = lookup(SERVER_ERRORS, name)?.[1] ?? serverBug
  const rule = `mysql:${name ?? errno}`
  if (verdict !== notNull) return { ...verdict, rule }
  return { ...missingValueVerdict(columnOf(getString(value, 'sqlMessage') ?? messageOf(value))), rule }
}

// "Column 'email' cannot be null" (1048), "Field 'email' doesn't have a default value" (1364).
const MISSING_COLUMN = /^(?:Column|Field) '([^']{1,64})' (?:cannot be null|doesn't have a default value)$/

function columnOf(message: string | undefined): string | undefined {
  return message === undefined ? undefined : MISSING_COLUMN.exec(message)?.[1]
}

function mysqlCatalog(): CatalogEntry[] {
  return [
    ...Object.entries(SERVER_ERRORS).map(([code, [errno, verdict]]) => ({
      error: `MySQL / MariaDB \`${code}\` (${errno})`,
      verdict: { ...verdict, rule: `mysql:${code}` },
    })),
    {
      error: 'any other MySQL server error, e.g. `ER_NO_SUCH_TABLE` (1146), `ER_PARSE_ERROR` (1064)',
      verdict: { ...serverBug, rule: 'mysql:ER_NO_SUCH_TABLE' },
    },
    ...Object.entries(PROTOCOL_CODES).map(([code, verdict]) => ({
      error: `mysql2 / mysql \`${code}\``,
      verdict: { ...verdict, rule: `mysql:${code}` },
    })),
    {
      error: 'mysql2 connect timeout (`ETIMEDOUT` with `fatal`)',
      verdict: { ...unavailable, rule: 'mysql:connect-timeout' },
    },
    ...Object.entries(CLIENT_MESSAGES).map(([message, verdict]) => ({
      error: `mysql2 \`Error("${message}")\``,
      verdict,
    })),
  ]
}

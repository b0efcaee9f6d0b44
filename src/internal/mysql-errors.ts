import type { Verdict } from '../types.js'
import { DB_VERDICTS, missingValueVerdict } from './db-verdicts.js'
import { getString, lookup, messageOf } from './safe.js'
import { nameVerdicts } from './verdicts.js'

const { unique, foreignKey, notNull, check, malformed, contention, unavailable, timeout, serverBug } =
  DB_VERDICTS

/**
 * MySQL and MariaDB server errors with an answer of their own, by symbolic code and errno
 * (sidorares/node-mysql2 lib/constants/errors.js; the mariadb connector uses the same names).
 * Our credentials (1045, 1044), a missing database (1049) and schema or query bugs (1146, 1054,
 * 1064) fall through to 500.
 */
export const SERVER_ERRORS: Readonly<Record<string, readonly [errno: number, verdict: Verdict]>> = {
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

export const NAME_OF_ERRNO: ReadonlyMap<number, string> = new Map(
  Object.entries(SERVER_ERRORS).map(([name, [errno]]) => [errno, name]),
)

/** The answer for a MySQL errno alone, e.g. from Prisma's adapter (`originalCode: '1213'`). */
export function mysqlErrnoVerdict(errno: number): Verdict {
  return serverVerdict(undefined, undefined, errno)
}

/** The verdict of a server error, by its symbolic code, else by its errno. */
export function serverVerdict(value: unknown, code: string | undefined, errno: number | undefined): Verdict {
  const name = lookup(SERVER_ERRORS, code)
    ? code
    : ((errno === undefined ? undefined : NAME_OF_ERRNO.get(errno)) ?? code)
  const verdict = lookup(SERVER_ERRORS, name)?.[1] ?? serverBug
  const rule = `mysql:${name ?? errno}`
  if (verdict !== notNull)
    return (name !== undefined ? lookup(NAMED, name) : undefined) ?? { ...verdict, rule }
  return { ...missingValueVerdict(columnOf(getString(value, 'sqlMessage') ?? messageOf(value))), rule }
}

// "Column 'email' cannot be null" (1048), "Field 'email' doesn't have a default value" (1364).
const MISSING_COLUMN = /^(?:Column|Field) '([^']{1,64})' (?:cannot be null|doesn't have a default value)$/

function columnOf(message: string | undefined): string | undefined {
  return message === undefined ? undefined : MISSING_COLUMN.exec(message)?.[1]
}

/** The server errors above with their rule names, built once. */
const NAMED = nameVerdicts(
  Object.fromEntries(Object.entries(SERVER_ERRORS).map(([name, [, verdict]]) => [name, verdict])),
  (name) => `mysql:${name}`,
)

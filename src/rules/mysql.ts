import { DB_VERDICTS } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import { NAME_OF_ERRNO, serverVerdict } from '../internal/mysql-errors.js'
import { codeOf, get, getBoolean, getNumber, getString, lookup, messageOf, nameOf } from '../internal/safe.js'
import type { Verdict } from '../types.js'

const { unavailable, timeout, serverBug } = DB_VERDICTS

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

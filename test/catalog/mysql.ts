import mysql from 'mysql2/promise'
import { rejectionOf } from '../support/caught.js'
import { type FakeMysql, fakeMysql } from '../support/fake-mysql.js'
import { catalog, type Example, errorWith } from './example.js'

// No MySQL server runs here: the real mysql2 client talks to a loopback server that sends real
// ERR packets (test/support/fake-mysql.ts), started on first use, so every error is mysql2's own.
let fake: Promise<FakeMysql> | undefined
const fakeServer = () => (fake ??= fakeMysql())
const opened: mysql.Connection[] = []

async function connect(options: mysql.ConnectionOptions = {}): Promise<mysql.Connection> {
  const { port } = await fakeServer()
  const connection = await mysql.createConnection({
    host: '127.0.0.1',
    port,
    user: 'app',
    database: 'app',
    ...options,
  })
  connection.on('error', () => {})
  opened.push(connection)
  return connection
}

async function pool(options: mysql.PoolOptions = {}): Promise<mysql.Pool> {
  const { port } = await fakeServer()
  return mysql.createPool({ host: '127.0.0.1', port, user: 'app', database: 'app', ...options })
}

/** One connection for the queries the server answers with an error: such an error leaves it open. */
let shared: Promise<mysql.Connection> | undefined

/** What mysql2 rejects a query with when the server answers it with an ERR packet. */
async function answered(errno: number, sqlState: string, message: string): Promise<unknown> {
  shared ??= connect()
  const connection = await shared
  return rejectionOf(() => connection.query(`ERR ${errno} ${sqlState} ${message}`))
}

/** What mysql2 rejects the connection with when the server refuses it at the handshake. */
function refused(errno: number, sqlState: string, message: string): Promise<unknown> {
  return rejectionOf(() => connect({ user: `ERR ${errno} ${sqlState} ${message}` }))
}

/** A server error, met on a query (or, with `meet = refused`, on connecting). */
function server(
  code: string,
  errno: number,
  sqlState: string,
  status: number,
  message: string,
  meet = answered,
): Example {
  return {
    error: `MySQL / MariaDB \`${code}\` (${errno})`,
    make: () => meet(errno, sqlState, message),
    rule: `mysql:${code}`,
    status,
    ...(status >= 503 ? { retryable: true } : {}),
  }
}

/** A connection whose server went away: the query that was running, and what the app gets next. */
async function dropped(): Promise<{ lost: unknown; connection: mysql.Connection }> {
  const connection = await connect()
  return { lost: await rejectionOf(() => connection.query('DROP')), connection }
}

/** mysqljs/mysql's refusal to queue a command, copied from lib/protocol/Protocol.js `_validateEnqueue`. */
function mysqljsEnqueue(code: string, after: string): Example {
  return {
    error: `mysql2 / mysql \`${code}\``,
    make: () => errorWith(`Cannot enqueue Query after ${after}.`, { code, fatal: false }),
    rule: `mysql:${code}`,
    status: 503,
    retryable: true,
  }
}

const FK_CHILD =
  'Cannot add or update a child row: a foreign key constraint fails (`app`.`posts`, CONSTRAINT `posts_ibfk_1` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`))'
const FK_PARENT =
  'Cannot delete or update a parent row: a foreign key constraint fails (`app`.`posts`, CONSTRAINT `posts_ibfk_1` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`))'

export default catalog(
  'mysql',
  [
    server('ER_DUP_ENTRY', 1062, '23000', 409, "Duplicate entry 'taken@example.com' for key 'users.email'"),
    server(
      'ER_DUP_ENTRY_WITH_KEY_NAME',
      1586,
      '23000',
      409,
      "Duplicate entry 'taken@example.com' for key 'email'",
    ),
    server('ER_DUP_KEY', 1022, '23000', 409, "Can't write; duplicate key in table 'users'"),
    server('ER_NO_REFERENCED_ROW_2', 1452, '23000', 409, FK_CHILD),
    server('ER_ROW_IS_REFERENCED_2', 1451, '23000', 409, FK_PARENT),
    server(
      'ER_NO_REFERENCED_ROW',
      1216,
      '23000',
      409,
      'Cannot add or update a child row: a foreign key constraint fails',
    ),
    server(
      'ER_ROW_IS_REFERENCED',
      1217,
      '23000',
      409,
      'Cannot delete or update a parent row: a foreign key constraint fails',
    ),
    server('ER_BAD_NULL_ERROR', 1048, '23000', 422, "Column 'email' cannot be null"),
    server('ER_NO_DEFAULT_FOR_FIELD', 1364, 'HY000', 422, "Field 'email' doesn't have a default value"),
    server('ER_CHECK_CONSTRAINT_VIOLATED', 3819, 'HY000', 422, "Check constraint 'users_chk_1' is violated."),
    server('ER_DATA_TOO_LONG', 1406, '22001', 400, "Data too long for column 'name' at row 1"),
    server(
      'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD',
      1366,
      'HY000',
      400,
      "Incorrect integer value: 'abc' for column 'age' at row 1",
    ),
    server(
      'ER_TRUNCATED_WRONG_VALUE',
      1292,
      '22007',
      400,
      "Incorrect datetime value: '2024-02-31' for column 'born_at' at row 1",
    ),
    server('ER_WARN_DATA_OUT_OF_RANGE', 1264, '22003', 400, "Out of range value for column 'age' at row 1"),
    server(
      'ER_INVALID_JSON_TEXT',
      3140,
      '22032',
      400,
      `Invalid JSON text: "Invalid value." at position 0 in value for column 'users.settings'.`,
    ),
    server('ER_DIVISION_BY_ZERO', 1365, '22012', 500, 'Division by 0'),
    server(
      'ER_LOCK_DEADLOCK',
      1213,
      '40001',
      503,
      'Deadlock found when trying to get lock; try restarting transaction',
    ),
    server(
      'ER_LOCK_WAIT_TIMEOUT',
      1205,
      'HY000',
      503,
      'Lock wait timeout exceeded; try restarting transaction',
    ),
    server(
      'ER_LOCK_NOWAIT',
      3572,
      'HY000',
      503,
      'Statement aborted because lock(s) could not be acquired immediately and NOWAIT is set.',
    ),
    server('ER_CON_COUNT_ERROR', 1040, '08004', 503, 'Too many connections', refused),
    server(
      'ER_TOO_MANY_USER_CONNECTIONS',
      1203,
      '42000',
      503,
      "User app already has more than 'max_user_connections' active connections",
      refused,
    ),
    server(
      'ER_OPTION_PREVENTS_STATEMENT',
      1290,
      'HY000',
      503,
      'The MySQL server is running with the --super-read-only option so it cannot execute this statement',
    ),
    server('ER_QUERY_INTERRUPTED', 1317, '70100', 503, 'Query execution was interrupted'),
    server('ER_SERVER_SHUTDOWN', 1053, '08S01', 503, 'Server shutdown in progress'),
    server('ER_SERVER_OFFLINE_MODE', 3032, 'HY000', 503, 'The server is currently in offline mode', refused),
    server(
      'ER_CLIENT_INTERACTION_TIMEOUT',
      4031,
      'HY000',
      503,
      'The client was disconnected by the server because of inactivity. See wait_timeout and interactive_timeout for configuring this behavior.',
    ),
    server(
      'ER_QUERY_TIMEOUT',
      3024,
      'HY000',
      504,
      'Query execution was interrupted, maximum statement execution time exceeded',
    ),
    server(
      'ER_ACCESS_DENIED_ERROR',
      1045,
      '28000',
      500,
      "Access denied for user 'app'@'localhost' (using password: YES)",
      refused,
    ),
    server(
      'ER_DBACCESS_DENIED_ERROR',
      1044,
      '42000',
      500,
      "Access denied for user 'app'@'%' to database 'app'",
      refused,
    ),
    server('ER_BAD_DB_ERROR', 1049, '42000', 500, "Unknown database 'app'", refused),
    {
      error: 'any other MySQL server error, e.g. `ER_NO_SUCH_TABLE` (1146), `ER_PARSE_ERROR` (1064)',
      make: () => answered(1146, '42S02', "Table 'app.users' doesn't exist"),
      rule: 'mysql:ER_NO_SUCH_TABLE',
      status: 500,
    },
    {
      error: 'mysql2 / mysql `PROTOCOL_CONNECTION_LOST`',
      make: async () => (await dropped()).lost,
      rule: 'mysql:PROTOCOL_CONNECTION_LOST',
      status: 503,
      retryable: true,
    },
    // mysql2 answers a command after a fatal error or a quit with "Can't add new command …" instead.
    mysqljsEnqueue('PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR', 'fatal error'),
    mysqljsEnqueue('PROTOCOL_ENQUEUE_AFTER_QUIT', 'invoking quit'),
    {
      error: 'mysql2 / mysql `PROTOCOL_SEQUENCE_TIMEOUT`',
      make: async () => {
        const connection = await connect()
        return rejectionOf(() => connection.query({ sql: 'HANG', timeout: 20 }))
      },
      rule: 'mysql:PROTOCOL_SEQUENCE_TIMEOUT',
      status: 504,
      retryable: true,
    },
    {
      error: 'mysql2 connect timeout (`ETIMEDOUT` with `fatal`)',
      make: async () => {
        const { silentPort } = await fakeServer()
        return rejectionOf(() => connect({ port: silentPort, connectTimeout: 20 }))
      },
      rule: 'mysql:connect-timeout',
      status: 503,
      retryable: true,
    },
    {
      error: 'mysql2 `Error("Can\'t add new command when connection is in closed state")`',
      make: async () => {
        const { connection } = await dropped()
        return rejectionOf(() => connection.query('SELECT 1'))
      },
      rule: 'mysql:connection-closed',
      status: 503,
      retryable: true,
    },
    {
      error: 'mysql2 `Error("Queue limit reached.")`',
      make: async () => {
        // The pool's one connection is taken and one caller already waits: the next is turned away.
        const p = await pool({ connectionLimit: 1, queueLimit: 1 })
        const held = await p.getConnection()
        const waiting = p.getConnection()
        const error = await rejectionOf(() => p.getConnection())
        held.release()
        ;(await waiting).release()
        await p.end()
        return error
      },
      rule: 'mysql:queue-limit',
      status: 503,
      retryable: true,
    },
    {
      error: 'mysql2 `Error("Pool is closed.")`',
      make: async () => {
        const p = await pool()
        await p.end()
        return rejectionOf(() => p.getConnection())
      },
      rule: 'mysql:pool-closed',
      status: 500,
    },
  ],
  async () => {
    for (const connection of opened) connection.destroy()
    await (await fake)?.close()
  },
)

import 'reflect-metadata'
import { createServer, type Socket } from 'node:net'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import {
  ConnectionTimedOutError,
  DataTypes,
  HostNotFoundError,
  HostNotReachableError,
  InvalidConnectionError,
  type Options,
  Sequelize,
  TimeoutError,
  UnknownConstraintError,
} from 'sequelize'
import { DataSource, EntitySchema } from 'typeorm'
import { rejectionOf } from '../support/caught.js'
import { closedPort, listen } from '../support/loopback.js'
import { catalog, errorWith } from './example.js'

const sockets = new Set<Socket>()
const opened: (() => unknown)[] = []

/** Starts a loopback server on first use; its sockets are destroyed by `close`. */
function lazyServer(onSocket: (socket: Socket) => void): () => Promise<number> {
  let port: Promise<number> | undefined
  return () => {
    if (port) return port
    const server = createServer((socket) => {
      sockets.add(socket)
      socket.on('error', () => {})
      onSocket(socket)
    })
    opened.push(() => server.close())
    port = listen(server)
    return port
  }
}

let refused: Promise<number> | undefined
/** A port on 127.0.0.1 that nothing listens on, found once. */
const refusedPort = () => (refused ??= closedPort())

/** A real Sequelize instance, closed by `close`. */
function sequelize(uri: string, options: Options = {}): Sequelize {
  const instance = new Sequelize(uri, { logging: false, ...options })
  opened.push(() => instance.close())
  return instance
}

// ---------------------------------------------------------------------------------------------
// A loopback PostgreSQL server speaking enough of protocol 3.0 for node-postgres: the startup's
// user chooses the authentication (`scram` asks for a SASL mechanism pg does not support,
// `silent` never answers, anyone else is in), and each query gets the first answer below whose
// pattern it matches: an ErrorResponse (the fields PostgreSQL 16 sends) or a result. Other
// queries (Sequelize's `SET …`) succeed.
// ---------------------------------------------------------------------------------------------

function pgMessage(type: string, body: Buffer | string): Buffer {
  const payload = Buffer.from(body)
  const header = Buffer.alloc(5)
  header.write(type, 0)
  header.writeInt32BE(payload.length + 4, 1)
  return Buffer.concat([header, payload])
}

const int32 = (value: number) => Buffer.from([0, 0, 0, value])
const READY = pgMessage('Z', 'I')

/** An ErrorResponse's fields, by their one-letter codes. */
type ErrorFields = Readonly<Record<string, string>>

/** A result: its columns (name, type OID), its rows (as text) and its CommandComplete tag. */
interface Result {
  readonly columns: readonly (readonly [name: string, type: number])[]
  readonly rows: readonly (readonly string[])[]
  readonly command: string
}

const INT4 = 23
const VARCHAR = 1043
/** The `users` table of the Sequelize `User` model below. */
const USER_COLUMNS = [
  ['id', INT4],
  ['email', VARCHAR],
  ['version', INT4],
] as const

const ANSWERS: readonly (readonly [RegExp, ErrorFields | Result])[] = [
  [
    /"members"/,
    {
      S: 'ERROR',
      C: '23503',
      M: 'insert or update on table "members" violates foreign key constraint "members_team_id_fkey"',
      D: 'Key (team_id)=(42) is not present in table "teams".',
      s: 'public',
      t: 'members',
      n: 'members_team_id_fkey',
      R: 'ri_ReportViolation',
    },
  ],
  [
    /"bookings"/,
    {
      S: 'ERROR',
      C: '23P01',
      M: 'conflicting key value violates exclusion constraint "bookings_during_excl"',
      D: 'Key (during)=(["2024-01-01","2024-01-03")) conflicts with existing key (during)=(["2024-01-01","2024-01-02")).',
      s: 'public',
      t: 'bookings',
      n: 'bookings_during_excl',
      R: 'check_exclusion_or_unique_constraint',
    },
  ],
  // `taken@example.com` is already a user's email.
  [
    /^INSERT INTO "users"/,
    {
      S: 'ERROR',
      C: '23505',
      M: 'duplicate key value violates unique constraint "users_email_key"',
      D: 'Key (email)=(taken@example.com) already exists.',
      s: 'public',
      t: 'users',
      n: 'users_email_key',
      R: '_bt_check_unique',
    },
  ],
  [
    /^SELECT .* FROM "users" .*'nobody@example\.com'/,
    { columns: USER_COLUMNS, rows: [], command: 'SELECT 0' },
  ],
  [
    /^SELECT .* FROM "users"/,
    { columns: USER_COLUMNS, rows: [['1', 'taken@example.com', '0']], command: 'SELECT 1' },
  ],
  // Another writer has moved the row past version 0: an update of version 0 matches no row.
  [/^UPDATE "users"/, { columns: [], rows: [], command: 'UPDATE 0' }],
  // A PostgreSQL-compatible server's own code, not a SQLSTATE: no driver rule knows it.
  [
    /\bnowhere\b/,
    { S: 'ERROR', C: 'UNDEFINED_RELATION', M: 'relation "nowhere" does not exist', R: 'parserOpenTable' },
  ],
]

const isResult = (answer: ErrorFields | Result): answer is Result => Array.isArray(answer.rows)

const SUCCESS: Result = { columns: [], rows: [], command: 'SET' }

function errorResponse(fields: ErrorFields): Buffer {
  const body = `${Object.entries(fields)
    .map(([key, value]) => `${key}${value}\0`)
    .join('')}\0`
  return pgMessage('E', body)
}

function rowDescription(columns: Result['columns']): Buffer {
  const fields = columns.map(([name, type]) => {
    const field = Buffer.alloc(18) // table OID, column number, type OID, size, modifier, format
    field.writeInt32BE(type, 6)
    field.writeInt16BE(type === INT4 ? 4 : -1, 10)
    field.writeInt32BE(-1, 12)
    return Buffer.concat([Buffer.from(`${name}\0`), field])
  })
  const count = Buffer.alloc(2)
  count.writeInt16BE(columns.length)
  return pgMessage('T', Buffer.concat([count, ...fields]))
}

function dataRow(values: readonly string[]): Buffer {
  const count = Buffer.alloc(2)
  count.writeInt16BE(values.length)
  const cells = values.map((value) => {
    const length = Buffer.alloc(4)
    length.writeInt32BE(Buffer.byteLength(value))
    return Buffer.concat([length, Buffer.from(value)])
  })
  return pgMessage('D', Buffer.concat([count, ...cells]))
}

/**
 * The answer to a query, up to ReadyForQuery: an extended query (Parse … Sync) gets ParseComplete,
 * BindComplete and its Describe's RowDescription or NoData first.
 */
function answerQuery(query: string, extended: boolean): Buffer {
  const answer = ANSWERS.find(([pattern]) => pattern.test(query))?.[1] ?? SUCCESS
  if (!isResult(answer)) return Buffer.concat([errorResponse(answer), READY])
  const { columns, rows, command } = answer
  const described = columns.length > 0 ? [rowDescription(columns)] : extended ? [pgMessage('n', '')] : []
  const prepared = extended ? [pgMessage('1', ''), pgMessage('2', '')] : []
  const data = rows.map(dataRow)
  return Buffer.concat([...prepared, ...described, ...data, pgMessage('C', `${command}\0`), READY])
}

function answerStartup(socket: Socket, startup: string): void {
  const params = startup.split('\0')
  const user = params[params.indexOf('user') + 1]
  if (user === 'silent') return
  if (user === 'scram')
    socket.write(pgMessage('R', Buffer.concat([int32(10), Buffer.from('SCRAM-SHA-1\0\0')])))
  else socket.write(Buffer.concat([pgMessage('R', int32(0)), READY]))
}

const postgresPort = lazyServer((socket) => {
  let buffer = Buffer.alloc(0)
  let started = false
  let query = ''
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk])
    // The StartupMessage has no type byte: int32 length, int32 protocol, then name\0value\0 pairs.
    if (!started && buffer.length >= 4 && buffer.length >= buffer.readInt32BE(0)) {
      const length = buffer.readInt32BE(0)
      answerStartup(socket, buffer.subarray(8, length).toString())
      buffer = buffer.subarray(length)
      started = true
    }
    while (started && buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
      const type = String.fromCharCode(buffer[0] ?? 0)
      const end = 1 + buffer.readInt32BE(1)
      const body = buffer.subarray(5, end).toString()
      // Query: the text\0. Parse: the statement's name\0, the text\0, then the parameter types.
      if (type === 'Q') query = body.split('\0')[0] ?? ''
      if (type === 'P') query = body.split('\0')[1] ?? ''
      // A simple query is answered at once; an extended one at its Sync.
      if (type === 'Q' || type === 'S') socket.write(answerQuery(query, type === 'S'))
      if (type === 'X') socket.end()
      buffer = buffer.subarray(end)
    }
  })
})

/** Sequelize for the loopback PostgreSQL server as `user` (its version given, so that it asks for none). */
async function sequelizeOnLoopback(user: string, options: Options = {}): Promise<Sequelize> {
  const uri = `postgres://${user}:secret@127.0.0.1:${await postgresPort()}/app`
  // A Sequelize option its types omit: with it, Sequelize asks the server for no version.
  const versionKnown = { databaseVersion: '16.0.0' } as Options
  return sequelize(uri, { ...versionKnown, ...options })
}

// ---------------------------------------------------------------------------------------------
// A loopback MySQL server that refuses every login: Protocol::HandshakeV10, then an ERR_Packet
// 1045 for the HandshakeResponse (packets copied from test/rules/mysql.test.ts).
// ---------------------------------------------------------------------------------------------

function mysqlPacket(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4)
  header.writeUIntLE(payload.length, 0, 3)
  header.writeUInt8(sequence, 3)
  return Buffer.concat([header, payload])
}

function mysqlHandshake(): Buffer {
  const capabilities = 0x000ba20f // PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH, MULTI_RESULTS …
  const fixed = Buffer.alloc(4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10)
  let at = fixed.writeUInt32LE(7, 0)
  at += Buffer.from('abcdefgh').copy(fixed, at)
  at = fixed.writeUInt8(0, at)
  at = fixed.writeUInt16LE(capabilities & 0xffff, at)
  at = fixed.writeUInt8(0xff, at)
  at = fixed.writeUInt16LE(0x0002, at)
  at = fixed.writeUInt16LE(capabilities >>> 16, at)
  fixed.writeUInt8(21, at)
  const tail = Buffer.from('ijklmnopqrst\0mysql_native_password\0')
  return mysqlPacket(0, Buffer.concat([Buffer.from([0x0a]), Buffer.from('8.0.36-fake\0'), fixed, tail]))
}

function accessDenied(): Buffer {
  const head = Buffer.from([0xff, 1045 & 0xff, 1045 >> 8])
  const text = "#28000Access denied for user 'app'@'localhost' (using password: YES)"
  return mysqlPacket(2, Buffer.concat([head, Buffer.from(text)]))
}

const mysqlPort = lazyServer((socket) => {
  socket.write(mysqlHandshake())
  socket.once('data', () => socket.end(accessDenied()))
})

// ---------------------------------------------------------------------------------------------
// A real Sequelize model of the loopback server's `users` table (unique email, versioned rows).
// ---------------------------------------------------------------------------------------------

let users: Promise<{ instance: Sequelize; User: ReturnType<typeof defineUser> }> | undefined

function defineUser(instance: Sequelize) {
  const attributes = { email: { type: DataTypes.STRING, unique: true } }
  return instance.define('User', attributes, { tableName: 'users', timestamps: false, version: true })
}

/** Sequelize on the loopback server with the `User` model, made once. */
function usersOnLoopback() {
  users ??= (async () => {
    const instance = await sequelizeOnLoopback('app')
    return { instance, User: defineUser(instance) }
  })()
  return users
}

// ---------------------------------------------------------------------------------------------
// TypeORM on sql.js (SQLite compiled to WebAssembly), with one versioned user.
// ---------------------------------------------------------------------------------------------

interface Account {
  id: number
  email: string
  version: number
}

const Account = new EntitySchema<Account>({
  name: 'Account',
  tableName: 'accounts',
  columns: {
    id: { type: Number, primary: true, generated: true },
    email: { type: String },
    version: { type: Number, version: true },
  },
})

let typeorm: Promise<{ dataSource: DataSource; account: Account }> | undefined

function typeormDataSource() {
  typeorm ??= (async () => {
    const dataSource = new DataSource({
      type: 'sqljs',
      entities: [Account],
      synchronize: true,
      logging: false,
    })
    await dataSource.initialize()
    opened.push(() => dataSource.destroy())
    const account = await dataSource.getRepository(Account).save({ email: 'taken@example.com' })
    return { dataSource, account }
  })()
  return typeorm
}

// ---------------------------------------------------------------------------------------------

/** A Node system error as libuv reports it (nodejs/node lib/internal/errors.js `uvException`). */
function systemError(syscall: string, code: string, errno: number, target: string): Error {
  return errorWith(`${syscall} ${code} ${target}`, { errno, code, syscall })
}

export default catalog(
  'orm',
  [
    {
      error: 'Sequelize `SequelizeUniqueConstraintError`',
      make: async () => {
        const { User } = await usersOnLoopback()
        return rejectionOf(() => User.create({ email: 'taken@example.com' }))
      },
      rule: 'orm:sequelize:SequelizeUniqueConstraintError',
      status: 409,
    },
    {
      error: 'Sequelize `SequelizeForeignKeyConstraintError`',
      make: async () => {
        const instance = await sequelizeOnLoopback('app')
        const Member = instance.define(
          'Member',
          { teamId: DataTypes.INTEGER },
          { tableName: 'members', timestamps: false },
        )
        return rejectionOf(() => Member.create({ teamId: 42 }))
      },
      rule: 'orm:sequelize:SequelizeForeignKeyConstraintError',
      status: 409,
    },
    {
      error: 'Sequelize `SequelizeExclusionConstraintError`',
      make: async () => {
        const instance = await sequelizeOnLoopback('app')
        const Booking = instance.define(
          'Booking',
          { during: DataTypes.RANGE(DataTypes.DATEONLY) },
          { tableName: 'bookings', timestamps: false },
        )
        return rejectionOf(() => Booking.create({ during: ['2024-01-01', '2024-01-03'] }))
      },
      rule: 'orm:sequelize:SequelizeExclusionConstraintError',
      status: 409,
    },
    {
      error: 'Sequelize `SequelizeUnknownConstraintError`',
      // Only the mssql and db2 dialects raise it (tedious, ibm_db are not installed): built as
      // sequelize lib/dialects/mssql/query.js `formatError` does, from tedious' RequestError shape.
      make: () => {
        const sql = 'ALTER TABLE [users] DROP CONSTRAINT [users_email_uk];'
        const parent = errorWith('Could not drop constraint. See previous errors.', {
          code: 'EREQUEST',
          number: 3727,
          state: 0,
          class: 16,
          sql,
        })
        return new UnknownConstraintError({
          message: 'Could not drop constraint. See previous errors.',
          constraint: 'users_email_uk',
          table: 'users',
          parent,
        } as never)
      },
      rule: 'orm:sequelize:SequelizeUnknownConstraintError',
      status: 409,
    },
    {
      error: 'Sequelize `SequelizeOptimisticLockError`',
      make: async () => {
        const { User } = await usersOnLoopback()
        // The server's row has moved past the version read: the update matches no row.
        const stale = await User.findOne()
        return rejectionOf(async () => stale?.update({ email: 'stale@example.com' }))
      },
      rule: 'orm:sequelize:SequelizeOptimisticLockError',
      status: 409,
    },
    {
      error: 'Sequelize `SequelizeEmptyResultError`',
      make: async () => {
        const { User } = await usersOnLoopback()
        return rejectionOf(() =>
          User.findOne({ where: { email: 'nobody@example.com' }, rejectOnEmpty: true }),
        )
      },
      rule: 'orm:sequelize:SequelizeEmptyResultError',
      status: 404,
    },
    {
      error: 'Sequelize `SequelizeTimeoutError`',
      // The sqlite dialect's answer to SQLITE_BUSY (sqlite3 is not installed): built as
      // sequelize lib/dialects/sqlite/query.js does, from node-sqlite3's error shape.
      make: () =>
        new TimeoutError(
          errorWith('SQLITE_BUSY: database is locked', { errno: 5, code: 'SQLITE_BUSY' }) as never,
        ),
      rule: 'orm:sequelize:SequelizeTimeoutError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Sequelize `SequelizeConnectionRefusedError`',
      make: async () =>
        rejectionOf(async () =>
          sequelize(`postgres://app:secret@127.0.0.1:${await refusedPort()}/app`).authenticate(),
        ),
      rule: 'orm:sequelize:SequelizeConnectionRefusedError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Sequelize `SequelizeHostNotFoundError`',
      // A DNS failure needs a resolver: built as sequelize lib/dialects/postgres/connection-manager.js does.
      make: () => new HostNotFoundError(systemError('getaddrinfo', 'ENOTFOUND', -3008, 'db.internal')),
      rule: 'orm:sequelize:SequelizeHostNotFoundError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Sequelize `SequelizeHostNotReachableError`',
      // An unreachable host needs a network: built as sequelize lib/dialects/postgres/connection-manager.js does.
      make: () => new HostNotReachableError(systemError('connect', 'EHOSTUNREACH', -113, '10.0.0.2:5432')),
      rule: 'orm:sequelize:SequelizeHostNotReachableError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Sequelize `SequelizeConnectionTimedOutError`',
      // Raised when the pg connection ends before its connect answers: built as
      // sequelize lib/dialects/postgres/connection-manager.js does.
      make: () => new ConnectionTimedOutError(new Error('Connection timed out')),
      rule: 'orm:sequelize:SequelizeConnectionTimedOutError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Sequelize `SequelizeConnectionAcquireTimeoutError`',
      make: async () => {
        const options = { pool: { acquire: 50 }, dialectOptions: { connectionTimeoutMillis: 100 } }
        return rejectionOf(async () => (await sequelizeOnLoopback('silent', options)).authenticate())
      },
      rule: 'orm:sequelize:SequelizeConnectionAcquireTimeoutError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Sequelize `SequelizeConnectionError`',
      // The server asks for a SASL mechanism node-postgres does not speak: a connect error no driver rule knows.
      make: async () => rejectionOf(async () => (await sequelizeOnLoopback('scram')).authenticate()),
      rule: 'orm:sequelize:SequelizeConnectionError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Sequelize `SequelizeAccessDeniedError`',
      make: async () =>
        rejectionOf(async () =>
          sequelize(`mysql://app:secret@127.0.0.1:${await mysqlPort()}/app`).authenticate(),
        ),
      rule: 'orm:sequelize:SequelizeAccessDeniedError',
      status: 500,
    },
    {
      error: 'Sequelize `SequelizeInvalidConnectionError`',
      // EINVAL from connect needs an invalid address family or socket: built as
      // sequelize lib/dialects/postgres/connection-manager.js does.
      make: () => new InvalidConnectionError(systemError('connect', 'EINVAL', -22, '127.0.0.1:5432')),
      rule: 'orm:sequelize:SequelizeInvalidConnectionError',
      status: 500,
    },
    {
      error: 'Sequelize `SequelizeDatabaseError` (its `original` decides when recognised)',
      make: async () => {
        const { instance } = await usersOnLoopback()
        return rejectionOf(() => instance.query('select * from nowhere'))
      },
      rule: 'orm:sequelize:SequelizeDatabaseError',
      status: 500,
    },
    {
      error: 'TypeORM `EntityNotFoundError`',
      make: async () => {
        const { dataSource } = await typeormDataSource()
        return rejectionOf(() => dataSource.getRepository(Account).findOneByOrFail({ id: 999 }))
      },
      rule: 'orm:typeorm:EntityNotFoundError',
      status: 404,
    },
    {
      error: 'TypeORM `OptimisticLockVersionMismatchError`',
      make: async () => {
        const { dataSource, account } = await typeormDataSource()
        const lock = { mode: 'optimistic', version: account.version + 1 } as const
        return rejectionOf(() =>
          dataSource.transaction((manager) =>
            manager.getRepository(Account).findOne({ where: { id: account.id }, lock }),
          ),
        )
      },
      rule: 'orm:typeorm:OptimisticLockVersionMismatchError',
      status: 409,
    },
    {
      error: 'TypeORM `QueryFailedError`',
      make: async () => {
        const { dataSource } = await typeormDataSource()
        return rejectionOf(() => dataSource.query('select * from nowhere'))
      },
      rule: 'orm:typeorm:QueryFailedError',
      status: 500,
    },
    {
      error: 'Drizzle `DrizzleQueryError` (its `cause` decides when recognised)',
      make: async () => {
        const port = await postgresPort()
        const pool = new pg.Pool({
          host: '127.0.0.1',
          port,
          user: 'app',
          password: 'secret',
          database: 'app',
        })
        opened.push(() => pool.end())
        return rejectionOf(() => drizzle(pool).execute(sql`select * from nowhere`))
      },
      rule: 'orm:drizzle:DrizzleQueryError',
      status: 500,
    },
    {
      error:
        "any ORM's optimistic-locking failure, by its name: `OptimisticLockError`, `OptimisticConcurrencyException`",
      // The class an ORM throws when a versioned row changed since it was read.
      make: () => {
        class OptimisticLockError extends Error {
          override name = 'OptimisticLockError'
        }
        return new OptimisticLockError('The optimistic lock on entity Account failed')
      },
      rule: 'orm:optimistic-lock',
      status: 409,
    },
  ],
  async () => {
    for (const socket of sockets) socket.destroy()
    await Promise.allSettled(opened.splice(0).map((release) => release()))
  },
)

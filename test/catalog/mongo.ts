import { createRequire } from 'node:module'
import {
  MongoClient,
  MongoClientClosedError,
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoWriteConcernError,
  ObjectId,
} from 'mongodb'
import mongoose from 'mongoose'
import { rejectionOf, thrownBy } from '../support/caught.js'
import { closedPort } from '../support/loopback.js'
import { catalog, type Example } from './example.js'

// The driver's pool errors: real classes of mongodb lib/cmap/errors.js, not exported from its index.
const require = createRequire(import.meta.url)
const pool = require('mongodb/lib/cmap/errors.js') as {
  PoolClosedError: new (pool: { address: string }) => Error
  PoolClearedError: new (pool: { address: string }) => Error
  WaitQueueTimeoutError: new (message: string, address: string) => Error
}

// Mongoose's types omit this constructor (Automattic/mongoose lib/error/notFound.js).
const DocumentNotFoundError = mongoose.Error.DocumentNotFoundError as unknown as new (
  filter: object,
  model: string,
  numAffected: number,
  result: unknown,
) => Error

const ADDRESS = '127.0.0.1:27017'
const opened: { close(): Promise<unknown> }[] = []

/** A port on 127.0.0.1 that nothing listens on, found once. */
let refused: Promise<number> | undefined
const refusedPort = () => (refused ??= closedPort())

/** A driver client for nothing listening, closed by `close`. */
async function unreachableClient(): Promise<MongoClient> {
  const client = new MongoClient(`mongodb://127.0.0.1:${await refusedPort()}/app`, {
    serverSelectionTimeoutMS: 50,
  })
  opened.push(client)
  return client
}

/**
 * A server code as the driver throws it: the server's `{ ok: 0, code, codeName, errmsg }` reply
 * becomes a `MongoServerError`. `label` is how the docs name the code, if not by its codeName.
 */
function server(code: number, codeName: string, status: number, errmsg: string, label = codeName): Example {
  return {
    error: `MongoDB server error \`${code}\` ${label}`,
    make: () => new MongoServerError({ ok: 0, code, codeName, errmsg }),
    rule: `mongo:${code}`,
    status,
    ...(status >= 503 ? { retryable: true } : {}),
  }
}

/** A driver error without a server code. */
function driver(name: string, status: number, make: () => unknown): Example {
  return { error: `MongoDB driver \`${name}\``, make, rule: `mongo:${name}`, status, retryable: true }
}

/** An unconnected Mongoose model: casting, strict mode and buffering need no server. */
function model(options: mongoose.SchemaOptions = {}) {
  return mongoose
    .createConnection()
    .model('User', new mongoose.Schema({ email: String, tags: [String] }, options))
}

export default catalog(
  'mongo',
  [
    server(6, 'HostUnreachable', 503, 'Connection refused calling hello on db2.internal:27017'),
    server(
      7,
      'HostNotFound',
      503,
      'Could not find host matching read preference { mode: "primary" } for set rs0',
    ),
    server(13, 'Unauthorized', 500, 'command find requires authentication'),
    server(18, 'AuthenticationFailed', 500, 'Authentication failed.'),
    server(50, 'MaxTimeMSExpired', 504, 'operation exceeded time limit'),
    {
      error: 'MongoDB server error `64` WriteConcernFailed',
      // Replication missed `wtimeout`: the write is acknowledged with a `writeConcernError`.
      make: () =>
        new MongoWriteConcernError({
          ok: 1,
          n: 1,
          writeConcernError: {
            code: 64,
            codeName: 'WriteConcernFailed',
            errmsg: 'waiting for replication timed out',
          },
        }),
      rule: 'mongo:64',
      status: 504,
      retryable: true,
    },
    server(89, 'NetworkTimeout', 504, "Couldn't get a connection within the time limit"),
    server(91, 'ShutdownInProgress', 503, 'The server is in quiesce mode and will shut down'),
    server(112, 'WriteConflict', 503, 'Write conflict during plan execution and yielding is disabled.'),
    server(121, 'DocumentValidationFailure', 422, 'Document failed validation'),
    server(
      133,
      'FailedToSatisfyReadPreference',
      503,
      'Could not find host matching read preference { mode: "primary" }',
    ),
    server(189, 'PrimarySteppedDown', 503, 'Primary stepped down while waiting for replication'),
    server(251, 'NoSuchTransaction', 503, 'Transaction with { txnNumber: 1 } has been aborted.'),
    server(262, 'ExceededTimeLimit', 504, 'operation exceeded time limit'),
    server(9001, 'SocketException', 503, 'socket exception [CONNECT_ERROR] for db2.internal:27017'),
    server(10058, 'LegacyNotPrimary', 503, 'not master'),
    server(10107, 'NotWritablePrimary', 503, 'not primary'),
    server(
      11000,
      'DuplicateKey',
      409,
      'E11000 duplicate key error collection: app.users index: email_1 dup key',
    ),
    server(11001, 'DuplicateKey', 409, 'E11001 duplicate key on update', 'DuplicateKey (legacy, on update)'),
    server(11600, 'InterruptedAtShutdown', 503, 'interrupted at shutdown'),
    server(11602, 'InterruptedDueToReplStateChange', 503, 'operation was interrupted'),
    server(12582, 'DuplicateKeyUpdate', 409, 'E12582 duplicate key', 'DuplicateKeyUpdate (legacy)'),
    server(13435, 'NotPrimaryNoSecondaryOk', 503, 'not master and slaveOk=false'),
    server(13436, 'NotPrimaryOrSecondary', 503, 'node is recovering'),
    server(
      16500,
      'RequestRateTooLarge',
      503,
      'Error=16500, RetryAfterMs=12, Details=Response status code does not indicate success: TooManyRequests (429)',
      'RequestRateTooLarge (Azure Cosmos DB)',
    ),
    {
      error:
        'any other MongoDB server code with a `TransientTransactionError` / `RetryableWriteError` label, e.g. `24` LockTimeout',
      // A lock timeout inside a transaction, which the server labels as transient.
      make: () =>
        new MongoServerError({
          ok: 0,
          code: 24,
          codeName: 'LockTimeout',
          errmsg: 'Unable to acquire lock within a max lock request timeout of 5ms',
          errorLabels: ['TransientTransactionError'],
        }),
      rule: 'mongo:24',
      status: 503,
      retryable: true,
    },
    {
      error: 'any other MongoDB server code, e.g. `2` BadValue',
      make: () =>
        new MongoServerError({ ok: 0, code: 2, codeName: 'BadValue', errmsg: 'unknown operator: $foo' }),
      rule: 'mongo:2',
      status: 500,
    },
    // node-mongodb-native src/cmap/connection.ts: a socket timeout on an established connection.
    driver(
      'MongoNetworkTimeoutError',
      504,
      () => new MongoNetworkTimeoutError(`connection 3 to ${ADDRESS} timed out`),
    ),
    // src/timeout.ts: `timeoutMS` ran out while selecting a server.
    driver(
      'MongoOperationTimeoutError',
      504,
      () => new MongoOperationTimeoutError('Timed out in server selection after 50ms'),
    ),
    driver('MongoNetworkError', 503, () => new MongoNetworkError(`connection 3 to ${ADDRESS} closed`)),
    driver('MongoServerSelectionError', 503, async () =>
      rejectionOf(async () => (await unreachableClient()).connect()),
    ),
    driver('MongoTopologyClosedError', 503, async () => {
      const client = await unreachableClient()
      const query = client.db().collection('users').findOne({})
      setTimeout(() => void client.close(), 5)
      return rejectionOf(() => query)
    }),
    driver('MongoNotConnectedError', 503, async () => {
      const client = await unreachableClient()
      await client.close()
      return rejectionOf(() => client.db().collection('users').findOne({}))
    }),
    driver('MongoServerClosedError', 503, () => new MongoServerClosedError()),
    driver('MongoClientClosedError', 503, () => new MongoClientClosedError()),
    driver('MongoPoolClosedError', 503, () => new pool.PoolClosedError({ address: ADDRESS })),
    driver('MongoPoolClearedError', 503, () => new pool.PoolClearedError({ address: ADDRESS })),
    driver(
      'MongoWaitQueueTimeoutError',
      503,
      () =>
        new pool.WaitQueueTimeoutError(
          'Timed out while checking out a connection from connection pool',
          ADDRESS,
        ),
    ),
    {
      error: 'bson `BSONError` for a malformed `ObjectId`',
      make: () => thrownBy(() => new ObjectId('not-an-id')),
      rule: 'mongo:BSONError',
      status: 400,
    },
    {
      error: 'Mongoose `CastError` (e.g. a malformed `_id`)',
      make: () => rejectionOf(() => model().findById('not-an-object-id').exec()),
      rule: 'mongo:mongoose:CastError',
      status: 400,
    },
    {
      error: 'Mongoose `DocumentNotFoundError` (`orFail()`)',
      // Thrown by `orFail()` on an empty result, which needs a server: built with Mongoose's own class.
      make: () => new DocumentNotFoundError({ email: 'a@b.c' }, 'User', 0, null),
      rule: 'mongo:mongoose:DocumentNotFoundError',
      status: 404,
    },
    {
      error: 'Mongoose `VersionError` / `ParallelSaveError`',
      // Thrown when a versioned save matches no document, which needs a server: built with Mongoose's own class.
      make: () => {
        const doc = model().hydrate({ _id: new ObjectId(), email: 'a@b.c', tags: ['a'], __v: 0 })
        return new mongoose.Error.VersionError(doc as unknown as mongoose.Document, 0, ['tags'])
      },
      rule: 'mongo:mongoose:VersionError',
      status: 409,
    },
    {
      error: "Mongoose `StrictModeError` (`strict: 'throw'`)",
      make: () => {
        const User = model({ strict: 'throw' })
        return thrownBy(() => new User({ email: 'a@b.c', isAdmin: true }))
      },
      rule: 'mongo:mongoose:StrictModeError',
      status: 422,
    },
    {
      error: 'Mongoose `MongooseServerSelectionError`',
      make: async () => {
        const uri = `mongodb://127.0.0.1:${await refusedPort()}/app`
        const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 50 })
        opened.push(connection)
        return rejectionOf(() => connection.asPromise())
      },
      rule: 'mongo:mongoose:MongooseServerSelectionError',
      status: 503,
      retryable: true,
    },
    {
      error: 'Mongoose `buffering timed out after …ms`',
      make: () => rejectionOf(() => model({ bufferTimeoutMS: 20 }).findOne({ email: 'a@b.c' }).exec()),
      rule: 'mongo:mongoose:buffering-timeout',
      status: 503,
      retryable: true,
    },
    {
      error: 'Mongoose `MissingSchemaError`, `OverwriteModelError` …',
      make: () => thrownBy(() => mongoose.createConnection().model('NoSuchModel')),
      rule: 'mongo:mongoose:MissingSchemaError',
      status: 500,
    },
  ],
  async () => {
    await Promise.all(opened.splice(0).map((resource) => resource.close()))
  },
)

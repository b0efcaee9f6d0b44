import { PrismaClientKnownRequestError, PrismaClientValidationError } from '@prisma/client-runtime-utils'
import { catalog, type Example } from './example.js'

// Prisma's query engine cannot run here; the error classes are Prisma's own (@prisma/client re-exports
// them from this runtime package), built with the codes, messages and `meta` the engine gives them
// (https://www.prisma.io/docs/orm/reference/error-reference; prisma/prisma packages/client-engine-runtime/
// src/user-facing-error.ts).
const clientVersion = '7.10.1'

function known(code: string, message: string, meta?: Record<string, unknown>): PrismaClientKnownRequestError {
  return new PrismaClientKnownRequestError(message, { code, clientVersion, ...(meta ? { meta } : {}) })
}

/** A `PrismaClientKnownRequestError` with `code`, retryable where its status is 503 or 504. */
function code(code: string, status: number, message: string, meta?: Record<string, unknown>): Example {
  return {
    error: `Prisma \`${code}\``,
    make: () => known(code, message, meta),
    rule: `prisma:${code}`,
    status,
    ...(status >= 503 ? { retryable: true } : {}),
  }
}

/**
 * `meta.driverAdapterError`: a `DriverAdapterError` whose `cause` is what the adapter made of the
 * driver's error. Copied from prisma/prisma packages/driver-adapter-utils/src/error.ts (not installed).
 */
function driverAdapterError(cause: Record<string, unknown>): Error {
  return Object.assign(new Error(String(cause.message ?? cause.kind)), { name: 'DriverAdapterError', cause })
}

const CHECK = 'new row for relation "account" violates check constraint "account_age_check"'
const DEADLOCK = 'Deadlock found when trying to get lock; try restarting transaction'

export default catalog('prisma', [
  code('P2002', 409, 'Unique constraint failed on the fields: (`email`)', {
    modelName: 'User',
    target: ['email'],
  }),
  code('P2003', 409, 'Foreign key constraint violated on the fields: (`authorId`)', {
    modelName: 'Post',
    field_name: 'authorId',
  }),
  code(
    'P2014',
    409,
    "The change you are trying to make would violate the required relation 'PostToUser' between the `Post` and `User` models.",
    { relation_name: 'PostToUser', model_a_name: 'Post', model_b_name: 'User' },
  ),
  code('P2001', 404, 'The record searched for in the where condition (`User.id = 42`) does not exist'),
  code('P2015', 404, 'A related record could not be found.'),
  code('P2018', 404, 'The required connected records were not found.'),
  code('P2025', 404, 'No record was found for an update.', {
    modelName: 'User',
    cause: 'Record to update not found.',
  }),
  code('P2011', 422, 'Null constraint violation on the fields: (`email`)', { modelName: 'User' }),
  code('P2004', 422, 'A constraint failed on the database: `account_age_check`'),
  code('P2000', 400, "The provided value for the column is too long for the column's type. Column: name", {
    modelName: 'User',
    column_name: 'name',
  }),
  code('P2006', 400, 'The provided value `abc` for `User` field `age` is not valid'),
  code('P2007', 400, 'Invalid input value: invalid input syntax for type uuid: "not-a-uuid"'),
  code('P2019', 400, 'Input error. Invalid field name.'),
  code('P2020', 400, 'Value out of range for the type: integer out of range'),
  code('P2023', 400, 'Inconsistent column data: Malformed ObjectID'),
  code(
    'P2033',
    400,
    "A number used in the query does not fit into a 64 bit signed integer. Consider using `BigInt` as field type if you're trying to store large integers",
  ),
  code(
    'P2034',
    503,
    'Transaction failed due to a write conflict or a deadlock. Please retry your transaction',
  ),
  code('P1001', 503, "Can't reach database server at 127.0.0.1:5432"),
  code('P1017', 503, 'Server has closed the connection.'),
  code(
    'P2024',
    503,
    'Timed out fetching a new connection from the connection pool. (Current connection pool timeout: 10, connection limit: 5)',
  ),
  code('P2037', 503, 'Too many database connections opened: sorry, too many clients already'),
  code(
    'P1002',
    504,
    'The database server at `127.0.0.1:5432` was reached but timed out. Please try again. Please make sure your database server is running at `127.0.0.1:5432`.',
  ),
  code('P1008', 504, 'Operation has timed out'),
  {
    error: 'Prisma `P2028` transaction timed out (`meta.timeout`)',
    // packages/client-engine-runtime/src/transaction-manager/transaction-manager-error.ts
    make: () =>
      known(
        'P2028',
        'Transaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms, however 5012 ms passed since the start of the transaction.',
        { operation: 'query', timeout: 5000, timeTaken: 5012 },
      ),
    rule: 'prisma:P2028',
    status: 504,
    retryable: true,
  },
  {
    error: 'Prisma `P2028` `Unable to start a transaction in the given time`',
    make: () => known('P2028', 'Transaction API error: Unable to start a transaction in the given time.'),
    rule: 'prisma:P2028',
    status: 503,
    retryable: true,
  },
  {
    error: 'Prisma `P2010` / `P2039` with the driver’s code, e.g. SQLSTATE `23514`',
    // adapter-pg passes a state it has no kind for as `kind: 'postgres'` (packages/adapter-pg/src/errors.ts).
    make: () =>
      known('P2039', `Database error. Code: \`23514\`. Message: \`${CHECK}\``, {
        modelName: 'Account',
        driverAdapterError: driverAdapterError({
          originalCode: '23514',
          originalMessage: CHECK,
          kind: 'postgres',
          code: '23514',
          severity: 'ERROR',
          message: CHECK,
        }),
      }),
    rule: 'prisma:P2039:23514',
    status: 422,
  },
  {
    error: 'Prisma `P2010` / `P2039` with MySQL errno `1213` (adapter-mariadb)',
    // A raw query: `rethrowAsUserFacingRawError` (user-facing-error.ts) over packages/adapter-mariadb/src/errors.ts.
    make: () =>
      known('P2010', `Raw query failed. Code: \`1213\`. Message: \`${DEADLOCK}\``, {
        driverAdapterError: driverAdapterError({
          originalCode: '1213',
          originalMessage: DEADLOCK,
          kind: 'TransactionWriteConflict',
        }),
      }),
    rule: 'prisma:P2010:1213',
    status: 503,
    retryable: true,
  },
  {
    error: 'any other Prisma code, e.g. `P1000` (auth), `P1003`, `P2021` (no such table)',
    make: () =>
      known(
        'P1000',
        'Authentication failed against the database server, the provided database credentials for `app` are not valid',
      ),
    rule: 'prisma:P1000',
    status: 500,
  },
  {
    error: '`PrismaClientValidationError` (a query-construction bug), panics, unknown errors',
    make: () =>
      new PrismaClientValidationError(
        'Argument `email`: Invalid value provided. Expected String, provided Int.',
        {
          clientVersion,
        },
      ),
    rule: 'prisma:PrismaClientValidationError',
    status: 500,
  },
])

import { DB_VERDICTS } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import { get, getArray, getBoolean, getString, has, lookup, messageOf, nameOf } from '../internal/safe.js'
import type { ValidationIssue, Verdict } from '../types.js'

const { unique, conflict, check, malformed, notFound, contention, unavailable, timeout, serverBug } =
  DB_VERDICTS

/**
 * MongoDB server error codes with an answer of their own
 * (mongodb/mongo src/mongo/base/error_codes.yml; the driver's retryable set is in
 * mongodb/node-mongodb-native src/error.ts). Our credentials (13, 18), bad queries (2, 9) and
 * other codes fall through to 500.
 */
const SERVER_CODES: Readonly<Record<string, readonly [codeName: string, verdict: Verdict]>> = {
  '11000': ['DuplicateKey', unique],
  '11001': ['DuplicateKey (legacy, on update)', unique],
  '12582': ['DuplicateKeyUpdate (legacy)', unique],
  // The collection's $jsonSchema validator refused the document.
  '121': ['DocumentValidationFailure', check],
  '50': ['MaxTimeMSExpired', timeout],
  '262': ['ExceededTimeLimit', timeout],
  '89': ['NetworkTimeout', timeout],
  // Replication did not acknowledge the write within wtimeout.
  '64': ['WriteConcernFailed', timeout],
  '112': ['WriteConflict', contention],
  '251': ['NoSuchTransaction', contention],
  '6': ['HostUnreachable', unavailable],
  '7': ['HostNotFound', unavailable],
  '91': ['ShutdownInProgress', unavailable],
  '133': ['FailedToSatisfyReadPreference', unavailable],
  '189': ['PrimarySteppedDown', unavailable],
  '9001': ['SocketException', unavailable],
  '10058': ['LegacyNotPrimary', unavailable],
  '10107': ['NotWritablePrimary', unavailable],
  '11600': ['InterruptedAtShutdown', unavailable],
  '11602': ['InterruptedDueToReplStateChange', unavailable],
  '13435': ['NotPrimaryNoSecondaryOk', unavailable],
  '13436': ['NotPrimaryOrSecondary', unavailable],
  // Azure Cosmos DB's RequestRateTooLarge: its 429.
  '16500': ['RequestRateTooLarge (Azure Cosmos DB)', unavailable],
  '13': ['Unauthorized', serverBug],
  '18': ['AuthenticationFailed', serverBug],
}

/** Driver errors without a server code, by class name (node-mongodb-native src/error.ts). */
const DRIVER_NAMES: Readonly<Record<string, Verdict>> = {
  // MongoNetworkTimeoutError extends MongoNetworkError: the name, not the class chain, decides.
  MongoNetworkTimeoutError: timeout,
  MongoOperationTimeoutError: timeout,
  MongoNetworkError: unavailable,
  MongoServerSelectionError: unavailable,
  MongoTopologyClosedError: unavailable,
  MongoNotConnectedError: unavailable,
  MongoServerClosedError: unavailable,
  MongoClientClosedError: unavailable,
  MongoPoolClosedError: unavailable,
  MongoPoolClearedError: unavailable,
  MongoWaitQueueTimeoutError: unavailable,
}

/** Labels the server or driver puts on errors that a retry may fix. */
const TRANSIENT_LABELS = new Set(['TransientTransactionError', 'RetryableWriteError'])

/** Mongoose errors that are our own code's or schema's bug (Automattic/mongoose lib/error/*.js). */
const MONGOOSE_BUGS = new Set([
  'MissingSchemaError',
  'OverwriteModelError',
  'DivergentArrayError',
  'ObjectParameterError',
  'ObjectExpectedError',
  'StrictPopulateError',
  'ParallelValidateError',
  'InvalidSchemaOptionError',
])

// bson's message for `new ObjectId(text)` with a malformed id (mongodb/js-bson src/objectid.ts).
const BAD_OBJECT_ID = /^input must be a 24 character hex string/
// "Operation `users.findOne()` buffering timed out after 10000ms" (mongoose lib/collection.js).
const BUFFERING_TIMED_OUT = /buffering timed out after \d+ms$/
const KIND = /^\[?[\w.]{1,40}\]?$/

function mongooseVerdict(value: unknown, name: string): Verdict | undefined {
  const rule = `mongo:mongoose:${name}`
  switch (name) {
    case 'CastError':
      if (getString(value, 'kind') === undefined) return undefined
      return { ...malformed, rule, ...issueOf(value, castMessage(getString(value, 'kind')), 'cast_error') }
    case 'DocumentNotFoundError':
      return has(value, 'numAffected') || has(value, 'filter') ? { ...notFound, rule } : undefined
    case 'VersionError':
      return getArray(value, 'modifiedPaths') ? { ...conflict, rule } : undefined
    case 'ParallelSaveError':
      return { ...conflict, rule }
    case 'StrictModeError': {
      const immutable = getBoolean(value, 'isImmutableError') === true
      const issue = immutable
        ? (['This field cannot be changed.', 'immutable'] as const)
        : (['This field is not allowed.', 'strict'] as const)
      return { code: 'VALIDATION_FAILED', rule, ...issueOf(value, issue[0], issue[1]) }
    }
    case 'MongooseServerSelectionError':
      return { ...unavailable, rule }
    case 'MongooseError':
      return BUFFERING_TIMED_OUT.test(messageOf(value) ?? '')
        ? { ...unavailable, rule: 'mongo:mongoose:buffering-timeout' }
        : undefined
    default:
      return MONGOOSE_BUGS.has(name) ? { ...serverBug, rule } : undefined
  }
}

function castMessage(kind: string | undefined): string {
  return kind !== undefined && KIND.test(kind) ? `Cast to ${kind} failed.` : 'The value has the wrong type.'
}

/** A one-issue `details` for the Mongoose error's `path`, if it has one. */
function issueOf(value: unknown, message: string, code: string): { details?: readonly ValidationIssue[] } {
  const path = getString(value, 'path')
  return path === undefined ? {} : { details: [{ path, message, code }] }
}

function isTransient(value: unknown): boolean {
  const labels = getArray(value, 'errorLabels', 16) ?? []
  return labels.some((label) => typeof label === 'string' && TRANSIENT_LABELS.has(label))
}

function isMongoDriverError(value: unknown, name: string | undefined): boolean {
  return name?.startsWith('Mongo') === true || has(value, 'errorLabelSet') || has(value, 'errorResponse')
}

/**
 * MongoDB driver errors (server codes: `mongo:11000` 409, 121 422, 50 504, 112 503, 91/10107 and
 * other failover codes 503, 13/18 500; network errors 503, `MongoNetworkTimeoutError` 504, server
 * selection 503), bson's malformed `ObjectId` (400), and Mongoose's own errors: `CastError` 400,
 * `DocumentNotFoundError` 404, `VersionError` 409, `StrictModeError` 422, server selection and
 * buffering timeouts 503. Mongoose's `ValidationError` belongs to the validation rule.
 */
export const mongoRule = family({
  name: 'mongo',
  triggers: {
    namePrefixes: ['Mongo', 'BSON'],
    names: [
      'CastError',
      'DocumentNotFoundError',
      'VersionError',
      'ParallelSaveError',
      'StrictModeError',
      ...MONGOOSE_BUGS,
    ],
    keys: ['errorLabelSet', 'errorResponse'],
  },
  read(value) {
    const name = nameOf(value)
    if (name === undefined) return undefined
    const mongoose = mongooseVerdict(value, name)
    if (mongoose) return mongoose
    if (name === 'BSONError') {
      return BAD_OBJECT_ID.test(messageOf(value) ?? '')
        ? { ...malformed, rule: 'mongo:BSONError', message: 'An id in the request is malformed.' }
        : { ...serverBug, rule: 'mongo:BSONError' }
    }
    if (!isMongoDriverError(value, name) || name.startsWith('Mongoose')) return undefined
    const byName = lookup(DRIVER_NAMES, name)
    if (byName) return { ...byName, rule: `mongo:${name}` }
    const code = get(value, 'code')
    if (typeof code === 'number' && Number.isInteger(code)) {
      const known = lookup(SERVER_CODES, String(code))
      if (known) return { ...known[1], rule: `mongo:${code}` }
      if (isTransient(value)) return { ...contention, rule: `mongo:${code}` }
      return { ...serverBug, rule: `mongo:${code}` }
    }
    if (isTransient(value)) return { ...contention, rule: `mongo:${name}` }
    return { ...serverBug, rule: `mongo:${name}` }
  },
})

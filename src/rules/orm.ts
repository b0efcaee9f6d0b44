import { DB_VERDICTS } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import { get, getArray, getString, isObjectLike, lookup, messageOf, nameOf } from '../internal/safe.js'
import type { Verdict } from '../types.js'

const { unique, foreignKey, conflict, notFound, contention, unavailable, serverBug } = DB_VERDICTS

/**
 * Sequelize errors by name (sequelize/sequelize src/errors/**). The constraint errors are
 * definite; `SequelizeDatabaseError` and `SequelizeConnectionError` are weak: the driver error in
 * `original` / `parent` says more (a 22P02 is 400, a 3D000 is 500). `SequelizeValidationError`
 * belongs to the validation rule; `SequelizeUniqueConstraintError` extends it and is answered here.
 */
const SEQUELIZE: Readonly<Record<string, Verdict>> = {
  SequelizeUniqueConstraintError: unique,
  SequelizeForeignKeyConstraintError: foreignKey,
  SequelizeExclusionConstraintError: conflict,
  SequelizeUnknownConstraintError: { ...conflict, weak: true },
  SequelizeOptimisticLockError: { ...conflict, message: 'The record was changed by another request.' },
  SequelizeEmptyResultError: notFound,
  // The sqlite dialect's SQLITE_BUSY (lib/dialects/sqlite/query.js).
  SequelizeTimeoutError: contention,
  SequelizeConnectionRefusedError: unavailable,
  SequelizeHostNotFoundError: unavailable,
  SequelizeHostNotReachableError: unavailable,
  SequelizeConnectionTimedOutError: unavailable,
  SequelizeConnectionAcquireTimeoutError: unavailable,
  SequelizeConnectionError: { ...unavailable, weak: true },
  SequelizeAccessDeniedError: serverBug,
  SequelizeInvalidConnectionError: serverBug,
}

/** TypeORM errors by name: TypeORMError's `name` is its constructor's (typeorm/typeorm src/error/TypeORMError.ts). */
const TYPEORM: Readonly<Record<string, Verdict>> = {
  EntityNotFoundError: notFound,
  OptimisticLockVersionMismatchError: { ...conflict, message: 'The record was changed by another request.' },
  // The driver error it carries (and copies onto itself) decides; src/error/QueryFailedError.ts.
  QueryFailedError: { ...serverBug, weak: true },
}

/**
 * Any ORM's or document store's optimistic-locking failure, by its class name's words
 * (`OptimisticLockError`, `OptimisticConcurrencyException`, or a class named for concurrency and
 * nothing after it: `ConcurrencyException`, `DbUpdateConcurrencyException`): the record was changed
 * by another request since it was read, the policy's optimistic-concurrency conflict (409).
 */
const OPTIMISTIC =
  /^[A-Za-z]{0,40}(?:Optimistic(?:Lock|Locking|Concurrency)[A-Za-z]{0,40}|Concurrency)(?:Error|Exception)$/
const OPTIMISTIC_LOCK: Verdict = Object.freeze({
  ...conflict,
  message: 'The record was changed by another request.',
  rule: 'orm:optimistic-lock',
})
const optimistic = (name: string | undefined) => name !== undefined && OPTIMISTIC.test(name)

/**
 * Drizzle's `DrizzleQueryError` keeps `name: 'Error'`; it has `query`, `params` and the driver
 * error as `cause` (drizzle-team/drizzle-orm drizzle-orm/src/errors.ts).
 */
function isDrizzleQueryError(value: unknown): boolean {
  return (
    nameOf(value) === 'Error' &&
    typeof get(value, 'query') === 'string' &&
    getArray(value, 'params', 0) !== undefined &&
    messageOf(value)?.startsWith('Failed query: ') === true
  )
}

/**
 * ORM wrappers around driver errors: Sequelize (`orm:sequelize:SequelizeUniqueConstraintError` 409,
 * `SequelizeEmptyResultError` 404, connection errors 503 …), TypeORM (`EntityNotFoundError` 404,
 * `OptimisticLockVersionMismatchError` 409), Drizzle, and any ORM's optimistic-locking failure by
 * its name (409). A wrapper that only carries a driver error (`SequelizeDatabaseError`,
 * `QueryFailedError`, `DrizzleQueryError`) is a weak 500, and `unwrap` hands the walk Sequelize's
 * `original` / `parent` and TypeORM's `driverError`, so the driver's code decides.
 */
export const ormRule = family({
  name: 'orm',
  triggers: {
    namePrefixes: ['Sequelize'],
    names: Object.keys(TYPEORM),
    keys: ['query'],
    nameTest: optimistic,
  },
  read(value) {
    const name = nameOf(value)
    if (name === undefined) return undefined
    if (name.startsWith('Sequelize')) {
      return { ...(lookup(SEQUELIZE, name) ?? { ...serverBug, weak: true }), rule: `orm:sequelize:${name}` }
    }
    const typeorm = lookup(TYPEORM, name)
    if (typeorm && isTypeOrmShaped(value, name)) return { ...typeorm, rule: `orm:typeorm:${name}` }
    if (isDrizzleQueryError(value)) return { ...serverBug, weak: true, rule: 'orm:drizzle:DrizzleQueryError' }
    return optimistic(name) || optimistic(value.constructorName) ? OPTIMISTIC_LOCK : undefined
  },
  unwrap(value) {
    const name = nameOf(value)
    if (name === 'QueryFailedError') return [get(value, 'driverError')]
    if (name?.startsWith('Sequelize')) {
      const original = get(value, 'original')
      const parent = get(value, 'parent')
      // SequelizeBulkRecordError carries one error in `errors` (not an array).
      const single = get(value, 'errors')
      return [original, parent, Array.isArray(single) ? undefined : single].filter(isObjectLike)
    }
    return undefined
  },
})

/** TypeORM's classes by their own fields, so that another library's `EntityNotFoundError` is not taken for one. */
function isTypeOrmShaped(value: unknown, name: string): boolean {
  if (name === 'QueryFailedError')
    return isObjectLike(get(value, 'driverError')) || getString(value, 'query') !== undefined
  if (name === 'EntityNotFoundError') return get(value, 'entityClass') !== undefined
  return true
}

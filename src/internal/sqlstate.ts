import type { Verdict } from '../types.js'
import { DB_VERDICTS } from './db-verdicts.js'
import { lookup } from './safe.js'
import { nameVerdicts } from './verdicts.js'

const {
  unique,
  foreignKey,
  conflict,
  notNull,
  check,
  malformed,
  contention,
  unavailable,
  timeout,
  serverBug,
} = DB_VERDICTS

/**
 * SQLSTATEs with an answer of their own (PostgreSQL manual, Appendix A). Our credentials (28000,
 * 28P01), a missing database (3D000), and schema or query bugs (class 42, 25P02) fall through to 500.
 */
export const SQLSTATES: Readonly<Record<string, Verdict>> = {
  '23505': unique,
  '23503': foreignKey,
  '23001': foreignKey,
  '23P01': conflict,
  '23502': notNull,
  '23514': check,
  '22012': serverBug, // division_by_zero: our arithmetic, not the client's value
  '40001': contention,
  '40P01': contention,
  '55P03': contention,
  '57014': timeout,
  '57P01': unavailable,
  '57P02': unavailable,
  '57P03': unavailable,
  '57P05': unavailable,
  // read_only_sql_transaction: a write reached a standby, as during a failover.
  '25006': unavailable,
  '28000': serverBug,
  '28P01': serverBug,
  '3D000': serverBug,
}

/** SQLSTATE classes (the first two characters) with one answer for every member. */
const SQLSTATE_CLASSES: Readonly<Record<string, Verdict>> = {
  '08': unavailable, // connection_exception
  '22': malformed, // data_exception: a value of the wrong form or range
  '23': conflict, // integrity_constraint_violation
  '53': unavailable, // insufficient_resources: too many connections, disk full, out of memory
}

/** A SQLSTATE: five digits or capitals. */
export const SQLSTATE = /^[0-9A-Z]{5}$/

/**
 * The answer for a SQLSTATE (`'23505'`, `'40P01'` …), also for drivers that wrap PostgreSQL such as
 * Prisma's adapter. A state nothing here names is a server bug.
 */
export function sqlStateVerdict(state: string): Verdict {
  const named = lookup(NAMED, state)
  if (named) return named
  const verdict = lookup(SQLSTATE_CLASSES, state.slice(0, 2)) ?? serverBug
  return { ...verdict, rule: `postgres:${state}` }
}

/** The states above with their rule names, built once: a match answers a ready verdict. */
const NAMED = nameVerdicts(SQLSTATES, (state) => `postgres:${state}`)

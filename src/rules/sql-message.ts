import { DB_VERDICTS } from '../internal/db-verdicts.js'
import { family } from '../internal/family.js'
import { CONSTRAINT_WORDS, messageWordsOf } from '../internal/message-words.js'
import type { Probe } from '../internal/probe.js'
import { isProgrammerError } from '../internal/transient.js'
import type { Verdict } from '../types.js'

const { unique, foreignKey, notNull, check, malformed, contention, notFound } = DB_VERDICTS

/**
 * A SQL engine's constraint messages, for drivers and in-memory engines that carry the message but
 * no SQLSTATE (in-memory emulators, ORMs that rethrow the text, embedded engines whose bindings
 * keep no code). Read in the first few hundred characters; an error with a code is left to its
 * driver's family (SQLite's own wording is the `sqlite` family's, and this one's only late). The
 * wordings are PostgreSQL's ("violates unique constraint", "could not serialize access"), MySQL's
 * ("Duplicate entry"), SQLite's, and the exception types some engines put before the message
 * ("Constraint Error: ", "Conversion Error: "); and a query that found no row where one was
 * required (404).
 */
const MESSAGES: readonly (readonly [RegExp, Verdict])[] = [
  [
    /violates (?:the )?(?:unique|primary key|exclusivity) (?:index|constraint)|\bduplicate key\b|^Duplicate entry |\b(?:UNIQUE|PRIMARY KEY) constraint failed(?::|$)|\balready exists in (?:the )?(?:primary key|unique) (?:index|constraint)\b/i,
    { ...unique, rule: 'sql-message:unique' },
  ],
  [
    /violates foreign key constraint|foreign key constraint (?:fails|'[^']{1,64}' failed)|\bFOREIGN KEY constraint failed(?::|$)|\bconflicted with the FOREIGN KEY constraint\b|^foreign key .{0,80} not found in table\b/i,
    { ...foreignKey, rule: 'sql-message:foreign-key' },
  ],
  [
    /violates not-null constraint|\bNOT NULL constraint failed\b|\bNULL value (?:in|into) (?:a )?NOT NULL column\b|\bcolumn does not allow nulls\b/i,
    { ...notNull, rule: 'sql-message:not-null' },
  ],
  [
    /violates check constraint|\bcheck constraint .{0,128} (?:is violated|failed)\b|^Constraint Error: CHECK constraint failed\b|\bCHECK constraint failed(?::|$)|\b(?:violation of|conflicted with) (?:the )?CHECK constraint\b/i,
    { ...check, rule: 'sql-message:check' },
  ],
  [
    /^invalid input (?:syntax|value) for |^Conversion Error: |^Out of Range Error: /i,
    { ...malformed, rule: 'sql-message:invalid-input' },
  ],
  // Another transaction holds what this one needs, or changed it first: a retry fixes it.
  [/\bcould not serialize access\b/i, { ...contention, rule: 'sql-message:contention' }],
]

/**
 * A query that had to find a row and found none, in a driver's or query builder's words ("No data
 * returned from the query.", "No rows updated", "no result"): the policy's not-found row (404), as
 * Prisma's P2025 "Record to update not found" is. A numeric code beside them is the library's own
 * enumeration, not a database's; an HTTP client's "No data returned" of an answer says no query.
 */
const NO_ROW =
  /^no (?:rows?|records?) (?:were |was )?(?:returned|found|updated|deleted|affected)\b|^no (?:data|results?) (?:was |were )?(?:returned|found) (?:from|for|by) (?:the |this |your )?query\b|^no results?\.?$/i
const NO_ROW_VERDICT: Verdict = Object.freeze({ ...notFound, rule: 'sql-message:no-row' })
const NUMERIC = /^\d{1,4}$/

export const sqlMessageRule = family({
  name: 'sql-message',
  triggers: {
    lateAlways: true,
    messagePrefixes: [
      'null value in column',
      'new row for relation',
      'check constraint',
      'insert or update on table',
      'update or delete on table',
      'duplicate key value',
      'Duplicate key ',
      'Duplicate entry',
      'invalid input syntax for',
      'invalid input value for',
      "Can't insert key",
      'could not serialize access',
      'Constraint Error: ',
      'Conversion Error: ',
      'Out of Range Error: ',
      'No rows',
      'No Rows',
      'no rows',
      'No records',
      'no records',
      'No data',
      'no data',
      'No result',
      'no result',
    ],
  },
  read(value) {
    const message = value.message?.slice(0, 256)
    if (message === undefined) return undefined
    const code = value.code
    if ((code === undefined || NUMERIC.test(code)) && NO_ROW.test(message)) return NO_ROW_VERDICT
    if (code !== undefined) return undefined
    return constraintOf(message)
  },
  // Late, for an error nothing recognised: the same words after a driver's own prefix ("Failed to
  // execute SQL statement: NOT NULL constraint failed: users.email"), or SQLite's words in a
  // replicated store's result, beside no code or an engine's number (its own enumeration, which no
  // family reads).
  late(value) {
    if (isNoRow(value)) return NO_ROW_VERDICT
    // A programmer error's message is about our code (and scanning it would cost every `TypeError`).
    if (isProgrammerError(value.name) || (messageWordsOf(value) & CONSTRAINT_WORDS) === 0) return undefined
    // A code that only repeats the class's name (`code: 'StoreResultError'`) says no more than it.
    const code = value.get('code')
    if (
      code !== undefined &&
      typeof code !== 'number' &&
      code !== value.name &&
      code !== value.constructorName
    )
      return undefined
    return constraintOf((value.message as string).slice(0, 256))
  },
})

/**
 * A query builder's not-found error for a query that had to find a row: a class named for it
 * (`NotFoundError`, by its name or its constructor's) that keeps the SQL it ran, or says in words
 * that no record was found ("Record is not found"). A not-found class with neither is anybody's
 * (an SDK's for an upstream's 404).
 */
function isNoRow(value: Probe): boolean {
  if (!saysNotFound(value.name) && !saysNotFound(value.constructorName)) return false
  const message = value.message
  return typeof value.get('sql') === 'string' || (message !== undefined && NO_RECORD.test(message))
}

const saysNotFound = (name: string | undefined): boolean => name?.includes('NotFound') === true
const NO_RECORD = /^(?:the )?(?:record|row)s? (?:is |was |were )?not found\b/i

function constraintOf(message: string): Verdict | undefined {
  for (const [pattern, verdict] of MESSAGES) if (pattern.test(message)) return verdict
  return undefined
}

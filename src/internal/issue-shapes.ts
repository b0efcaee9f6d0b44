import type { ValidationIssue } from '../types.js'
import {
  fromPointer,
  type Issues,
  joinPath,
  MAX_ISSUES,
  MAX_PATH_SEGMENTS,
  makeIssue,
  ownKeys,
} from './issues.js'
import type { Probe } from './probe.js'
import { get, getArray, getString, isObjectLike, messageOf, toArray } from './safe.js'

// A validator's failure, by shape: an error carrying its issues under a key that says so
// (`errors`, `issues`, `arkErrors`, `validationErrors` …), as a list of issues, each a message (or
// an error) with a path (`{ msg, path }`, `{ error, path: ['name'] }` …), as a map of paths to
// their messages (`Map { 'email' => Set { '…' } }`, `{ email: ['…'] }`), or grouped by where they
// were found (`{ body: [issue …] }`); one such issue in `error`; or the error itself: when its name
// says validation and it carries its path, or the value it rejected and the rule that did; or,
// whatever its name, when it carries its path and the input it rejected.
export const ISSUE_LISTS = ['errors', 'issues', 'failures', 'details', 'messages']
/** The last word of a key that holds issues (`fieldErrors`, `validation_issues` …). */
export const ISSUE_SUFFIXES = [
  'errors',
  'Errors',
  'issues',
  'Issues',
  'failures',
  'Failures',
  'violations',
  'Violations',
]
const ISSUE_WORDS =
  /(?:^|_)(?:errors|issues|failures|violations)$|[a-z\d](?:Errors|Issues|Failures|Violations)$/
const MESSAGE_KEYS = ['message', 'msg']
const PATH_KEYS = ['path', 'field', 'property', 'param', 'instancePath', 'dataPath', 'loc', 'key']
/** A name that says validation: `ValidationError`, `SchemaValidationException`, `ValidateError` … */
export const VALIDATION_NAME = /Validat(?:ion|e)(?:Error|Exception)$/

/** The issues a value carries by shape (and under `hidden`, keys of it that say so), or `undefined`. */
export function shapeIssues(
  value: Probe,
  hidden: readonly string[] = NO_KEYS,
  records = false,
): Issues | undefined {
  for (const key of [...ISSUE_LISTS, ...value.ownKeys.filter(isIssueKey), ...hidden]) {
    const held = get(value, key)
    if (!isObjectLike(held)) continue
    const items = toArray(held, MAX_ISSUES)
    if (items === undefined) {
      const map = mapEntries(held)
      const mapped = map && (issuesOfEntries(map.entries, map.isMap, records) ?? groupedIssues(map.entries))
      if (mapped) return mapped
    } else if (items.length > 0) {
      if (items.every(isIssueShaped)) return items.map(shapedIssue)
      const paired = issuesOfEntries(pairsOf(items), true) ?? issuesOfEntries(keyedEntries(items), true)
      if (paired) return paired
    }
  }
  const single = get(value, 'error')
  if (isIssueShaped(single)) return [shapedIssue(single)]
  const named = VALIDATION_NAME.test(value.name ?? '') || VALIDATION_NAME.test(value.constructorName ?? '')
  // A validator's issues kept by path under `fields` (`{ 'body.email': { message, value } }`), read
  // only when the class says validation: elsewhere `fields` holds the values a row had.
  if (named && value.ownKeys.includes('fields')) {
    const fields = value.get('fields')
    const map = isObjectLike(fields) ? mapEntries(fields) : undefined
    const found = map === undefined ? undefined : issuesOfEntries(map.entries, false, true)
    if (found) return found
  }
  const pathed = Array.isArray(get(value, 'path')) && isIssueShaped(value)
  // Whatever its name, an error that holds a path, a message and the input it rejected is one issue.
  if (pathed && (named || INPUT_KEYS.some((key) => value.ownKeys.includes(key)))) return [shapedIssue(value)]
  if (!named) return undefined
  // A validator's failure kept as a record of its own (`failure: { message, details }`).
  const failure = value.ownKeys.includes('failure') ? value.at('failure') : undefined
  return (failure?.isObject ? shapeIssues(failure, NO_KEYS, true) : undefined) ?? ruleFailure(value)
}

/** Where a validator's error keeps the value it rejected, and the rule that rejected it. */
const INPUT_KEYS = ['value', 'given', 'input', 'received'] as const
const RULE_KEYS = ['rule', 'validator', 'constraint'] as const

/**
 * A `…ValidationError` that is one rule's rejection of one value (`{ rule, value }`, `{ validator,
 * given }`): one issue at the value itself, named by its rule, its message scrubbed of the value.
 */
function ruleFailure(value: Probe): Issues | undefined {
  const keys = value.ownKeys
  const input = INPUT_KEYS.find((key) => keys.includes(key))
  const rule = RULE_KEYS.find((key) => keys.includes(key))
  if (input === undefined || rule === undefined) return undefined
  const named = get(value, rule)
  const code = typeof named === 'string' ? named : getString(named, 'name')
  return [makeIssue('', value.message, code, [get(value, input)])]
}

/** A property path (`value`, `value.tags`, `body.items[0].qty`), as a validator names where it looked. */
const PROPERTY_PATH = /^[A-Za-z_$][\w$]{0,63}(?:\.[A-Za-z_$][\w$]{0,63}|\[\d{1,6}\]){0,16}$/

/**
 * An error that keeps the property path of the value it rejected (`path: 'value.tags'`) and whose
 * message, line by line, begins with that path ("value.tags[1] is not a string"): a validator's
 * issues, one a line, each at the path its line begins with. (A file's `path`, `/tmp/x`, is no
 * property path.)
 */
export function pathedIssues(value: Probe): Issues | undefined {
  const path = get(value, 'path')
  const message = value.message
  if (typeof path !== 'string' || message === undefined || !PROPERTY_PATH.test(path)) return undefined
  const issues = []
  for (const line of message.slice(0, 4096).split('\n', MAX_ISSUES)) {
    const at = line.slice(0, line.indexOf(' '))
    if (!at.startsWith(path) || !PROPERTY_PATH.test(at)) return undefined
    if (at.length > path.length && at[path.length] !== '.' && at[path.length] !== '[') return undefined
    issues.push(makeIssue(joinPath(at.split(/[.[\]]+/).filter(Boolean)), line, undefined, []))
  }
  return issues.length > 0 ? issues : undefined
}

const NO_KEYS: readonly string[] = []

/**
 * A line of a message that lists an issue at a property path from the value's root, after a bullet
 * (`- .email: Expected to match …`, `• .tags[1]: Expected a string`).
 */
const LISTED_ISSUE =
  /^\s*[-•*] ((?:\.[A-Za-z_$][\w$]{0,63}|\[\d{1,6}\])(?:\.[A-Za-z_$][\w$]{0,63}|\[\d{1,6}\]){0,16}): (.+)$/

/**
 * An error whose message, after its first line, lists issues one a line, each at the property path
 * from the root it begins with (`Type mismatch` and then `- .email: Expected …`): a validator's
 * issues, kept only in its words. A list of other things (`- db: connection refused`) names no
 * property path from a root.
 */
export function listedIssues(value: Probe): Issues | undefined {
  const message = value.message
  if (message === undefined) return undefined
  const issues: ValidationIssue[] = []
  const lines = message.slice(0, 4096).split('\n', MAX_ISSUES + 8)
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string
    if (line.trim() === '') continue
    const found = LISTED_ISSUE.exec(line)
    if (found === null) return undefined
    const path = (found[1] as string).split(/[.[\]]+/).filter(Boolean)
    if (issues.length < MAX_ISSUES) issues.push(makeIssue(joinPath(path), found[2], undefined, []))
  }
  return issues.length > 0 ? issues : undefined
}

/** Whether an own key's last word says it holds issues (the exact `ISSUE_LISTS` are read first). */
export function isIssueKey(key: string): boolean {
  return key.length <= 64 && !ISSUE_LISTS.includes(key) && ISSUE_WORDS.test(key)
}

/** A message of an issue: its own, or that of the error it carries. */
function issueMessage(item: unknown): string | undefined {
  for (const key of MESSAGE_KEYS) {
    const message = get(item, key)
    if (typeof message === 'string') return message
  }
  const error = get(item, 'error')
  return isObjectLike(error) ? messageOf(error) : undefined
}

/**
 * An error of a GraphQL response (`{ message, path, locations, extensions }`) is a failed
 * operation's, its `path` a field of the answer: no issue with a client's input.
 */
function isGraphQLError(item: object): boolean {
  return get(item, 'locations') !== undefined || isObjectLike(get(item, 'extensions'))
}

function isIssueShaped(item: unknown): boolean {
  if (!isObjectLike(item) || isGraphQLError(item)) return false
  // An issue named only by its code (`{ code: 'invalid_type', path: ['id'] }`) needs a path list.
  if (issueMessage(item) === undefined)
    return getString(item, 'code') !== undefined && Array.isArray(get(item, 'path'))
  return PATH_KEYS.some((key) => {
    const path = get(item, key)
    return typeof path === 'string' || Array.isArray(path)
  })
}

function shapedIssue(item: unknown): ValidationIssue {
  const message = issueMessage(item)
  let path = ''
  for (const key of PATH_KEYS) {
    const raw = get(item, key)
    if (Array.isArray(raw)) path = joinPath(getArray(item, key, MAX_PATH_SEGMENTS))
    else if (raw === '')
      path = '' // the value itself (ajv's root)
    else if (typeof raw === 'string')
      path = raw.startsWith('/')
        ? joinPath(fromPointer(raw))
        : joinPath(raw.replace(/^\./, '').split('.', MAX_PATH_SEGMENTS))
    else continue
    break
  }
  const code = ['code', 'rule', 'keyword', 'validator', 'type']
    .map((key) => getString(item, key))
    .find((c) => c !== undefined)
  return makeIssue(path, message, code, [get(item, 'value'), get(item, 'input')])
}

/**
 * Issues kept as a map of paths to what they say: a `Map`, or a list of `[path, said]` pairs, whose
 * values are messages, errors or collections of messages; or a plain object whose values are lists
 * of messages (a plain object of strings is too common a shape to be taken for issues), or, in a
 * validator's failure record (`records`), the failure records of its fields (`{ id: { message,
 * code } }`). Every entry must be one.
 */
function issuesOfEntries(entries: readonly unknown[][], loose: boolean, records = false): Issues | undefined {
  if (entries.length === 0) return undefined
  const issues: ValidationIssue[] = []
  for (const [path, said] of entries) {
    if (typeof path !== 'string') return undefined
    const texts = loose ? messagesOf(said) : (stringsOf(said) ?? (records ? recordMessage(said) : undefined))
    if (texts === undefined || texts.length === 0) return undefined
    const at = joinPath(path.split('.', MAX_PATH_SEGMENTS))
    for (const text of texts) if (issues.length < MAX_ISSUES) issues.push(makeIssue(at, text, undefined, []))
  }
  return issues
}

/**
 * Issues grouped by where they were found (`{ body: [issue …], query: [issue …] }`, a `Map` of the
 * same): every group a list of issues, each issue's path under its group's name.
 */
function groupedIssues(entries: readonly unknown[][]): Issues | undefined {
  if (entries.length === 0) return undefined
  const issues: ValidationIssue[] = []
  for (const [group, held] of entries) {
    const items = typeof group === 'string' ? toArray(held, MAX_ISSUES) : undefined
    if (items === undefined || items.length === 0 || !items.every(isIssueShaped)) return undefined
    for (const item of items) {
      if (issues.length >= MAX_ISSUES) break
      const issue = shapedIssue(item)
      issues.push({
        ...issue,
        path:
          issue.path === '' ? joinPath([group as string]) : `${joinPath([group as string])}.${issue.path}`,
      })
    }
  }
  return issues
}

/**
 * The items of a list that are all plain objects of paths to messages (`[{ email: '"email" must be
 * a valid email', age: '…' }]`, as a validation middleware keys its issues by field), as entries;
 * none if any is not one, or names a message or a code (an issue of another shape).
 */
function keyedEntries(items: readonly unknown[]): unknown[][] {
  const entries: unknown[][] = []
  for (const item of items) {
    const map = isObjectLike(item) ? mapEntries(item) : undefined
    if (map === undefined || map.isMap || map.entries.length === 0) return []
    for (const entry of map.entries) {
      if (typeof entry[1] !== 'string' || NOT_PATHS.includes(entry[0] as string)) return []
      entries.push(entry)
    }
  }
  return entries
}

const NOT_PATHS = [...MESSAGE_KEYS, 'code', 'error', 'type']

/** The items of a list that are all `[key, value]` pairs, as entries; none if any is not one. */
function pairsOf(items: readonly unknown[]): unknown[][] {
  const pairs: unknown[][] = []
  for (const item of items) {
    const pair = toArray(item, 3)
    if (pair === undefined || pair.length !== 2) return []
    pairs.push(pair)
  }
  return pairs
}

/** The message of a failure record (a plain object with a `message`), as a list of one. */
function recordMessage(said: unknown): string[] | undefined {
  try {
    if (!isObjectLike(said) || Object.getPrototypeOf(said) !== Object.prototype) return undefined
  } catch {
    return undefined // a Proxy that refuses
  }
  const message = get(said, 'message')
  return typeof message === 'string' ? [message] : undefined
}

/** What an entry says: a message, an error's message, or a list or set of messages. */
function messagesOf(said: unknown): string[] | undefined {
  if (typeof said === 'string') return [said]
  const listed = stringsOf(said)
  if (listed !== undefined) return listed
  const message = isObjectLike(said) ? messageOf(said) : undefined
  return message === undefined ? undefined : [message]
}

/** A `Map`'s (or a plain object's) first entries, guarded; `undefined` for anything else. */
function mapEntries(held: object): { readonly entries: unknown[][]; readonly isMap: boolean } | undefined {
  try {
    if (held instanceof Map) {
      const entries: unknown[][] = []
      for (const entry of Map.prototype.entries.call(held)) {
        if (entries.length >= MAX_ISSUES) break
        entries.push(entry)
      }
      return { entries, isMap: true }
    }
    if (Object.getPrototypeOf(held) !== Object.prototype) return undefined
    const entries = ownKeys(held).map((key) => [key, (held as Record<string, unknown>)[key]])
    return { entries, isMap: false }
  } catch {
    return undefined // a Proxy that refuses
  }
}

/** A list or set of strings, as strings; `undefined` if any item is not one. */
function stringsOf(value: unknown): string[] | undefined {
  let items: unknown[] | undefined
  try {
    if (value instanceof Set) {
      items = []
      for (const item of Set.prototype.values.call(value)) {
        if (items.length >= MAX_ISSUES) break
        items.push(item)
      }
    } else items = toArray(value, MAX_ISSUES)
  } catch {
    return undefined
  }
  return items?.every((item) => typeof item === 'string') ? (items as string[]) : undefined
}

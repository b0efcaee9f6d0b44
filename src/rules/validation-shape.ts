import { family } from '../internal/family.js'
import {
  ISSUE_LISTS,
  ISSUE_SUFFIXES,
  isIssueKey,
  listedIssues,
  pathedIssues,
  shapeIssues,
  VALIDATION_NAME,
} from '../internal/issue-shapes.js'
import { type Issues, validationVerdict } from '../internal/issues.js'
import type { Probe } from '../internal/probe.js'
import { has } from '../internal/safe.js'

/**
 * Any other validator's failure, by shape (after the database families, so that a unique violation
 * that carries its items, as Sequelize's does, stays a conflict): 422 `validation:shape`.
 */
export const validationShapeRule = family({
  name: 'validation',
  triggers: {
    keys: [...ISSUE_LISTS, 'error', 'path'],
    keySuffixes: ISSUE_SUFFIXES,
    nameTest: (name) => VALIDATION_NAME.test(name),
    lateAlways: true,
  },
  read(value) {
    const issues = shapeIssues(value)
    return issues ? validationVerdict('validation:shape', issues, value) : undefined
  },
  // Late, for an error of a class of its own that nothing recognised, what no trigger sees: issues
  // behind a getter of the class (`issues`) or under a key it hid (`arkErrors`, not enumerable), a
  // property path kept as a string with a message that begins with it, issues listed in the
  // message one a line at their paths.
  late(value) {
    const { name, constructorName } = value
    if (!isOwnClass(name) && (constructorName === name || !isOwnClass(constructorName))) return undefined
    if (value.ownKeys.includes('path')) return verdictOf(pathedIssues(value), value)
    if (has(value, 'issues')) return verdictOf(shapeIssues(value), value)
    // Issues hidden or only listed are read for a message of several lines, as a validator's that
    // lists them is (listing hidden keys costs what `Reflect.ownKeys` does: not for every error).
    if (value.message?.includes('\n') !== true) return undefined
    const hidden = value.hiddenKeys.filter(isIssueKey)
    if (hidden.length > 0) return verdictOf(shapeIssues(value, hidden), value)
    return verdictOf(listedIssues(value), value)
  },
})

const verdictOf = (issues: Issues | undefined, value: Probe) =>
  issues ? validationVerdict('validation:shape', issues, value) : undefined

/** An error class of a library's own (`TraversalError`, `VError`), not the runtime's. */
const isOwnClass = (name: string | undefined) =>
  name !== undefined && name.length <= 64 && name.endsWith('Error') && !BUILT_IN.has(name)

/** The runtime's own error classes: no validator's. */
const BUILT_IN = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
  'AggregateError',
])

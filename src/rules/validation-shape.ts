import { family } from '../internal/family.js'
import { ISSUE_LISTS, ISSUE_SUFFIXES, shapeIssues, VALIDATION_NAME } from '../internal/issue-shapes.js'
import { validationVerdict } from '../internal/issues.js'

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
  },
  read(value) {
    const issues = shapeIssues(value)
    return issues ? validationVerdict('validation:shape', issues, value.message) : undefined
  },
})

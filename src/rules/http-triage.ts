import { HTTP_ERROR_BRAND } from '../http-error.js'
import { family } from '../internal/family.js'
import { get, getBoolean, getNumber, getString } from '../internal/safe.js'
import type { ValidationIssue } from '../types.js'

/** Errors made by `httpError` and its helpers: read back exactly. */
export const httpTriageRule = family({
  name: 'http-error',
  triggers: { keys: ['expose'] },
  read(value) {
    if (get(value, HTTP_ERROR_BRAND) !== true) return undefined
    const status = getNumber(value, 'status')
    const details = get(value, 'details')
    const retryAfter = getNumber(value, 'retryAfter')
    return {
      ...(status === undefined ? {} : { status }),
      ...(getString(value, 'code') === undefined ? {} : { code: getString(value, 'code') as string }),
      expose: getBoolean(value, 'expose') === true,
      headers: get(value, 'headers') as Record<string, string>,
      ...(Array.isArray(details) ? { details: details as ValidationIssue[] } : {}),
      ...(retryAfter === undefined ? {} : { retryAfter }),
    }
  },
})

import type { Classification, ValidationIssue } from '../types.js'

/** The fields of a classification, without its `cause`. */
export type Fields = Omit<Classification, 'cause'>

/**
 * The classifications this library makes. They are frozen (their headers and details too) and
 * known by a private brand, which no thrown value, copy or other realm can carry, so `serialize`
 * uses them as they are; anything else is read once into plain values and checked.
 */
export class Made implements Classification {
  declare readonly status: number
  declare readonly code: string
  declare readonly title: string
  declare readonly message: string
  declare readonly expose: boolean
  declare readonly retryable: boolean
  declare readonly headers: Readonly<Record<string, string>>
  declare readonly rule: string
  declare readonly cause: unknown
  declare readonly retryAfter?: number
  declare readonly details?: readonly ValidationIssue[]
  readonly #made = true

  /**
   * `fields` must come from a `Made` or from `buildClassification`, whose parts are frozen. With
   * `exposed` (a clean message of the error's own, for a 4xx), the copy says that message instead;
   * with `details` (clean and frozen, for a 4xx), it carries them.
   */
  constructor(fields: Fields, cause: unknown, exposed?: string, details?: readonly ValidationIssue[]) {
    this.status = fields.status
    this.code = fields.code
    this.title = fields.title
    this.message = exposed ?? fields.message
    this.expose = exposed !== undefined || fields.expose
    this.retryable = fields.retryable
    this.headers = fields.headers
    this.rule = fields.rule
    this.cause = cause
    if (fields.retryAfter !== undefined) this.retryAfter = fields.retryAfter
    const issues = details ?? fields.details
    if (issues !== undefined) this.details = issues
    Object.freeze(this)
  }

  /** Whether `value` was made here (a private-brand check: no trap of a Proxy runs). */
  static is(value: unknown): value is Made {
    return typeof value === 'object' && value !== null && #made in value
  }
}

/** A classification made here, with another rule name and cause (the responder's re-answers). */
export function withRule(made: Classification, rule: string, cause: unknown): Made {
  return new Made({ ...made, rule }, cause)
}

/** The same classification with another cause (the log report's redacted copy). */
export function withCause(made: Classification, cause: unknown): Made {
  return new Made(made, cause)
}

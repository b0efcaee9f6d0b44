import type { Classification, ValidationIssue } from './types.js'

/** What a body formatter is given besides the classification. */
export interface FormatContext {
  readonly requestId: string
  /** The message, capped to the serializer's `maxMessageLength`. */
  readonly message: string
  /** RFC 9457 `instance`, where configured. */
  readonly instance?: string
  /** RFC 9457 `type`: `about:blank`, or the configured base URI followed by the code. */
  readonly type: string
}

/** A custom body: any JSON value built from the classification (which never holds a 5xx's internals). */
export type Formatter = (classification: Classification, context: FormatContext) => unknown

/**
 * An RFC 9457 Problem Details body with the extension members `code`, `request_id`, `retryable`
 * (whether a client may repeat the request: `http-triage/client` reads it) and `errors`.
 */
export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  code: string
  request_id: string
  retryable: boolean
  errors?: ValidationIssue[]
  debug?: DebugInfo
}

/** The plain JSON body: `{ error, code, message, status, request_id, retryable }`. */
export interface JsonBody {
  error: string
  code: string
  message: string
  status: number
  request_id: string
  retryable: boolean
  errors?: ValidationIssue[]
  debug?: DebugInfo
}

/** What `debug: true` adds for local development: the thrown value's stack and cause chain. */
export interface DebugInfo {
  name: string
  message: string
  stack?: string
  causes: { name: string; message: string }[]
}

/**
 * The RFC 9457 Problem Details body.
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function problemBody(c: Classification, ctx: FormatContext): ProblemBody {
  const body: ProblemBody = {
    type: ctx.type,
    title: c.title,
    status: c.status,
    detail: ctx.message,
    code: c.code,
    request_id: ctx.requestId,
    retryable: c.retryable,
  }
  if (ctx.instance !== undefined) body.instance = ctx.instance
  if (c.details) body.errors = c.details.map(copyIssue)
  return body
}

/** The plain JSON body, for APIs that do not speak Problem Details. */
export function jsonBody(c: Classification, ctx: FormatContext): JsonBody {
  const body: JsonBody = {
    error: c.title,
    code: c.code,
    message: ctx.message,
    status: c.status,
    request_id: ctx.requestId,
    retryable: c.retryable,
  }
  if (c.details) body.errors = c.details.map(copyIssue)
  return body
}

/** A body's own copy of an issue (one literal: V8 spreads a frozen object slower than it copies three fields). */
function copyIssue(issue: ValidationIssue): ValidationIssue {
  return { path: issue.path, message: issue.message, code: issue.code }
}

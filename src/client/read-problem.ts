import type { ValidationIssue } from '../types.js'

/**
 * An error body read by `readProblem`: RFC 9457 Problem Details, or http-triage's plain JSON
 * shape, in one form.
 */
export interface Problem {
  /** The response's status (RFC 9457 §3.1.2: the body's `status` member is only advisory). */
  readonly status: number
  /** `title` (Problem Details) or `error` (plain JSON): the reason phrase. */
  readonly title: string | undefined
  /** `detail` (Problem Details) or `message` (plain JSON): for people, may change. */
  readonly detail: string | undefined
  /** The stable public code to branch on, e.g. `VALIDATION_FAILED`. */
  readonly code: string | undefined
  /** `request_id`, else the `X-Request-Id` header: quote it to support. */
  readonly requestId: string | undefined
  /** RFC 9457 `type`, `about:blank` when absent. */
  readonly type: string
  /** RFC 9457 `instance`. */
  readonly instance: string | undefined
  /** Validation issues (a 422), each `{ path, message, code }`. */
  readonly errors: readonly ValidationIssue[] | undefined
  /** Whether the server says the request may be repeated; absent when it did not say. */
  readonly retryable?: boolean
  /** Every other member of the body, as sent. */
  readonly extensions: Readonly<Record<string, unknown>>
}

/**
 * The most of a body that is read, 128 KiB: an http-triage body is far smaller (its property
 * suite holds every body under this), and a larger one is not ours.
 */
const MAX_PROBLEM_BYTES = 128 * 1024
const MAX_ISSUES = 100

/**
 * Reads an error body: `application/problem+json` (RFC 9457), or http-triage's plain JSON shape
 * `{ error, code, message, status, request_id, retryable, errors }`. It reads a clone, so the
 * response's own body is left for the caller, and at most 128 KiB of it. A body that is not JSON,
 * is malformed, too large, already read, or not an error body gives `undefined`; it never throws.
 *
 * @example
 * import { readProblem } from 'http-triage/client'
 * const response = await fetch('/api/orders', { method: 'POST', body })
 * if (!response.ok) {
 *   const problem = await readProblem(response)
 *   if (problem?.code === 'VALIDATION_FAILED') showFieldErrors(problem.errors)
 * }
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export async function readProblem(response: Response): Promise<Problem | undefined> {
  try {
    const type = mediaType(response.headers.get('content-type'))
    const isProblem = type === 'application/problem+json'
    if (!isProblem && type !== 'application/json') return undefined
    if (response.body === null || response.bodyUsed) return undefined
    const length = Number(response.headers.get('content-length'))
    if (length > MAX_PROBLEM_BYTES) return undefined
    const text = await readCapped(response.clone())
    if (text === undefined) return undefined
    return toProblem(JSON.parse(text), response, isProblem)
  } catch {
    return undefined
  }
}

/** `application/problem+json; charset=utf-8` → `application/problem+json`. */
function mediaType(header: string | null): string | undefined {
  return header?.split(';', 1)[0]?.trim().toLowerCase()
}

/** The body as text, or `undefined` once it passes the cap (the rest is never downloaded). */
async function readCapped(response: Response): Promise<string | undefined> {
  const body = response.body
  if (body === null) return undefined
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    bytes += value.byteLength
    if (bytes > MAX_PROBLEM_BYTES) {
      reader.cancel().catch(() => {})
      return undefined
    }
    text += decoder.decode(value, { stream: true })
  }
}

const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

function toProblem(body: unknown, response: Response, isProblem: boolean): Problem | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined
  // The rest are the extensions: a rest copy defines a member named "__proto__" as its own, and
  // never sets the prototype with it.
  const {
    type,
    title,
    status,
    detail,
    instance,
    code,
    request_id,
    retryable,
    errors,
    error,
    message,
    ...extensions
  } = body as Record<string, unknown>
  const heading = string(title) ?? string(error)
  const said = string(detail) ?? string(message)
  // Any JSON object is not an error body: ours has a code, a title or a detail.
  const stable = string(code)
  if (!isProblem && stable === undefined && heading === undefined && said === undefined) return undefined
  return {
    status: response.status,
    title: heading,
    detail: said,
    code: stable,
    requestId: string(request_id) ?? response.headers.get('x-request-id') ?? undefined,
    type: string(type) ?? 'about:blank',
    instance: string(instance),
    errors: issuesOf(errors),
    ...(typeof retryable === 'boolean' ? { retryable } : {}),
    extensions,
  }
}

function issuesOf(errors: unknown): ValidationIssue[] | undefined {
  if (!Array.isArray(errors)) return undefined
  const issues: ValidationIssue[] = []
  for (const issue of errors.slice(0, MAX_ISSUES)) {
    if (typeof issue !== 'object' || issue === null) continue
    const { path, message, code } = issue as Record<string, unknown>
    if (typeof path === 'string' && typeof message === 'string') {
      issues.push({ path, message, code: typeof code === 'string' ? code : '' })
    }
  }
  return issues
}
